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
 * BOUNDARY_STRIDE-th alert. The walk collects only the ids, in order (an array built from
 * an ordered subquery keeps its order), and reads the keys of the few boundary alerts back
 * by id in the same statement, so in the same snapshot: 26–30 ms of PostgreSQL CPU at
 * 100k, about a count, where a row_number() window over the walk took 56–62 ms.
 * `keys` selects the id and the k_ keys over `alerts a` as the list does, `from … where`
 * is the list's set, `order` its queue order (an index walk, no sort).
 */
export function censusSql(keys: string, from: string, where: string, order: string): string {
  return `WITH s AS MATERIALIZED (SELECT ARRAY(SELECT a.id FROM ${from} WHERE ${where} ORDER BY ${order}) AS ids)
    SELECT cardinality(s.ids) AS n,
           coalesce((SELECT json_agg(${KEY_JSON_SQL} ORDER BY g)
                       FROM generate_series(${BOUNDARY_STRIDE}, least(cardinality(s.ids), ${BOUNDARY_STRIDE * MAX_BOUNDARIES}), ${BOUNDARY_STRIDE}) g
                       CROSS JOIN LATERAL (SELECT ${keys} FROM alerts a WHERE a.id = s.ids[g]) b), '[]')::text AS boundaries
      FROM s`;
}
