import { DEFAULT_THRESHOLDS, NATIONAL_PROFILE_CODE } from '@wage/rules';
import type { Snapshot } from '../report-window';
import { FigureQuery, fen, int } from './figure-query';
import { RecordPlace, ReportQuery, SqlContext } from './sql-context';

const PLACE: RecordPlace = { unit: 'pu.unit_code', region: 'pu.region_code', month: 'pu.month' };

/**
 * The unit a project routes to, as its alerts would (workflow.md "Routing"): the first
 * enabled override that can match without a rule or severity (one naming a rule or a
 * minimum severity above yellow is about alerts, not projects), then the street team
 * (lowest code on a tie, as RoutingTable does), the brigade of the region, the city, the
 * province; NULL = unrouted.
 */
export const PROJECT_UNIT = `coalesce(
  (SELECT o.unit_code FROM routing_overrides o JOIN inspection_units ou ON ou.unit_code = o.unit_code
    WHERE o.enabled AND o.rule IS NULL AND (o.min_severity IS NULL OR o.min_severity = 'yellow')
      AND (o.region_prefix IS NULL OR starts_with(p.region_code::text, o.region_prefix))
      AND (o.industry IS NULL OR o.industry = p.industry)
    ORDER BY o.position, o.id LIMIT 1),
  (SELECT min(t.unit_code) FROM inspection_units t WHERE t.kind = 'team' AND p.street_code = ANY(t.street_codes)),
  (SELECT min(b.unit_code) FROM inspection_units b WHERE b.kind = 'brigade' AND b.region_code = p.region_code),
  (SELECT min(b.unit_code) FROM inspection_units b WHERE b.kind = 'brigade' AND b.region_code = left(p.region_code, 4) || '00'),
  (SELECT min(b.unit_code) FROM inspection_units b WHERE b.kind = 'brigade' AND b.region_code = left(p.region_code, 2) || '0000'))`;

/**
 * Projects under monitoring and the coverage of the wage-payment rules, at each
 * snapshot date d. A project counts on d when it is active now (in_progress or
 * suspended: the projects data keeps no status history) and its contract was signed by
 * d. Coverage uses the thresholds of the project's region profile, exactly as the rules
 * ACCOUNT_MISSING and DEPOSIT_MISSING decide who needs an account or a deposit; the paid
 * share reads the payroll of the last full month before d.
 */
export function projectFigures(q: ReportQuery, snaps: Snapshot[]): FigureQuery {
  const c = new SqlContext(q);
  const d = DEFAULT_THRESHOLDS;
  const th = (key: keyof typeof d, fallback: number, cast: 'numeric' | 'int'): string =>
    `coalesce((pf.thresholds ->> '${key}')::${cast}, ${c.p(fallback)}::${cast})`;
  const national = c.p(NATIONAL_PROFILE_CODE);
  const sql = `
    WITH prof AS (
      SELECT rg.region_code, rp.thresholds
        FROM (SELECT DISTINCT region_code FROM projects) rg
        LEFT JOIN LATERAL (
          SELECT r.thresholds FROM region_profiles r
           WHERE r.code = ${national} OR starts_with(rg.region_code::text, r.code)
           ORDER BY (r.code = ${national}), length(r.code) DESC LIMIT 1) rp ON true
    ), pu AS (
      SELECT pu.* FROM (
        SELECT p.project_code, p.region_code, ${PROJECT_UNIT} AS unit_code, p.contract_amount_fen, p.contract_signed_on,
               p.notice_board_posted,
               p.contract_amount_fen >= ${th('accountMinContractYuan', d.accountMinContractYuan, 'numeric')} * 100
                 AND (p.planned_end_on IS NULL OR p.planned_end_on - coalesce(p.started_on, p.contract_signed_on)
                      >= ${th('accountMinDurationDays', d.accountMinDurationDays, 'int')}) AS account_rule_applies,
               ${th('accountGraceDays', d.accountGraceDays, 'int')} AS account_grace,
               p.contract_amount_fen >= ${th('depositMinContractYuan', d.depositMinContractYuan, 'numeric')} * 100 AS deposit_rule_applies,
               ${th('depositGraceDays', d.depositGraceDays, 'int')} AS deposit_grace,
               ${th('depositMinRatio', d.depositMinRatio, 'numeric')} AS deposit_ratio
          FROM projects p LEFT JOIN prof pf ON pf.region_code = p.region_code
         WHERE p.status IN ('in_progress', 'suspended')) pu
       WHERE ${c.where('pu', PLACE)}
    ), s AS (
      SELECT s.month, s.d, (date_trunc('month', (s.d + 1)::timestamp) - interval '1 month')::date AS pay_period FROM ${c.snapshotSource(snaps, 's')}
    ), ps AS (
      SELECT pu.*, s.month, s.d, s.pay_period,
             pu.account_rule_applies AND pu.contract_signed_on <= s.d - pu.account_grace AS needs_account,
             pu.deposit_rule_applies AND pu.contract_signed_on <= s.d - pu.deposit_grace AS needs_deposit
        FROM pu JOIN s ON pu.contract_signed_on <= s.d
    )
    SELECT ${c.key(PLACE)} AS key, count(*)::int AS projects,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM workers w WHERE w.project_code = pu.project_code
                                             AND w.entered_on <= pu.d AND (w.exited_on IS NULL OR w.exited_on >= pu.d)))::int AS real_name,
           count(*) FILTER (WHERE pu.needs_account)::int AS account_needed,
           count(*) FILTER (WHERE pu.needs_account AND EXISTS (SELECT 1 FROM wage_accounts wa
                                             WHERE wa.project_code = pu.project_code AND wa.opened_on <= pu.d))::int AS account_opened,
           count(*) FILTER (WHERE pu.needs_deposit)::int AS deposit_needed,
           count(*) FILTER (WHERE pu.needs_deposit AND coalesce((SELECT sum(x.amount_fen) FROM deposits x
                                             WHERE x.project_code = pu.project_code AND x.valid_from <= pu.d
                                               AND (x.valid_until IS NULL OR x.valid_until >= pu.d)), 0)
                                         >= pu.deposit_ratio * pu.contract_amount_fen)::int AS deposit_lodged,
           count(*) FILTER (WHERE pu.notice_board_posted)::int AS notice_board,
           sum(pay.paid_fen)::text AS paid_fen, sum(pay.via_account_fen)::text AS via_account_fen
      FROM ps pu
      LEFT JOIN LATERAL (
        SELECT sum(pr.paid_fen) AS paid_fen, sum(pr.paid_fen) FILTER (WHERE pr.paid_via = 'dedicated_account') AS via_account_fen
          FROM payroll pr
         WHERE pr.period = pu.pay_period AND pr.project_code = pu.project_code AND pr.paid_on IS NOT NULL AND pr.paid_on <= pu.d) pay ON true
     GROUP BY 1`;
  return {
    name: 'projects and coverage',
    sql,
    params: c.params,
    apply(row, parts) {
      parts.projectsMonitored += int(row.projects);
      const cov = parts.coverage;
      cov.realName += int(row.real_name);
      cov.accountNeeded += int(row.account_needed);
      cov.accountOpened += int(row.account_opened);
      cov.depositNeeded += int(row.deposit_needed);
      cov.depositLodged += int(row.deposit_lodged);
      cov.noticeBoard += int(row.notice_board);
      cov.paidFen += fen(row.paid_fen);
      cov.paidViaAccountFen += fen(row.via_account_fen);
    },
  };
}
