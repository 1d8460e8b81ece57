import { DEFAULT_THRESHOLDS, NATIONAL_PROFILE_CODE } from '@wage/rules';
import type { FigureParts } from '../figure-parts';
import { FigureRow, fen, int } from './figure-query';
import type { RecordPlace } from './sql-context';
import { SqlContext } from './sql-context';

/** How a project is placed: the unit it routes to, its region, the snapshot's month. */
export const PROJECT_PLACE: RecordPlace = { unit: 'pu.unit_code', region: 'pu.region_code', month: 's.month' };

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
 * The CTEs `prof`, `acc` and `pu` (preceded by the routing lookups; the caller writes
 * `WITH ${projectsInScope(…)}, …`): `pu` holds one row per project under monitoring now
 * (in_progress or suspended: the projects data keeps no status history) in the caller's
 * scope and the narrowing, with the unit it routes to, its region, the thresholds of its
 * region profile (exactly as the rules ACCOUNT_MISSING and DEPOSIT_MISSING decide who needs
 * an account or a deposit) and its first account's opening date. Materialized: the unit is
 * computed once per project, however often it is read.
 */
export function projectsInScope(c: SqlContext): string {
  const d = DEFAULT_THRESHOLDS;
  const th = (key: keyof typeof d, fallback: number, cast: 'numeric' | 'int'): string =>
    `coalesce((rp.thresholds ->> '${key}')::${cast}, ${c.p(fallback)}::${cast})`;
  const national = c.p(NATIONAL_PROFILE_CODE);
  // The thresholds are read from the profile once per region (a few hundred), not once per project.
  return `${ROUTING_CTES}, prof AS (
      SELECT pf.region_code,
             ${th('accountMinContractYuan', d.accountMinContractYuan, 'numeric')} * 100 AS account_min_contract_fen,
             ${th('accountMinDurationDays', d.accountMinDurationDays, 'int')} AS account_min_days,
             ${th('accountGraceDays', d.accountGraceDays, 'int')} AS account_grace,
             ${th('depositMinContractYuan', d.depositMinContractYuan, 'numeric')} * 100 AS deposit_min_contract_fen,
             ${th('depositGraceDays', d.depositGraceDays, 'int')} AS deposit_grace,
             ${th('depositMinRatio', d.depositMinRatio, 'numeric')} AS deposit_min_ratio
        FROM (SELECT DISTINCT region_code FROM projects) pf
        LEFT JOIN LATERAL (
          SELECT r.thresholds FROM region_profiles r
           WHERE r.code = ${national} OR starts_with(pf.region_code::text, r.code)
           ORDER BY (r.code = ${national}), length(r.code) DESC LIMIT 1) rp ON true
    ), acc AS (
      SELECT project_code, min(opened_on) AS opened_on FROM wage_accounts GROUP BY project_code
    ), pu AS MATERIALIZED (
        -- the caller's scope and the narrowing are applied here, once per project
        SELECT pu.* FROM (
          SELECT p.project_code, p.region_code, ${PROJECT_UNIT} AS unit_code, p.contract_amount_fen, p.contract_signed_on,
                 p.notice_board_posted,
                 p.contract_amount_fen >= pf.account_min_contract_fen
                   AND (p.planned_end_on IS NULL OR p.planned_end_on - coalesce(p.started_on, p.contract_signed_on)
                        >= pf.account_min_days) AS account_rule_applies,
                 pf.account_grace,
                 p.contract_amount_fen >= pf.deposit_min_contract_fen AS deposit_rule_applies,
                 pf.deposit_grace,
                 pf.deposit_min_ratio * p.contract_amount_fen AS deposit_due_fen,
                 acc.opened_on AS account_opened_on
            FROM projects p LEFT JOIN prof pf ON pf.region_code = p.region_code ${ROUTING_JOINS}
            LEFT JOIN acc ON acc.project_code = p.project_code
           WHERE p.status IN ('in_progress', 'suspended')) pu
         WHERE ${c.where('pu', PROJECT_PLACE)}
    )`;
}

/** Adds a row of either projects statement (the same columns) to its parts. */
export function applyProjectRow(row: FigureRow, parts: FigureParts): void {
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
}
