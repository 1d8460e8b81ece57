import { PrincipalCache } from './principal-cache';

describe('PrincipalCache', () => {
  let now = 0;
  const cache = (): PrincipalCache<string> => new PrincipalCache<string>(1_000, 3, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('serves and stores nothing until it hears changes', () => {
    const c = cache();
    expect(c.ticket()).toBeUndefined();
    c.put(c.ticket(), 'u1', 'row');
    c.setLive(true);
    expect(c.get('u1')).toBeUndefined();
  });

  it('serves what a read stored while live', () => {
    const c = cache();
    c.setLive(true);
    c.put(c.ticket(), 'u1', 'row');
    expect(c.get('u1')).toBe('row');
  });

  it('does not store a read that an invalidation overtook (it may have read the row before the change)', () => {
    const c = cache();
    c.setLive(true);
    const ticket = c.ticket();
    c.invalidate(); // the change's notification arrives while the read is in flight
    c.put(ticket, 'u1', 'old row');
    expect(c.get('u1')).toBeUndefined();
    c.put(c.ticket(), 'u1', 'new row');
    expect(c.get('u1')).toBe('new row');
  });

  it('forgets everything on a change, and when it stops hearing (and after it hears again)', () => {
    const c = cache();
    c.setLive(true);
    c.put(c.ticket(), 'u1', 'row');
    c.invalidate();
    expect(c.get('u1')).toBeUndefined();
    c.put(c.ticket(), 'u1', 'row');
    const before = c.ticket();
    c.setLive(false);
    expect(c.get('u1')).toBeUndefined();
    c.setLive(true);
    expect(c.get('u1')).toBeUndefined();
    c.put(before, 'u1', 'row read before the gap');
    expect(c.get('u1')).toBeUndefined();
  });

  it('drops entries past their age bound and keeps at most max entries', () => {
    const c = cache();
    c.setLive(true);
    c.put(c.ticket(), 'u1', 'row');
    now = 999;
    expect(c.get('u1')).toBe('row');
    now = 1_000;
    expect(c.get('u1')).toBeUndefined();
    for (const k of ['a', 'b', 'c', 'd']) c.put(c.ticket(), k, k);
    expect(['a', 'b', 'c', 'd'].filter((k) => c.get(k) !== undefined)).toEqual(['d']);
  });
});
