import { EntityManager } from 'typeorm';
import { CodeBounds } from './code-bounds';

/**
 * The month summary of one evaluation (issue 17): P's payroll and attendance rows of the
 * evaluated projects are read once, joined per (project, worker) into
 * pg_temp.rule_period_workers and rolled up per project into
 * pg_temp.rule_period_projects. Every period rule then reads these two small tables
 * instead of each reading (and joining) the raw rows of P again.
 *
 * Temporary tables, not CTEs: a CTE lives for one statement and the rules are one
 * statement each. ON COMMIT DROP ends them with the evaluation's transaction (or, inside
 * a scan shard's transaction, with the shard), so a pooled connection keeps nothing;
 * the DROP first lets a second evaluation in the same transaction build its own.
 * (payroll and attendance are unique on project, id_hash, period: one row each per worker.)
 */
export const PERIOD_SUMMARY_TABLES = ['pg_temp.rule_period_workers', 'pg_temp.rule_period_projects'];

/** Whether a rule statement reads the summary (so it is built only when a rule needs it). */
export const readsPeriodSummary = (sql: string): boolean => PERIOD_SUMMARY_TABLES.some((t) => sql.includes(t));

/**
 * $1 text[] projects, $2 date P, $3 / $4 text the lowest and highest of $1: the range
 * bounds the index scan to the scope's part of P (a scan shard's contiguous range), the
 * array keeps it exact.
 */
const WORKERS_SQL = `CREATE TEMP TABLE rule_period_workers ON COMMIT DROP AS
SELECT coalesce(a.project_code, pr.project_code) AS project_code, coalesce(a.id_hash, pr.id_hash) AS id_hash,
       a.project_code IS NOT NULL AS in_attendance, a.id_masked AS attendance_id_masked, a.days_worked,
       pr.project_code IS NOT NULL AS in_payroll, pr.id_masked AS payroll_id_masked,
       pr.payable_fen, pr.paid_fen, pr.paid_on, pr.paid_via
  FROM (SELECT project_code, id_hash, id_masked, days_worked FROM attendance
         WHERE period = $2::date AND project_code BETWEEN $3::text AND $4::text AND project_code = ANY($1::text[])) a
  FULL JOIN (SELECT project_code, id_hash, id_masked, payable_fen, paid_fen, paid_on, paid_via
               FROM payroll
              WHERE period = $2::date AND project_code BETWEEN $3::text AND $4::text AND project_code = ANY($1::text[])) pr
    ON pr.project_code = a.project_code AND pr.id_hash = a.id_hash`;

/** Paid as of D ($1 here), as PAID_AS_OF in the rules. */
const PAID = `CASE WHEN paid_on <= $1::date THEN paid_fen ELSE 0 END`;

const PROJECTS_SQL = `CREATE TEMP TABLE rule_period_projects ON COMMIT DROP AS
SELECT project_code,
       count(*) FILTER (WHERE in_payroll)::int AS payroll_rows,
       coalesce(sum(payable_fen) FILTER (WHERE in_payroll), 0)::bigint AS payable_fen,
       coalesce(sum(${PAID}) FILTER (WHERE in_payroll), 0)::bigint AS paid_fen,
       count(*) FILTER (WHERE in_payroll AND ${PAID} < payable_fen)::int AS underpaid_workers,
       count(*) FILTER (WHERE in_attendance AND days_worked > 0)::int AS attending_workers,
       coalesce(sum(days_worked) FILTER (WHERE in_attendance AND days_worked > 0), 0)::int AS days_worked,
       -- PAID_OUTSIDE_ACCOUNT: paid as of D other than through the dedicated account.
       coalesce(sum(${PAID}) FILTER (WHERE in_payroll AND paid_via <> 'dedicated_account'), 0)::bigint AS outside_paid_fen,
       coalesce(sum(${PAID}) FILTER (WHERE in_payroll AND paid_via = 'other_account'), 0)::bigint AS other_account_fen,
       coalesce(sum(${PAID}) FILTER (WHERE in_payroll AND paid_via = 'cash'), 0)::bigint AS cash_fen,
       count(*) FILTER (WHERE in_payroll AND paid_via <> 'dedicated_account' AND ${PAID} > 0)::int AS outside_workers,
       -- UNPAID_WORKERS: attending workers nothing was paid to as of D (with or without a payroll row).
       count(*) FILTER (WHERE in_attendance AND days_worked > 0 AND NOT coalesce(${PAID}, 0) > 0)::int AS unpaid_workers,
       coalesce(sum(payable_fen) FILTER (WHERE in_attendance AND days_worked > 0 AND NOT coalesce(${PAID}, 0) > 0), 0)::bigint AS unpaid_payable_fen,
       -- P's row of the payroll history (payroll-history.ts): the largest payment paid as of D, the first and last paid_on.
       max(paid_fen) FILTER (WHERE in_payroll AND paid_on <= $1::date)::bigint AS max_paid_fen,
       min(paid_on) FILTER (WHERE in_payroll) AS first_paid_on,
       max(paid_on) FILTER (WHERE in_payroll) AS last_paid_on
  FROM pg_temp.rule_period_workers GROUP BY project_code`;

/** Builds the summary of P as of D for these projects (replacing one built earlier in the transaction). */
export async function buildPeriodSummary(m: EntityManager, projectCodes: string[], period: string, asOf: string, bounds: CodeBounds): Promise<void> {
  await m.query(`DROP TABLE IF EXISTS ${PERIOD_SUMMARY_TABLES.join(', ')}`);
  // attendance's one index is its key (project_code, period, id_hash), which reads exactly
  // P's rows of the listed projects. When a table was loaded a month at a time its heap is
  // in period order, project_code's correlation with it is low, and the planner then costs
  // that read as random pages and reads the whole table in parallel instead: 147–196 ms
  // against 118–142 ms for a 1x shard (docs/decisions/attendance-one-index.md). The read
  // names a shard's projects and one month, never most of the table: no sequential scan for
  // this one statement, the setting put back as it was.
  const [{ seqscan }] = (await m.query(`SELECT current_setting('enable_seqscan') AS seqscan, set_config('enable_seqscan', 'off', true)`)) as Array<{ seqscan: string }>;
  await m.query(WORKERS_SQL, [projectCodes, period, bounds.lo, bounds.hi]);
  await m.query(`SELECT set_config('enable_seqscan', $1, true)`, [seqscan]);
  await m.query(PROJECTS_SQL, [asOf]);
  // The worker lists read the firing projects' rows (project_code = ANY(ARRAY(…)), an
  // array the planner cannot hash): through this index, not a scan of every row of P
  // comparing each to every firing project. A hash index: they only look codes up, and
  // building a btree sorts 112k codes per 1x shard with the database's collation
  // (C.UTF-8 compares through strcoll, without abbreviated keys), a third of the cost of
  // the summary's CREATE (docs/decisions/scan-shard-statements.md).
  await m.query(`CREATE INDEX ON pg_temp.rule_period_workers USING hash (project_code)`);
  // Temporary tables are never auto-analysed, and the rules' join plans need their
  // statistics. A small sample (3,000 rows instead of 30,000) is enough for sizes and
  // distinct counts and costs a tenth; the setting ends with the transaction.
  await m.query(`SET LOCAL default_statistics_target = 10`);
  await m.query(`ANALYZE ${PERIOD_SUMMARY_TABLES.join(', ')}`);
  await m.query(`SET LOCAL default_statistics_target = DEFAULT`);
}
