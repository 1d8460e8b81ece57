import { fenToYuan, fenToYuanOrNull, parseYuan, yuanToFen } from './yuan';

describe('parseYuan (files and API alike)', () => {
  it.each([
    ['12345.60', 1234560],
    ['0.1', 10],
    ['12', 1200],
    ['0', 0],
    ['31794000.10', 3179400010],
    ['1234567890123.99', 123456789012399],
    ['9999999999999', 999999999999900],
    ['00000000000012', 1200],
    ['12,345.6', 1234560],
    ['1,234,567.00', 123456700],
    // Leading zeros are ignored on both the fast path and the grouped/long path.
    ['007.50', 750],
    ['01', 100],
    ['0000000000001234.5', 123450],
  ])('%s yuan is %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ fen });
  });

  it.each([
    ['1.234', 'format'],
    ['12,34.5', 'format'],
    ['abc', 'format'],
    ['', 'format'],
    ['1.', 'format'],
    ['.5', 'format'],
    [' 1', 'format'],
    ['-5', 'negative'],
    ['-0.01', 'negative'],
    ['12345678901234', 'too-large'],
    ['9999999999999.995', 'format'],
    ['10000000000000', 'too-large'],
    ['12,345,678,901,234', 'too-large'],
  ])('%j is refused (%s)', (text, problem) => {
    expect(parseYuan(text)).toEqual({ problem });
  });
});

describe('yuanToFen (API values)', () => {
  it.each<[string | number, number | null]>([
    ['31794000.10', 3179400010],
    [' 12 ', 1200],
    [0.1, 10],
    [1234.5, 123450],
    ['01', 100],
    ['1.234', null],
    ['-1', null],
    ['abc', null],
    ['', null],
    [0.1 + 0.2, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [1e21, null],
  ])('%j → %p', (value, fen) => {
    expect(yuanToFen(value)).toBe(fen);
  });
});

describe('fenToYuan', () => {
  it.each<[number | string | bigint, string]>([
    [1234560, '12345.60'],
    [123450, '1234.50'],
    [5, '0.05'],
    [0, '0.00'],
    [-5, '-0.05'],
    [-150, '-1.50'],
    [-123456, '-1234.56'],
    [900719925474099n, '9007199254740.99'],
    ['900719925474099312', '9007199254740993.12'],
  ])('%p fen is %s yuan', (fen, yuan) => {
    expect(fenToYuan(fen)).toBe(yuan);
  });

  it('passes an unknown amount through as null', () => {
    expect(fenToYuanOrNull(null)).toBeNull();
    expect(fenToYuanOrNull('150')).toBe('1.50');
  });
});
