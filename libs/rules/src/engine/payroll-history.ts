import { EntityManager } from 'typeorm';
import { PAYROLL_HISTORY, PERIOD_PROJECTS } from '../rules/sql-fragments';
import { CodeBounds, payrollPeriodsSql } from './code-bounds';

/**
 * The payroll history of one evaluation: per evaluated project and period up to P, the
 * payable total, the largest single payment paid as of D and the first and last paid_on
 * of its rows, in
 * pg_temp.rule_payroll_history. LABOR_COST_SHORT (payable through P) and ABNORMAL_PAYMENT
 * (which projects can hold an abnormal payment at all) and PAYROLL_UNVERIFIED (which
 * projects have a row of another period paid near P's payments) read it instead of each scanning
 * every payroll row of the projects' history again (docs/decisions/scan-payroll-history.md).
 * A temporary table for the reasons of the month summary (period-summary.ts): ON COMMIT
 * DROP, the evaluation's snapshot, a DROP first so a second evaluation builds its own.
 */
/** Whether a rule statement reads the history (so it is built only when a rule needs it). */
export const readsPayrollHistory = (sql: string): boolean => sql.includes(PAYROLL_HISTORY);

/**
 * $1 text[] projects, $2 date P, $3 date D, $4 / $5 the lowest and highest code of $1.
 * The history's rows of the payroll periods that meet `periods`, listed (payrollPeriodsSql)
 * so that the code range bounds the index read of each period: a shard reads its own part
 * of the table, not all of it.
 */
const historyFromPayroll = (periods: string): string => `SELECT project_code, period, sum(payable_fen)::bigint AS payable_fen,
       max(paid_fen) FILTER (WHERE paid_on <= $3::date)::bigint AS max_paid_fen,
       min(paid_on) AS first_paid_on, max(paid_on) AS last_paid_on
  FROM payroll
 WHERE period = ANY(${payrollPeriodsSql(periods)}) AND project_code BETWEEN $4::text AND $5::text AND project_code = ANY($1::text[])
 GROUP BY project_code, period`;

/** The history up to P, all of it from payroll. */
const HISTORY_SQL = `CREATE TEMP TABLE rule_payroll_history ON COMMIT DROP AS
${historyFromPayroll('period <= $2::date')}`;

/**
 * The same history when the month summary is built: P's row is the summary's roll-up of
 * P's payroll rows (exactly P's payroll rows of these projects, in the same snapshot, as of
 * the same D: payable, largest payment paid as of D, first and last paid_on, for the
 * projects with a payroll row in P) and only the periods before P are read from payroll,
 * so a shard reads P's payroll pages once, not twice, and its summary rows not again.
 */
const HISTORY_FROM_SUMMARY_SQL = `CREATE TEMP TABLE rule_payroll_history ON COMMIT DROP AS
${historyFromPayroll('period < $2::date')}
UNION ALL
SELECT project_code, $2::date, payable_fen, max_paid_fen, first_paid_on, last_paid_on
  FROM ${PERIOD_PROJECTS} WHERE payroll_rows > 0`;

/**
 * Builds the history up to P as of D for these projects (replacing one built earlier in
 * the transaction); `summarised`: the month summary of P for the same projects exists.
 */
export async function buildPayrollHistory(m: EntityManager, projectCodes: string[], period: string, asOf: string, bounds: CodeBounds, summarised = false): Promise<void> {
  await m.query(`DROP TABLE IF EXISTS ${PAYROLL_HISTORY}`);
  const sql = summarised ? HISTORY_FROM_SUMMARY_SQL : HISTORY_SQL;
  await m.query(sql, [projectCodes, period, asOf, bounds.lo, bounds.hi]);
  await m.query(`SET LOCAL default_statistics_target = 10`);
  await m.query(`ANALYZE ${PAYROLL_HISTORY}`);
  await m.query(`SET LOCAL default_statistics_target = DEFAULT`);
}
