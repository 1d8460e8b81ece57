/** SQL snippets shared by the rule statements. */

/** A payroll row's paid amount as of D ($4): counts only when paid_on is set and ≤ D. */
export const PAID_AS_OF = (alias: string): string => `CASE WHEN ${alias}.paid_on <= $4 THEN ${alias}.paid_fen ELSE 0 END`;

/**
 * One row per (project, worker) of P for the evaluated projects: P's attendance row and
 * payroll row joined (either may be missing, see in_attendance / in_payroll), built once
 * per evaluation by engine/period-summary.ts. Its per-project roll-up is PERIOD_PROJECTS
 * (payroll_rows, payable_fen, paid_fen as of D, underpaid_workers, attending_workers,
 * days_worked of those attending, and of its payroll rows max_paid_fen as of D,
 * first_paid_on, last_paid_on).
 */
export const PERIOD_WORKERS = `pg_temp.rule_period_workers`;
export const PERIOD_PROJECTS = `pg_temp.rule_period_projects`;

/**
 * Per evaluated project and period up to P: payable_fen (the period's total),
 * max_paid_fen (its largest single payment paid as of D) and first_paid_on /
 * last_paid_on (the earliest and latest paid_on of its rows), built once per evaluation by
 * engine/payroll-history.ts for the rules that read the payroll history.
 */
export const PAYROLL_HISTORY = `pg_temp.rule_payroll_history`;

/**
 * The evaluated projects' workers rows with project_code, id_hash, entered_on, exited_on,
 * contract_signed, employer_uscc and team_leader_id_hash (no name or masked id: read those
 * from workers for listed rows), built once per evaluation by engine/scope-workers.ts.
 */
export const SCOPE_WORKERS = `pg_temp.rule_workers`;

/**
 * The payroll / attendance rows of P, as a FROM item, read from the month summary (the
 * same columns as the tables for the evaluated projects). Rules add `project_code =
 * ANY(...)` next to it to keep to their own projects.
 */
export const PAYROLL_OF_P = `(SELECT project_code, id_hash, payroll_id_masked AS id_masked, payable_fen, paid_fen, paid_on, paid_via
     FROM ${PERIOD_WORKERS} WHERE in_payroll)`;
export const ATTENDANCE_OF_P = `(SELECT project_code, id_hash, attendance_id_masked AS id_masked, days_worked
     FROM ${PERIOD_WORKERS} WHERE in_attendance)`;

/**
 * Rows of `alias` for the projects of CTE `cte` only (the firing ones), as a filter: the
 * worker lists then read the few firing projects' rows instead of joining every row of P
 * to them.
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
