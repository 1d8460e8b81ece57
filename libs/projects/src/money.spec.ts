import { fenToYuan } from './money';

describe('fenToYuan', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(fenToYuan(1234560)).toBe('12345.60');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-150)).toBe('-1.50');
    expect(fenToYuan('900719925474099312')).toBe('9007199254740993.12');
  });
});
