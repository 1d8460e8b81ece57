import { textArrayLiteral } from './array-literal';

// node-pg's own serialiser, which the literal must match byte for byte.
const { prepareValue } = jest.requireActual<{ prepareValue(v: unknown): unknown }>('pg/lib/utils');

describe('textArrayLiteral', () => {
  it.each([
    [[] as string[]],
    [['BP0000001']],
    [['BP0000001', 'BP0000002', '11', 'national']],
    [['a"b', 'c\\d', 'e,f', '{g}', ' h ', '', 'NULL', '上海', 'i\\"j']],
  ])('is what node-pg sends for %j', (values) => {
    expect(textArrayLiteral(values)).toBe(prepareValue(values));
  });
});
