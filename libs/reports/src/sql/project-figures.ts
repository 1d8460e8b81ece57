import type { Snapshot } from '../report-window';
import { FigureQuery } from './figure-query';
import { projectFiguresByMonth } from './project-figures-by-month';
import { applyProjectRow, PROJECT_PLACE, projectsInScope } from './projects-in-scope';
import { ReportQuery, SqlContext } from './sql-context';

/**
 * Projects under monitoring and the coverage of the wage-payment rules, at each
 * snapshot date d. A project counts on d when it is active now (in_progress or
 * suspended: the projects data keeps no status history) and its contract was signed by
 * d. Coverage uses the thresholds of the project's region profile, exactly as the rules
 * ACCOUNT_MISSING and DEPOSIT_MISSING decide who needs an account or a deposit; the paid
 * share reads the payroll of the last full month before d. With a date per month, see
 * projectFiguresByMonth; for one date, accounts, deposits and payroll are aggregated
 * once and joined, and the roster is looked up per project (its first workers answer).
 */
export function projectFigures(q: ReportQuery, snaps: Snapshot[]): FigureQuery {
  if (snaps.length > 1) return projectFiguresByMonth(q, snaps);
  const c = new SqlContext(q);
  const sql = `
    WITH ${projectsInScope(c)}, s AS (
      SELECT s.month, s.d, (date_trunc('month', (s.d + 1)::timestamp) - interval '1 month')::date AS pay_period
        FROM ${c.snapshotSource(snaps, 's')}
    ), lodged AS (
      SELECT x.project_code, sum(x.amount_fen) AS held_fen
        FROM deposits x JOIN s ON x.valid_from <= s.d AND (x.valid_until IS NULL OR x.valid_until >= s.d)
       GROUP BY 1
    ), pay AS (
      SELECT pr.project_code, sum(pr.paid_fen) AS paid_fen,
             sum(pr.paid_fen) FILTER (WHERE pr.paid_via = 'dedicated_account') AS via_account_fen
        FROM payroll pr JOIN s ON pr.period = s.pay_period AND pr.paid_on <= s.d
       ${c.narrowed ? 'WHERE pr.project_code IN (SELECT pu.project_code FROM pu)' : ''}
       GROUP BY 1
    )
    SELECT ${c.key(PROJECT_PLACE)} AS key, count(*)::int AS projects,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM workers w WHERE w.project_code = pu.project_code
                                             AND w.entered_on <= s.d AND (w.exited_on IS NULL OR w.exited_on >= s.d)))::int AS real_name,
           count(*) FILTER (WHERE pu.account_rule_applies AND pu.contract_signed_on <= s.d - pu.account_grace)::int AS account_needed,
           count(*) FILTER (WHERE pu.account_rule_applies AND pu.contract_signed_on <= s.d - pu.account_grace
                              AND pu.account_opened_on <= s.d)::int AS account_opened,
           count(*) FILTER (WHERE pu.deposit_rule_applies AND pu.contract_signed_on <= s.d - pu.deposit_grace)::int AS deposit_needed,
           count(*) FILTER (WHERE pu.deposit_rule_applies AND pu.contract_signed_on <= s.d - pu.deposit_grace
                              AND coalesce(l.held_fen, 0) >= pu.deposit_due_fen)::int AS deposit_lodged,
           count(*) FILTER (WHERE pu.notice_board_posted)::int AS notice_board,
           sum(pay.paid_fen)::text AS paid_fen, sum(pay.via_account_fen)::text AS via_account_fen
      FROM pu JOIN s ON pu.contract_signed_on <= s.d
      LEFT JOIN lodged l ON l.project_code = pu.project_code
      LEFT JOIN pay ON pay.project_code = pu.project_code
     GROUP BY 1`;
  return { name: 'projects and coverage', sql, params: c.params, apply: applyProjectRow };
}
