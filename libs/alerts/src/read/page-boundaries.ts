import { KEY_JSON_SQL } from './list-cursor';

/**
 * Page boundaries of a large set (docs/decisions/alert-list-page-boundaries.md): the
 * census of a filter and scope keeps the queue-order key of every BOUNDARY_STRIDE-th
 * alert, and a page at offset n ≥ BOUNDARY_STRIDE is read as "after the boundary at or
 * below n, skipping the rest": at most BOUNDARY_STRIDE − 1 index entries walked instead of
 * n (100k open alerts: the deepest page walked 100,000). Shallower pages run directly.
 */
export const BOUNDARY_STRIDE = 250;
/** Boundaries kept per census (a set of 500k alerts); deeper pages skip more from the last one. */
export const MAX_BOUNDARIES = 2_000;

/** Where a page at `offset` starts: after `key` (key JSON), skipping `skip` alerts; undefined = read it directly. */
export function nearestBoundary(offset: number, boundaries: readonly string[]): { key: string; skip: number } | undefined {
  const i = Math.min(Math.floor(offset / BOUNDARY_STRIDE), boundaries.length) - 1;
  return i < 0 ? undefined : { key: boundaries[i], skip: offset - (i + 1) * BOUNDARY_STRIDE };
}

/**
 * The census in one walk of the set in queue order: its size and the key of every
 * BOUNDARY_STRIDE-th alert. `keys` selects the id and the k_ keys as the list does,
 * `from … where` is the list's set, `order` its queue order (an index walk, no sort).
 */
export function censusSql(keys: string, from: string, where: string, order: string): string {
  return `SELECT count(*)::int AS n,
         coalesce(json_agg(${KEY_JSON_SQL} ORDER BY rn) FILTER (WHERE rn % ${BOUNDARY_STRIDE} = 0 AND rn <= ${BOUNDARY_STRIDE * MAX_BOUNDARIES}), '[]')::text AS boundaries
    FROM (SELECT row_number() OVER (ORDER BY ${order}) AS rn, ${keys} FROM ${from} WHERE ${where}) c`;
}
