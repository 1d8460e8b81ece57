import { fenTimes, ratioText, shareAbove, shareAtLeast, shareBelow } from './money';

const COMPARE = { shareBelow, shareAbove, shareAtLeast };

describe('ratios', () => {
  it.each<[keyof typeof COMPARE, number, number, number, boolean]>([
    ['shareBelow', 80, 100, 0.8, false],
    ['shareBelow', 79999, 100000, 0.8, true],
    ['shareBelow', 50, 100, 0.5, false],
    // 0.1 × 3 is 0.30000000000000004 in floating point: exact arithmetic says equal.
    ['shareBelow', 3, 10, 0.3, false],
    ['shareAbove', 1, 10, 0.1, false],
    ['shareAbove', 2, 10, 0.1, true],
    ['shareAtLeast', 1, 10, 0.1, true],
    ['shareAtLeast', 1, 11, 0.1, false],
    ['shareBelow', 0, 0, 0.8, false],
    ['shareAbove', 1, 0, 0.5, false],
  ])('%s(%i, %i, %p) is %p, exactly at the boundary', (fn, part, whole, threshold, expected) => {
    expect(COMPARE[fn](part, whole, threshold)).toBe(expected);
  });

  it.each<[number, number, number | undefined, string | null]>([
    [45, 100, undefined, '0.4500'],
    [2, 3, undefined, '0.6667'],
    [1, 3, undefined, '0.3333'],
    [3, 3, undefined, '1.0000'],
    [1, 8, 2, '0.13'],
    [1, 0, undefined, null],
  ])('ratioText(%i, %i, %p) is %p (half up; null for an empty whole)', (part, whole, digits, text) => {
    expect(ratioText(part, whole, digits)).toBe(text);
  });

  it.each([
    [300000000, 0.01, 3000000],
    [299999999, 0.01, 3000000],
    [101, 0.5, 51],
  ])('fenTimes(%i, %p) rounds up to %i', (fen, threshold, product) => {
    expect(fenTimes(fen, threshold)).toBe(product);
  });

  it.each([-0.1, 1e-7])('rejects the threshold %p (not a plain decimal)', (threshold) => {
    expect(() => shareBelow(1, 2, threshold)).toThrow();
  });
});
