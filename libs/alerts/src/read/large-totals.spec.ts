import { LARGE_TOTAL_MAX_AGE_MS, LargeTotals } from './large-totals';

describe('LargeTotals', () => {
  it('counts once per key while the count is fresh, again once it is old', async () => {
    let now = 1_000;
    const totals = new LargeTotals(() => now);
    const count = jest.fn().mockResolvedValueOnce(100_000).mockResolvedValueOnce(100_001);
    const [a, b] = await Promise.all([totals.get('k', count), totals.get('k', count)]);
    expect([a, b]).toEqual([100_000, 100_000]);
    now += LARGE_TOTAL_MAX_AGE_MS - 1;
    expect(await totals.get('k', count)).toBe(100_000);
    expect(count).toHaveBeenCalledTimes(1);
    now += 1;
    expect(await totals.get('k', count)).toBe(100_001);
    expect(count).toHaveBeenCalledTimes(2);
  });

  it('tells whether a fresh total is known without counting', async () => {
    let now = 0;
    const totals = new LargeTotals(() => now);
    expect(totals.fresh('k')).toBeUndefined();
    await totals.get('k', () => Promise.resolve(50_000));
    expect(await totals.fresh('k')).toBe(50_000);
    now += LARGE_TOTAL_MAX_AGE_MS;
    expect(totals.fresh('k')).toBeUndefined();
  });

  it('keeps keys apart and forgets a failed count', async () => {
    const totals = new LargeTotals(() => 0);
    await expect(totals.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await totals.get('a', () => Promise.resolve(20_000))).toBe(20_000);
    expect(await totals.get('b', () => Promise.resolve(30_000))).toBe(30_000);
  });
});
