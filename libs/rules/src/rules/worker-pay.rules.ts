import { ratioText, shareAbove, shareAtLeast } from '../money';
import { defineRule } from './define-rule';
import { num, SCOPE_CTE, th, thInt } from './rule-sql';
import { FIRST_20, OF_PROJECTS_IN, PAID_AS_OF, PAYROLL_HISTORY, PERIOD_END, PERIOD_PROJECTS, PERIOD_WORKERS, SCOPE_WORKERS, WORKER_LIST_CTE, WORKER_ROW } from './sql-fragments';

/**
 * UNPAID_WORKERS: attending workers in P without a payroll row for P whose paid amount
 * (as of D) is > 0. Not raised when the project has no payroll row at all for P
 * (that is PAYROLL_MISSING). Shortfall: the payable of the unpaid workers' rows.
 */
export const UNPAID_WORKERS = defineRule({
  code: 'UNPAID_WORKERS',
  kind: 'period',
  joint: false,
  version: 1,
  titleZh: '出勤工人未发工资',
  titleEn: 'Attending workers not paid',
  thresholdKeys: ['unpaidShareRed'],
  sql: `WITH ${SCOPE_CTE},
hit AS MATERIALIZED (
  SELECT pp.project_code, pp.attending_workers, pp.unpaid_workers, pp.unpaid_payable_fen
    FROM ${PERIOD_PROJECTS} pp
   WHERE pp.project_code = ANY($1::text[]) AND pp.unpaid_workers > 0 AND pp.payroll_rows > 0),
${WORKER_LIST_CTE('lists', {
    // x is the worker's joined row: its attendance id_masked, its payroll columns (null without a payroll row).
    from: `FROM (SELECT w.*, w.attendance_id_masked AS id_masked FROM ${PERIOD_WORKERS} w WHERE w.in_attendance) x
     WHERE ${OF_PROJECTS_IN('hit')} AND x.days_worked > 0 AND coalesce(${PAID_AS_OF('x')}, 0) = 0`,
    columns: 'x.days_worked, x.payable_fen, x.in_payroll AS has_payroll_row',
    fields: `'daysWorked', r.days_worked, 'payableFen', r.payable_fen, 'hasPayrollRow', r.has_payroll_row`,
    order: 'x.days_worked DESC',
  })}
SELECT hit.*, lists.workers FROM hit LEFT JOIN lists USING (project_code)`,
  decide(row, t) {
    const attending = num(row.attending_workers);
    const unpaid = num(row.unpaid_workers);
    return {
      severity: shareAbove(unpaid, attending, t.unpaidShareRed) ? 'red' : 'yellow',
      shortfallFen: num(row.unpaid_payable_fen),
      figures: {
        attendingWorkers: attending,
        unpaidWorkers: unpaid,
        unpaidShare: ratioText(unpaid, attending),
        redAbove: t.unpaidShareRed,
        unpaidPayableFen: num(row.unpaid_payable_fen),
        workers: row.workers,
      },
    };
  },
});

/**
 * BELOW_MIN_WAGE: workers with days_worked ≥ minWageDaysWorked in P whose payroll row
 * for P has payable below the monthly minimum wage. Full-month workers without a
 * payroll row are left out of both counts (rules.md: UNPAID_WORKERS / PAYROLL_MISSING
 * cover them), so they cannot dilute the share that makes it red.
 * Shortfall: the sum of the gaps to the minimum wage.
 */
export const BELOW_MIN_WAGE = defineRule({
  code: 'BELOW_MIN_WAGE',
  kind: 'period',
  joint: false,
  version: 2,
  titleZh: '工资低于最低工资标准',
  titleEn: 'Pay below the minimum wage',
  thresholdKeys: ['minimumMonthlyWageYuan', 'minWageDaysWorked', 'belowMinWageRedShare'],
  skipReason: (t) => (t.minimumMonthlyWageYuan === null ? 'no monthly minimum wage configured in the region profile' : null),
  // Only projects with a row below their minimum can fire: those are found first, with
  // the lowest day count and highest minimum of the scope as a cheap filter on every
  // row of P, and only their rows are counted (most nights none).
  sql: `WITH ${SCOPE_CTE},
lim AS MATERIALIZED (
  SELECT s.project_code, ${th('minimumMonthlyWageYuan')} * 100 AS min_fen, ${thInt('minWageDaysWorked')} AS min_days
    FROM scope s WHERE s.t ->> 'minimumMonthlyWageYuan' IS NOT NULL),
below_projects AS MATERIALIZED (
  SELECT DISTINCT a.project_code
    FROM ${PERIOD_WORKERS} a JOIN lim USING (project_code)
   WHERE a.in_attendance AND a.in_payroll
     AND a.days_worked >= (SELECT min(min_days) FROM lim) AND a.payable_fen < (SELECT max(min_fen) FROM lim)
     AND a.days_worked >= lim.min_days AND a.payable_fen < lim.min_fen),
full_month AS NOT MATERIALIZED (
  SELECT a.project_code, a.id_hash, a.attendance_id_masked AS id_masked, a.days_worked, a.payable_fen, lim.min_fen
    FROM ${PERIOD_WORKERS} a JOIN lim USING (project_code)
   WHERE ${OF_PROJECTS_IN('below_projects', 'a')} AND a.in_attendance AND a.in_payroll AND a.days_worked >= lim.min_days),
agg AS MATERIALIZED (
  SELECT f.project_code, count(*)::int AS full_month_workers, count(*) FILTER (WHERE f.payable_fen < f.min_fen)::int AS below_workers,
         sum(f.min_fen - f.payable_fen) FILTER (WHERE f.payable_fen < f.min_fen)::bigint AS gap_fen
    FROM full_month f GROUP BY f.project_code HAVING count(*) FILTER (WHERE f.payable_fen < f.min_fen) > 0),
lists AS (
  SELECT f.project_code, ${FIRST_20(
    `jsonb_build_object('name', w.name, 'idMasked', f.id_masked, 'daysWorked', f.days_worked, 'payableFen', f.payable_fen)`,
    'f.payable_fen, f.id_hash',
  )} AS workers
    FROM full_month f
    ${WORKER_ROW('f')}
   WHERE f.project_code = ANY (ARRAY(SELECT project_code FROM agg)) AND f.payable_fen < f.min_fen
   GROUP BY f.project_code)
SELECT agg.*, lists.workers FROM agg JOIN lists USING (project_code)`,
  decide(row, t) {
    const full = num(row.full_month_workers);
    const below = num(row.below_workers);
    return {
      severity: shareAtLeast(below, full, t.belowMinWageRedShare) ? 'red' : 'orange',
      shortfallFen: num(row.gap_fen),
      figures: {
        minimumMonthlyWageFen: (t.minimumMonthlyWageYuan ?? 0) * 100,
        minDaysWorked: t.minWageDaysWorked,
        fullMonthWorkers: full,
        belowWorkers: below,
        belowShare: ratioText(below, full),
        redAtShare: t.belowMinWageRedShare,
        gapToMinimumFen: num(row.gap_fen),
        workers: row.workers,
      },
    };
  },
});

/** ABNORMAL_PAYMENT: a worker paid (as of D) > abnormalMonthlyYuan in P or > abnormal12MonthsYuan over P−11..P. */
export const ABNORMAL_PAYMENT = defineRule({
  code: 'ABNORMAL_PAYMENT',
  kind: 'period',
  joint: false,
  version: 1,
  titleZh: '工资发放金额异常',
  titleEn: 'Abnormally large payment to a worker',
  thresholdKeys: ['abnormalMonthlyYuan', 'abnormal12MonthsYuan'],
  // A worker's 12 periods are ≤ 12 rows (one per period), so a 12-month total above
  // the limit needs one row above limit/12: such rows pick the few candidates whose
  // totals are then summed, instead of aggregating every worker of the province. Only
  // projects whose largest payment of a period (the payroll history) is such a row can
  // hold one, so only their payroll rows are read: an index scan per such project, then
  // one per candidate worker. Both are LATERAL subqueries the planner cannot flatten
  // (OFFSET 0, an aggregate): it cannot know how few rows pass a limit it only learns while
  // running, guessed a third of the history, and read and hashed all of payroll twice
  // instead (1.2–1.6 s per shard of a province, docs/decisions/scan-rule-index-paths.md).
  sql: `WITH ${SCOPE_CTE},
lim AS (
  SELECT s.project_code, ${th('abnormalMonthlyYuan')} * 100 AS month_fen, ${th('abnormal12MonthsYuan')} * 100 AS year_fen FROM scope s),
candidate_projects AS MATERIALIZED (
  SELECT DISTINCT h.project_code
    FROM ${PAYROLL_HISTORY} h
   WHERE h.project_code = ANY($1::text[])
     AND h.period BETWEEN ($5::date - interval '11 months')::date AND $5::date
     AND ((h.period = $5::date AND h.max_paid_fen > (SELECT min(month_fen) FROM lim))
          OR h.max_paid_fen * 12 > (SELECT min(year_fen) FROM lim))),
candidates AS MATERIALIZED (
  SELECT DISTINCT pr.project_code, pr.id_hash
    FROM candidate_projects cp
   CROSS JOIN LATERAL (
         SELECT pr.project_code, pr.id_hash FROM payroll pr
          WHERE pr.project_code = cp.project_code
            AND pr.period BETWEEN ($5::date - interval '11 months')::date AND $5::date AND pr.paid_on <= $4::date
            AND ((pr.period = $5::date AND pr.paid_fen > (SELECT min(month_fen) FROM lim))
                 OR pr.paid_fen * 12 > (SELECT min(year_fen) FROM lim))
         OFFSET 0) pr),
per_worker AS (
  SELECT c.project_code, c.id_hash, t.id_masked, t.paid_in_period_fen, t.paid_12_months_fen
    FROM candidates c
   CROSS JOIN LATERAL (
         SELECT max(pr.id_masked) AS id_masked,
                coalesce(sum(${PAID_AS_OF('pr')}) FILTER (WHERE pr.period = $5), 0)::bigint AS paid_in_period_fen,
                sum(${PAID_AS_OF('pr')})::bigint AS paid_12_months_fen
           FROM payroll pr
          WHERE pr.project_code = c.project_code AND pr.id_hash = c.id_hash
            AND pr.period BETWEEN ($5::date - interval '11 months')::date AND $5::date) t),
hit AS MATERIALIZED (
  SELECT p.* FROM per_worker p JOIN lim USING (project_code)
   WHERE p.paid_in_period_fen > lim.month_fen OR p.paid_12_months_fen > lim.year_fen)
SELECT h.project_code, count(*)::int AS abnormal_workers,
       ${FIRST_20(
         `jsonb_build_object('name', w.name, 'idMasked', h.id_masked, 'paidInPeriodFen', h.paid_in_period_fen, 'paid12MonthsFen', h.paid_12_months_fen)`,
         'h.paid_12_months_fen DESC, h.id_hash',
       )} AS workers
  FROM hit h ${WORKER_ROW('h')}
 GROUP BY h.project_code`,
  decide(row, t) {
    return {
      severity: 'orange',
      shortfallFen: 0,
      figures: {
        abnormalWorkers: num(row.abnormal_workers),
        monthlyLimitFen: t.abnormalMonthlyYuan * 100,
        twelveMonthLimitFen: t.abnormal12MonthsYuan * 100,
        workers: row.workers,
      },
    };
  },
});

/** EXIT_UNSETTLED: a worker whose exited_on falls in P has total payable > total paid (as of D) on this project. */
export const EXIT_UNSETTLED = defineRule({
  code: 'EXIT_UNSETTLED',
  kind: 'period',
  joint: false,
  version: 1,
  titleZh: '退场未结清工资',
  titleEn: 'Worker exited without settlement',
  thresholdKeys: [],
  // The workers who exited in P come from the scope's narrow copy of workers (one pass
  // over it, not over every row of workers); their names and masked ids from workers,
  // by index, for the unsettled ones only (one workers row per project and id).
  sql: `WITH ${SCOPE_CTE},
owed AS (
  SELECT w.project_code, w.id_hash, w.exited_on,
         sum(pr.payable_fen)::bigint AS payable_fen, sum(${PAID_AS_OF('pr')})::bigint AS paid_fen
    FROM ${SCOPE_WORKERS} w
    JOIN payroll pr ON pr.project_code = w.project_code AND pr.id_hash = w.id_hash
   WHERE w.project_code = ANY($1::text[]) AND w.exited_on BETWEEN $5::date AND ${PERIOD_END}
   GROUP BY w.project_code, w.id_hash, w.exited_on
  HAVING sum(pr.payable_fen) > sum(${PAID_AS_OF('pr')}))
SELECT o.project_code, count(*)::int AS unsettled_workers, sum(o.payable_fen - o.paid_fen)::bigint AS owed_fen,
       ${FIRST_20(
         `jsonb_build_object('name', n.name, 'idMasked', n.id_masked, 'exitedOn', o.exited_on, 'payableFen', o.payable_fen, 'paidFen', o.paid_fen, 'owedFen', o.payable_fen - o.paid_fen)`,
         'o.payable_fen - o.paid_fen DESC, o.id_hash',
       )} AS workers
  FROM owed o
  JOIN workers n ON n.project_code = o.project_code AND n.id_hash = o.id_hash
 GROUP BY o.project_code`,
  decide(row) {
    return {
      severity: 'red',
      shortfallFen: num(row.owed_fen),
      figures: { unsettledWorkers: num(row.unsettled_workers), owedFen: num(row.owed_fen), workers: row.workers },
    };
  },
});

/** The rules of this file, in catalogue order (all-rules.ts gathers them). */
export const WORKER_PAY_RULES = [UNPAID_WORKERS, BELOW_MIN_WAGE, ABNORMAL_PAYMENT, EXIT_UNSETTLED] as const;
