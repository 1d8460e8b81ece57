import { maskPersonalNumbers } from './masking';

describe('maskPersonalNumbers', () => {
  it('masks ID-like and card-like numbers in any message, leaving codes and masks alone', () => {
    expect(maskPersonalNumbers('ID 42011319900101123X and card 6222020200001234567 on street 420113001')).toBe(
      'ID 420113********123X and card ***************4567 on street 420113001',
    );
    expect(maskPersonalNumbers('already 420113********1234')).toBe('already 420113********1234');
  });
  it('masks every 6+ digit run when the message is about a personal-data cell', () => {
    expect(maskPersonalNumbers('"4201131990" is not an ID number', true)).toBe('"******1990" is not an ID number');
    expect(maskPersonalNumbers('"12345678" is not a card number; row 12', true)).toBe('"****5678" is not a card number; row 12');
  });
});
