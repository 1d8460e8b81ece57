import { EXACT_TOTAL_LIMIT, LARGE_TOTAL_MAX_AGE_MS, LargeSet, LargeTotals, REFRESH_AFTER_MS } from './large-totals';

const set = (total: number, boundaries: string[] = []): LargeSet => ({ total, boundaries });

describe('LargeTotals', () => {
  let now: number;
  let writes: number;
  let totals: LargeTotals;
  beforeEach(() => {
    now = 1_000;
    writes = 0;
    totals = new LargeTotals(() => now, () => writes);
  });

  it('knows nothing of a set never counted large: read directly', () => {
    expect(totals.current('k', () => Promise.resolve(set(1)))).toBeUndefined();
  });

  it('shares one census among concurrent requests and serves it while fresh', async () => {
    const census = jest.fn().mockResolvedValue(set(100_000, ['b1']));
    const [a, b] = await Promise.all([totals.get('k', census), totals.get('k', census)]);
    expect([a.total, b.total]).toEqual([100_000, 100_000]);
    now += REFRESH_AFTER_MS - 1;
    expect(await totals.current('k', census)).toEqual(set(100_000, ['b1']));
    expect(census).toHaveBeenCalledTimes(1);
  });

  it('starts the next census before the current one expires and keeps serving the current one until it is in', async () => {
    let finish: (s: LargeSet) => void = () => undefined;
    const census = jest
      .fn()
      .mockResolvedValueOnce(set(100_000))
      .mockImplementationOnce(() => new Promise<LargeSet>((r) => (finish = r)));
    await totals.get('k', census);
    now += REFRESH_AFTER_MS;
    expect((await totals.current('k', census))?.total).toBe(100_000);
    expect((await totals.current('k', census))?.total).toBe(100_000);
    expect(census).toHaveBeenCalledTimes(2);
    // Past the maximum age the old census is never used: requests wait for the new one.
    now += LARGE_TOTAL_MAX_AGE_MS - REFRESH_AFTER_MS;
    const waiting = totals.current('k', census);
    finish(set(100_003));
    expect((await waiting)?.total).toBe(100_003);
    expect((await totals.current('k', census))?.total).toBe(100_003);
    expect(census).toHaveBeenCalledTimes(2);
  });

  it('takes a large set again at once when its census is old, and its requests wait for that one', async () => {
    const census = jest.fn().mockResolvedValueOnce(set(100_000)).mockResolvedValueOnce(set(99_000));
    await totals.get('k', census);
    now += LARGE_TOTAL_MAX_AGE_MS + 1;
    const [a, b] = [totals.current('k', census), totals.current('k', census)];
    expect([(await a)?.total, (await b)?.total]).toEqual([99_000, 99_000]);
    expect(census).toHaveBeenCalledTimes(2);
  });

  it('never uses a census once this process has finished a request that may write, also one that finished during it', async () => {
    let finish: (s: LargeSet) => void = () => undefined;
    const census = jest
      .fn()
      .mockResolvedValueOnce(set(20_000))
      .mockImplementationOnce(() => new Promise<LargeSet>((r) => (finish = r)))
      .mockResolvedValueOnce(set(20_002));
    await totals.get('k', census);
    writes++;
    const during = totals.current('k', census); // outdated: a new census, taken now
    writes++; // a write finishing while it walks the set
    finish(set(20_001));
    expect((await during)?.total).toBe(20_001);
    expect((await totals.current('k', census))?.total).toBe(20_002);
    expect(census).toHaveBeenCalledTimes(3);
  });

  it('reads directly once a set is no longer large, and forgets a failed census', async () => {
    const census = jest.fn().mockResolvedValueOnce(set(EXACT_TOTAL_LIMIT + 500)).mockResolvedValueOnce(set(EXACT_TOTAL_LIMIT - 100));
    await totals.get('k', census);
    now += LARGE_TOTAL_MAX_AGE_MS;
    expect((await totals.current('k', census))?.total).toBe(EXACT_TOTAL_LIMIT - 100);
    now += LARGE_TOTAL_MAX_AGE_MS;
    expect(totals.current('k', census)).toBeUndefined();
    await expect(totals.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(totals.current('a', census)).toBeUndefined();
    expect((await totals.get('b', () => Promise.resolve(set(30_000)))).total).toBe(30_000);
  });
});
