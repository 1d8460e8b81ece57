import { EntityManager } from 'typeorm';

/**
 * The lowest and highest project code of an evaluation's scope, in the database's
 * collation. Reads of P's (or the history's) rows add `project_code BETWEEN lo AND hi`
 * next to `= ANY(codes)`: the range is an index condition, so a scan shard (a contiguous
 * range of codes) reads only its part of the heap; the array keeps the read exact.
 */
export interface CodeBounds {
  lo: string;
  hi: string;
}

/**
 * The same bounds inside one rule statement ($1 = the codes), as a CTE named
 * code_bounds: a rule adds IN_CODE_BOUNDS to a read of a whole table (not of P), which
 * the rule engine's bounds cannot reach (a rule's parameters are the same five for every rule).
 */
export const CODE_BOUNDS_CTE = `code_bounds AS (SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c)`;

/**
 * `column` (a project code) within code_bounds, as a filter next to the join on the
 * scope, for a rule reading a table keyed by project (projects, wage_accounts). Without
 * it the planner prices the scope's 5,000 key probes above a sequential scan and hashes
 * the whole table on every shard, a cost that grows with the shard count times the
 * table; with it each shard reads its own index range (the bounds are unknown when
 * planning, so the planner expects a narrow range).
 * docs/decisions/scan-rules-read-their-range.md.
 */
export const IN_CODE_BOUNDS = (column: string): string =>
  `${column} BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds)`;

/**
 * The distinct periods of payroll satisfying `condition` (on `period`), as an array: a
 * loose index scan of payroll (period, project_code), one descent per period. A read of
 * several periods says `period = ANY(<this>) AND project_code BETWEEN lo AND hi`: the index
 * then reads only the range's part of each period (the rows of a month lie in project
 * order), where `period <= P` with the range is not an index bound on the second column
 * and the planner scans every page of the table instead.
 */
export const payrollPeriodsSql = (condition: string): string =>
  `ARRAY(WITH RECURSIVE pp(period) AS (SELECT min(period) FROM payroll
     UNION ALL SELECT (SELECT min(q.period) FROM payroll q WHERE q.period > pp.period) FROM pp WHERE pp.period IS NOT NULL)
   SELECT period FROM pp WHERE period IS NOT NULL AND ${condition})`;

export async function codeBounds(m: EntityManager, projectCodes: string[]): Promise<CodeBounds> {
  const [bounds]: CodeBounds[] = await m.query(`WITH ${CODE_BOUNDS_CTE} SELECT lo, hi FROM code_bounds`, [projectCodes]);
  return bounds;
}
