import { BOUNDARY_STRIDE, censusSql, nearestBoundary } from './page-boundaries';

describe('page boundaries', () => {
  const keys = Array.from({ length: 4 }, (_, i) => `key at ${(i + 1) * BOUNDARY_STRIDE - 1}`);

  it('reads a shallow page directly', () => {
    expect(nearestBoundary(0, keys)).toBeUndefined();
    expect(nearestBoundary(BOUNDARY_STRIDE - 50, keys)).toBeUndefined();
  });

  it('starts a deep page after the boundary at or below its offset, skipping the rest', () => {
    // The alerts after the one at offset STRIDE − 1 start at offset STRIDE.
    expect(nearestBoundary(BOUNDARY_STRIDE, keys)).toEqual({ key: keys[0], skip: 0 });
    expect(nearestBoundary(2 * BOUNDARY_STRIDE - 1, keys)).toEqual({ key: keys[0], skip: BOUNDARY_STRIDE - 1 });
    expect(nearestBoundary(3 * BOUNDARY_STRIDE + 1, keys)).toEqual({ key: keys[2], skip: 1 });
  });

  it('skips from the last boundary beyond the ones kept, and reads directly without any', () => {
    expect(nearestBoundary(10 * BOUNDARY_STRIDE + 7, keys)).toEqual({ key: keys[3], skip: 6 * BOUNDARY_STRIDE + 7 });
    expect(nearestBoundary(10 * BOUNDARY_STRIDE, [])).toBeUndefined();
  });

  it('takes the census in one ordered walk of the set, reading back only the boundary alerts', () => {
    const sql = censusSql('a.id, a.x AS k_rank', 'alerts a', 'a.status = $1', 'a.x, a.id');
    expect(sql).toContain('ARRAY(SELECT a.id FROM alerts a WHERE a.status = $1 ORDER BY a.x, a.id)');
    expect(sql).toContain(`generate_series(${BOUNDARY_STRIDE}, least(cardinality(s.ids), `);
    expect(sql).toContain('SELECT a.id, a.x AS k_rank FROM alerts a WHERE a.id = s.ids[g]');
  });
});
