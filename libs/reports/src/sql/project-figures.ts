import { DEFAULT_THRESHOLDS, NATIONAL_PROFILE_CODE } from '@wage/rules';
import type { Snapshot } from '../report-window';
import { FigureQuery, fen, int } from './figure-query';
import { RecordPlace, ReportQuery, SqlContext } from './sql-context';

const PLACE: RecordPlace = { unit: 'pu.unit_code', region: 'pu.region_code', month: 's.month' };

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
 * Dates as bits (bit i-1 = the i-th snapshot date in date order): `count` = n, `ones` =
 * n one-bits; `fromTo(i, j)` = the dates i..j (1-based, inclusive).
 */
interface DateBits {
  count: string;
  fromTo(i: string, j: string): string;
}

function dateBits(c: SqlContext, n: number): DateBits {
  const count = `${c.p(n)}::int`;
  const ones = `${c.p('1'.repeat(n))}::varbit`;
  return { count, fromTo: (i, j) => `((${ones} >> (${i} - 1)) & (${ones} << (${count} - (${j}))))` };
}

/**
 * The deposit each project holds, `lodged` (project_code, lodged_at, held_fen). For one
 * date: the sum of its deposits valid that day (held_fen). For a date per month: the
 * amount held changes only where a deposit starts or stops covering dates (+amount at
 * the first date it is valid on, −amount after the last; valid_from … valid_until
 * inclusive) and every project starts at 0 on date 1, so a running sum over these
 * steps gives the amount from each step to the next, and the dates on which it reached
 * the share of the contract the project owes become one bit each (lodged_at). A few
 * rows per deposit, however many dates, instead of every deposit at every date.
 */
function depositsLodged(bits: DateBits | null): string {
  if (!bits) {
    return `lodged AS (
      SELECT x.project_code, NULL::varbit AS lodged_at, sum(x.amount_fen) AS held_fen
        FROM deposits x JOIN s ON x.valid_from <= s.d AND (x.valid_until IS NULL OR x.valid_until >= s.d)
       GROUP BY 1
    )`;
  }
  return `deposit_steps AS (
      SELECT st.project_code, st.i, sum(st.delta) AS delta
        FROM (SELECT x.project_code, width_bucket(x.valid_from - 1, ds.dates) + 1 AS i, x.amount_fen AS delta
                FROM deposits x CROSS JOIN ds
               WHERE x.valid_until IS NULL OR x.valid_until >= x.valid_from
              UNION ALL
              SELECT x.project_code, width_bucket(x.valid_until, ds.dates) + 1, -x.amount_fen
                FROM deposits x CROSS JOIN ds
               WHERE x.valid_until >= x.valid_from
              UNION ALL
              SELECT pu.project_code, 1, 0 FROM pu) st
       GROUP BY 1, 2
    ), deposit_levels AS (
      SELECT st.project_code, st.i, coalesce(lead(st.i) OVER w - 1, ${bits.count}) AS last_i, sum(st.delta) OVER w AS held_fen
        FROM deposit_steps st
      WINDOW w AS (PARTITION BY st.project_code ORDER BY st.i)
    ), lodged AS (
      SELECT l.project_code, bit_or(${bits.fromTo('l.i', 'l.last_i')}) AS lodged_at, NULL::numeric AS held_fen
        FROM deposit_levels l JOIN pu ON pu.project_code = l.project_code
       WHERE l.i <= ${bits.count} AND l.held_fen >= pu.deposit_due_fen
       GROUP BY 1
    )`;
}

/**
 * Projects under monitoring and the coverage of the wage-payment rules, at each
 * snapshot date d. A project counts on d when it is active now (in_progress or
 * suspended: the projects data keeps no status history) and its contract was signed by
 * d. Coverage uses the thresholds of the project's region profile, exactly as the rules
 * ACCOUNT_MISSING and DEPOSIT_MISSING decide who needs an account or a deposit; the paid
 * share reads the payroll of the last full month before d. Accounts, deposits, the
 * roster and payroll are aggregated once per statement and joined, never looked up row
 * by row; with a date per month, what the roster and the deposits say about each date
 * is one bit per date and project rather than a row per date.
 */
export function projectFigures(q: ReportQuery, snaps: Snapshot[]): FigureQuery {
  const c = new SqlContext(q);
  const d = DEFAULT_THRESHOLDS;
  const th = (key: keyof typeof d, fallback: number, cast: 'numeric' | 'int'): string =>
    `coalesce((pf.thresholds ->> '${key}')::${cast}, ${c.p(fallback)}::${cast})`;
  const national = c.p(NATIONAL_PROFILE_CODE);
  const bits = snaps.length > 1 ? dateBits(c, snaps.length) : null;
  // "≥ 1 worker enrolled on d": for one date a lookup per project (its first workers
  // answer); for a date per month the roster is read once into one bit per date.
  const realName = bits
    ? 'get_bit(pu.enrolled_at, s.i - 1) = 1'
    : `EXISTS (SELECT 1 FROM workers w WHERE w.project_code = pu.project_code
                  AND w.entered_on <= s.d AND (w.exited_on IS NULL OR w.exited_on >= s.d))`;
  const depositLodged = bits ? 'get_bit(l.lodged_at, s.i - 1) = 1' : 'coalesce(l.held_fen, 0) >= pu.deposit_due_fen';
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
    ), ds AS (
      SELECT array_agg(s.d ORDER BY s.d) AS dates FROM s
    ), acc AS (
      SELECT project_code, min(opened_on) AS opened_on FROM wage_accounts GROUP BY project_code
    )${bits ? `, enrolled AS (
      -- A worker covers the dates from the first on or after entered_on to the last on or
      -- before exited_on (inclusive; two binary searches of the sorted dates), and a
      -- project's workers are OR-ed: one pass over the roster however many dates.
      SELECT w.project_code,
             bit_or(${bits.fromTo('width_bucket(w.entered_on - 1, ds.dates) + 1', `coalesce(width_bucket(w.exited_on, ds.dates), ${bits.count})`)}) AS enrolled_at
        FROM workers w CROSS JOIN ds
       WHERE w.entered_on <= ds.dates[${bits.count}] AND (w.exited_on IS NULL OR w.exited_on >= w.entered_on)
       GROUP BY 1
    )` : ''}, pu AS MATERIALIZED (
        -- materialized: the unit is computed once per project, however often it is read;
        -- the caller's scope and the narrowing are applied here, once per project
        SELECT pu.* FROM (
          SELECT p.project_code, p.region_code, ${PROJECT_UNIT} AS unit_code, p.contract_amount_fen, p.contract_signed_on,
                 p.notice_board_posted,
                 p.contract_amount_fen >= ${th('accountMinContractYuan', d.accountMinContractYuan, 'numeric')} * 100
                   AND (p.planned_end_on IS NULL OR p.planned_end_on - coalesce(p.started_on, p.contract_signed_on)
                        >= ${th('accountMinDurationDays', d.accountMinDurationDays, 'int')}) AS account_rule_applies,
                 ${th('accountGraceDays', d.accountGraceDays, 'int')} AS account_grace,
                 p.contract_amount_fen >= ${th('depositMinContractYuan', d.depositMinContractYuan, 'numeric')} * 100 AS deposit_rule_applies,
                 ${th('depositGraceDays', d.depositGraceDays, 'int')} AS deposit_grace,
                 ${th('depositMinRatio', d.depositMinRatio, 'numeric')} * p.contract_amount_fen AS deposit_due_fen,
                 acc.opened_on AS account_opened_on, ${bits ? 'en.enrolled_at' : 'NULL::varbit'} AS enrolled_at
            FROM projects p LEFT JOIN prof pf ON pf.region_code = p.region_code ${ROUTING_JOINS}
            LEFT JOIN acc ON acc.project_code = p.project_code
            ${bits ? 'LEFT JOIN enrolled en ON en.project_code = p.project_code' : ''}
           WHERE p.status IN ('in_progress', 'suspended')) pu
         WHERE ${c.where('pu', PLACE)}
    ), ${depositsLodged(bits)}, pay AS (
      SELECT pr.project_code, s.i, sum(pr.paid_fen) AS paid_fen,
             sum(pr.paid_fen) FILTER (WHERE pr.paid_via = 'dedicated_account') AS via_account_fen
        FROM payroll pr JOIN s ON pr.period = s.pay_period AND pr.paid_on <= s.d
       ${c.narrowed ? 'WHERE pr.project_code IN (SELECT pu.project_code FROM pu)' : ''}
       GROUP BY 1, 2
    )
    SELECT ${c.key(PLACE)} AS key, count(*)::int AS projects,
           count(*) FILTER (WHERE ${realName})::int AS real_name,
           count(*) FILTER (WHERE pu.account_rule_applies AND pu.contract_signed_on <= s.d - pu.account_grace)::int AS account_needed,
           count(*) FILTER (WHERE pu.account_rule_applies AND pu.contract_signed_on <= s.d - pu.account_grace
                              AND pu.account_opened_on <= s.d)::int AS account_opened,
           count(*) FILTER (WHERE pu.deposit_rule_applies AND pu.contract_signed_on <= s.d - pu.deposit_grace)::int AS deposit_needed,
           count(*) FILTER (WHERE pu.deposit_rule_applies AND pu.contract_signed_on <= s.d - pu.deposit_grace
                              AND ${depositLodged})::int AS deposit_lodged,
           count(*) FILTER (WHERE pu.notice_board_posted)::int AS notice_board,
           sum(pay.paid_fen)::text AS paid_fen, sum(pay.via_account_fen)::text AS via_account_fen
      FROM pu JOIN s ON pu.contract_signed_on <= s.d
      LEFT JOIN lodged l ON l.project_code = pu.project_code
      LEFT JOIN pay ON pay.project_code = pu.project_code AND pay.i = s.i
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
