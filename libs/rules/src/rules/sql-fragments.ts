/** SQL snippets shared by the rule statements. */

/** A payroll row's paid amount as of D ($4): counts only when paid_on is set and ≤ D. */
export const PAID_AS_OF = (alias: string): string => `CASE WHEN ${alias}.paid_on <= $4 THEN ${alias}.paid_fen ELSE 0 END`;

/**
 * The payroll / attendance rows of P, as a FROM item. Rules add `project_code =
 * ANY(...)` next to it, so the (period, project_code) indexes drive the read.
 */
export const PAYROLL_OF_P = `(SELECT * FROM payroll WHERE period = $5::date)`;
export const ATTENDANCE_OF_P = `(SELECT * FROM attendance WHERE period = $5::date)`;

/**
 * Rows of `alias` for the projects of CTE `cte` only (the firing ones), as a filter the
 * (period, project_code) indexes can use: the worker lists then read the few firing
 * projects' rows instead of joining every row of P to them.
 */
export const OF_PROJECTS_IN = (cte: string, alias = 'x'): string => `${alias}.project_code = ANY (ARRAY(SELECT project_code FROM ${cte}))`;

/** The month before P. */
export const PREVIOUS_PERIOD = `($5::date - interval '1 month')::date`;

/** Last day of P. */
export const PERIOD_END = `(($5::date + interval '1 month')::date - 1)`;

/**
 * `LEFT JOIN` of the workers row (at most one: unique on project_code, id_hash) of the
 * row `alias`, as alias `w` with its name. A lateral index lookup per listed row, so
 * the short worker lists never hash the province's whole workers table.
 */
export const WORKER_ROW = (alias: string): string =>
  `LEFT JOIN LATERAL (SELECT w.name FROM workers w WHERE w.project_code = ${alias}.project_code AND w.id_hash = ${alias}.id_hash LIMIT 1) w ON true`;

/**
 * A CTE `name(project_code, workers)`: up to 20 affected workers per project as a JSON
 * array, set-based (one window over the candidate rows of every firing project, no
 * correlated subquery per project). `from` must expose the candidate rows as `x`
 * (with project_code, id_hash, id_masked); `columns` are extra columns of x selected
 * for `fields`, which reads them from alias `r`; `order` ranks the rows (ties by id_hash).
 */
export const WORKER_LIST_CTE = (name: string, o: { from: string; columns: string; fields: string; order: string }): string => `${name} AS (
  SELECT r.project_code,
         jsonb_agg(jsonb_build_object('name', w.name, 'idMasked', r.id_masked, ${o.fields}) ORDER BY r.rn) AS workers
    FROM (SELECT x.project_code, x.id_hash, x.id_masked, ${o.columns},
                 row_number() OVER (PARTITION BY x.project_code ORDER BY ${o.order}, x.id_hash) AS rn
            ${o.from}) r
    ${WORKER_ROW('r')}
   WHERE r.rn <= 20
   GROUP BY r.project_code)`;

/** Aggregate: the first 20 of `obj` in `order`, as a JSON array (inside GROUP BY). */
export const FIRST_20 = (obj: string, order: string, filter = ''): string =>
  `coalesce(to_jsonb((array_agg(${obj} ORDER BY ${order})${filter ? ` FILTER (WHERE ${filter})` : ''})[1:20]), '[]'::jsonb)`;
