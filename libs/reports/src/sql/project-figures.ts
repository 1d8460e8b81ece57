import { DEFAULT_THRESHOLDS, NATIONAL_PROFILE_CODE } from '@wage/rules';
import type { Snapshot } from '../report-window';
import { FigureQuery, fen, int } from './figure-query';
import { RecordPlace, ReportQuery, SqlContext } from './sql-context';

const PLACE: RecordPlace = { unit: 'pu.unit_code', region: 'pu.region_code', month: 'pu.month' };

/**
 * Where projects route (workflow.md "Routing"), as lookup tables joined once per
 * statement: the street team of each street (lowest code on a tie, as RoutingTable
 * does) and the brigade of each region code.
 */
const ROUTING_CTES = `
  team_of_street AS (
    SELECT s.street_code, min(iu.unit_code) AS unit_code
      FROM inspection_units iu CROSS JOIN LATERAL unnest(iu.street_codes) AS s(street_code)
     WHERE iu.kind = 'team' GROUP BY s.street_code
  ), brigade_of_region AS (
    SELECT region_code::text AS region_code, min(unit_code) AS unit_code FROM inspection_units WHERE kind = 'brigade' GROUP BY region_code
  )`;

/**
 * The unit a project routes to, as its alerts would: the first enabled override that
 * can match without a rule or severity (one naming a rule, or a minimum severity above
 * yellow, is about alerts, not projects), then the street team, the brigade of the
 * region, of the city, of the province; NULL = unrouted. Needs ROUTING_CTES.
 */
const PROJECT_UNIT = `coalesce(
  (SELECT o.unit_code FROM routing_overrides o JOIN inspection_units ou ON ou.unit_code = o.unit_code
    WHERE o.enabled AND o.rule IS NULL AND (o.min_severity IS NULL OR o.min_severity = 'yellow')
      AND (o.region_prefix IS NULL OR starts_with(p.region_code::text, o.region_prefix))
      AND (o.industry IS NULL OR o.industry = p.industry)
    ORDER BY o.position, o.id LIMIT 1),
  ts.unit_code, br.unit_code, bc.unit_code, bp.unit_code)`;

const ROUTING_JOINS = `
  LEFT JOIN team_of_street ts ON ts.street_code = p.street_code
  LEFT JOIN brigade_of_region br ON br.region_code = p.region_code::text
  LEFT JOIN brigade_of_region bc ON bc.region_code = left(p.region_code, 4) || '00'
  LEFT JOIN brigade_of_region bp ON bp.region_code = left(p.region_code, 2) || '0000'`;

/**
 * Projects under monitoring and the coverage of the wage-payment rules, at each
 * snapshot date d. A project counts on d when it is active now (in_progress or
 * suspended: the projects data keeps no status history) and its contract was signed by
 * d. Coverage uses the thresholds of the project's region profile, exactly as the rules
 * ACCOUNT_MISSING and DEPOSIT_MISSING decide who needs an account or a deposit; the paid
 * share reads the payroll of the last full month before d. Accounts, deposits and
 * payroll are aggregated once per statement and joined, never looked up row by row.
 */
export function projectFigures(q: ReportQuery, snaps: Snapshot[]): FigureQuery {
  const c = new SqlContext(q);
  const d = DEFAULT_THRESHOLDS;
  const th = (key: keyof typeof d, fallback: number, cast: 'numeric' | 'int'): string =>
    `coalesce((pf.thresholds ->> '${key}')::${cast}, ${c.p(fallback)}::${cast})`;
  const national = c.p(NATIONAL_PROFILE_CODE);
  // "≥ 1 worker enrolled on d": for one date a lookup per project (its first workers
  // answer); for a date per month the roster is read once into one bit per date.
  const manyDates = snaps.length > 1;
  const count = manyDates ? `${c.p(snaps.length)}::int` : '';
  const ones = manyDates ? `${c.p('1'.repeat(snaps.length))}::varbit` : '';
  const realName = manyDates
    ? 'get_bit(pu.enrolled_at, pu.i - 1) = 1'
    : `EXISTS (SELECT 1 FROM workers w WHERE w.project_code = pu.project_code
                  AND w.entered_on <= pu.d AND (w.exited_on IS NULL OR w.exited_on >= pu.d))`;
  const sql = `
    WITH ${ROUTING_CTES}, prof AS (
      SELECT rg.region_code, rp.thresholds
        FROM (SELECT DISTINCT region_code FROM projects) rg
        LEFT JOIN LATERAL (
          SELECT r.thresholds FROM region_profiles r
           WHERE r.code = ${national} OR starts_with(rg.region_code::text, r.code)
           ORDER BY (r.code = ${national}), length(r.code) DESC LIMIT 1) rp ON true
    ), s AS (
      SELECT s.month, s.d, (date_trunc('month', (s.d + 1)::timestamp) - interval '1 month')::date AS pay_period,
             row_number() OVER (ORDER BY s.d)::int AS i
        FROM ${c.snapshotSource(snaps, 's')}
    ), acc AS (
      SELECT project_code, min(opened_on) AS opened_on FROM wage_accounts GROUP BY project_code
    )${manyDates ? `, enrolled AS (
      -- The snapshot dates on which each project had a worker enrolled (entered_on … exited_on,
      -- inclusive), as one bit per date (bit i-1 = the i-th date): a worker covers the dates from
      -- the first on or after entered_on to the last on or before exited_on (two binary searches
      -- of the sorted dates), and a project's workers are OR-ed. One pass over the roster however
      -- many snapshot dates, not a lookup per date, and no ranges to merge.
      SELECT w.project_code,
             bit_or((${ones} >> width_bucket(w.entered_on - 1, ds.dates))
                    & (${ones} << (${count} - coalesce(width_bucket(w.exited_on, ds.dates), ${count})))) AS enrolled_at
        FROM workers w CROSS JOIN (SELECT array_agg(s.d ORDER BY s.d) AS dates FROM s) ds
       WHERE w.entered_on <= ds.dates[${count}] AND (w.exited_on IS NULL OR w.exited_on >= w.entered_on)
       GROUP BY 1
    )` : ''}, routed AS MATERIALIZED (
        -- materialized: the unit is computed once per project, however often the scope reads it
        SELECT p.project_code, p.region_code, ${PROJECT_UNIT} AS unit_code, p.contract_amount_fen, p.contract_signed_on,
               p.notice_board_posted,
               p.contract_amount_fen >= ${th('accountMinContractYuan', d.accountMinContractYuan, 'numeric')} * 100
                 AND (p.planned_end_on IS NULL OR p.planned_end_on - coalesce(p.started_on, p.contract_signed_on)
                      >= ${th('accountMinDurationDays', d.accountMinDurationDays, 'int')}) AS account_rule_applies,
               ${th('accountGraceDays', d.accountGraceDays, 'int')} AS account_grace,
               p.contract_amount_fen >= ${th('depositMinContractYuan', d.depositMinContractYuan, 'numeric')} * 100 AS deposit_rule_applies,
               ${th('depositGraceDays', d.depositGraceDays, 'int')} AS deposit_grace,
               ${th('depositMinRatio', d.depositMinRatio, 'numeric')} AS deposit_ratio,
               -- per project, so joined once here rather than to every (project, date) row
               acc.opened_on AS account_opened_on, ${manyDates ? 'en.enrolled_at' : 'NULL::varbit'} AS enrolled_at
          FROM projects p LEFT JOIN prof pf ON pf.region_code = p.region_code ${ROUTING_JOINS}
          LEFT JOIN acc ON acc.project_code = p.project_code
          ${manyDates ? 'LEFT JOIN enrolled en ON en.project_code = p.project_code' : ''}
         WHERE p.status IN ('in_progress', 'suspended')
    ), pu AS (
      SELECT pu.*, s.month, s.d, s.pay_period, s.i,
             pu.account_rule_applies AND pu.contract_signed_on <= s.d - pu.account_grace AS needs_account,
             pu.deposit_rule_applies AND pu.contract_signed_on <= s.d - pu.deposit_grace AS needs_deposit
        FROM routed pu JOIN s ON pu.contract_signed_on <= s.d
       WHERE ${c.where('pu', PLACE)}
    ), dep AS (
      SELECT x.project_code, s.month, sum(x.amount_fen) AS total_fen
        FROM deposits x JOIN s ON x.valid_from <= s.d AND (x.valid_until IS NULL OR x.valid_until >= s.d)
       GROUP BY 1, 2
    ), pay AS (
      SELECT pr.project_code, s.month, sum(pr.paid_fen) AS paid_fen,
             sum(pr.paid_fen) FILTER (WHERE pr.paid_via = 'dedicated_account') AS via_account_fen
        FROM payroll pr JOIN s ON pr.period = s.pay_period AND pr.paid_on <= s.d
       GROUP BY 1, 2
    )
    SELECT ${c.key(PLACE)} AS key, count(*)::int AS projects,
           count(*) FILTER (WHERE ${realName})::int AS real_name,
           count(*) FILTER (WHERE pu.needs_account)::int AS account_needed,
           count(*) FILTER (WHERE pu.needs_account AND pu.account_opened_on <= pu.d)::int AS account_opened,
           count(*) FILTER (WHERE pu.needs_deposit)::int AS deposit_needed,
           count(*) FILTER (WHERE pu.needs_deposit AND coalesce(dep.total_fen, 0) >= pu.deposit_ratio * pu.contract_amount_fen)::int AS deposit_lodged,
           count(*) FILTER (WHERE pu.notice_board_posted)::int AS notice_board,
           sum(pay.paid_fen)::text AS paid_fen, sum(pay.via_account_fen)::text AS via_account_fen
      FROM pu
      LEFT JOIN dep ON dep.project_code = pu.project_code AND dep.month = pu.month
      LEFT JOIN pay ON pay.project_code = pu.project_code AND pay.month = pu.month
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
