import { fenTimes, ratioText, shareAbove, shareAtLeast, shareBelow } from './money';

describe('ratios', () => {
  it('compares shares exactly at the boundary', () => {
    expect(shareBelow(80, 100, 0.8)).toBe(false);
    expect(shareBelow(79999, 100000, 0.8)).toBe(true);
    expect(shareBelow(50, 100, 0.5)).toBe(false);
    // 0.1 × 3 is 0.30000000000000004 in floating point: exact arithmetic says equal.
    expect(shareBelow(3, 10, 0.3)).toBe(false);
    expect(shareAbove(1, 10, 0.1)).toBe(false);
    expect(shareAbove(2, 10, 0.1)).toBe(true);
    expect(shareAtLeast(1, 10, 0.1)).toBe(true);
    expect(shareAtLeast(1, 11, 0.1)).toBe(false);
    expect(shareBelow(0, 0, 0.8)).toBe(false);
    expect(shareAbove(1, 0, 0.5)).toBe(false);
  });

  it('renders ratios rounded half up, null for an empty whole', () => {
    expect(ratioText(45, 100)).toBe('0.4500');
    expect(ratioText(2, 3)).toBe('0.6667');
    expect(ratioText(1, 3)).toBe('0.3333');
    expect(ratioText(3, 3)).toBe('1.0000');
    expect(ratioText(1, 8, 2)).toBe('0.13');
    expect(ratioText(1, 0)).toBeNull();
  });

  it('multiplies fen by a decimal fraction rounding up', () => {
    expect(fenTimes(300000000, 0.01)).toBe(3000000);
    expect(fenTimes(299999999, 0.01)).toBe(3000000);
    expect(fenTimes(101, 0.5)).toBe(51);
  });

  it('rejects thresholds that are not plain decimals', () => {
    expect(() => shareBelow(1, 2, -0.1)).toThrow();
    expect(() => shareBelow(1, 2, 1e-7)).toThrow();
  });
});
