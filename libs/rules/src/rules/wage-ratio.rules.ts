import { ratioText, shareBelow } from '../money';
import { defineRule } from './define-rule';
import { num, SCOPE_CTE, th } from './rule-sql';
import { ATTENDANCE_OF_P, OF_PROJECTS_IN, PAID_AS_OF, PAYROLL_OF_P, PERIOD_PROJECTS, PREVIOUS_PERIOD, WORKER_LIST_CTE } from './sql-fragments';

/** PAY_RATIO_LOW: payable(P) > 0 and paid(P)/payable(P) < threshold; red below payRatioRedBelow. */
export const PAY_RATIO_LOW = defineRule({
  code: 'PAY_RATIO_LOW',
  kind: 'period',
  joint: false,
  version: 1,
  titleZh: '工资发放比例过低',
  titleEn: 'Low share of payable wages paid',
  thresholdKeys: ['payRatioThreshold', 'payRatioRedBelow'],
  sql: `WITH ${SCOPE_CTE},
agg AS (
  SELECT pp.project_code, pp.payable_fen, pp.paid_fen, pp.payroll_rows AS payroll_workers, pp.underpaid_workers
    FROM ${PERIOD_PROJECTS} pp
   WHERE pp.project_code = ANY($1::text[]) AND pp.payroll_rows > 0),
hit AS (
  SELECT a.* FROM agg a JOIN scope s USING (project_code)
   WHERE a.payable_fen > 0 AND a.paid_fen < ${th('payRatioThreshold')} * a.payable_fen),
${WORKER_LIST_CTE('lists', {
    from: `FROM ${PAYROLL_OF_P} x WHERE ${OF_PROJECTS_IN('hit')} AND ${PAID_AS_OF('x')} < x.payable_fen`,
    columns: `x.payable_fen, ${PAID_AS_OF('x')} AS paid_fen, x.paid_on`,
    fields: `'payableFen', r.payable_fen, 'paidFen', r.paid_fen, 'owedFen', r.payable_fen - r.paid_fen, 'paidOn', r.paid_on`,
    order: `x.payable_fen - ${PAID_AS_OF('x')} DESC`,
  })}
SELECT hit.*, lists.workers FROM hit LEFT JOIN lists USING (project_code)`,
  decide(row, t) {
    const payable = num(row.payable_fen);
    const paid = num(row.paid_fen);
    if (!shareBelow(paid, payable, t.payRatioThreshold)) return null;
    return {
      severity: shareBelow(paid, payable, t.payRatioRedBelow) ? 'red' : 'orange',
      shortfallFen: payable - paid,
      figures: {
        payableFen: payable,
        paidFen: paid,
        ratio: ratioText(paid, payable),
        shortfallFen: payable - paid,
        threshold: t.payRatioThreshold,
        redBelow: t.payRatioRedBelow,
        payrollWorkers: num(row.payroll_workers),
        underpaidWorkers: num(row.underpaid_workers),
        workers: row.workers,
      },
    };
  },
});

/** PAYROLL_MISSING: attending workers in P and no payroll row at all for P. */
export const PAYROLL_MISSING = defineRule({
  code: 'PAYROLL_MISSING',
  kind: 'period',
  joint: true,
  version: 1,
  titleZh: '未按月编制工资支付表',
  titleEn: 'No payroll for a month with attendance',
  thresholdKeys: [],
  sql: `WITH ${SCOPE_CTE},
hit AS (
  SELECT pp.project_code, pp.attending_workers, pp.days_worked
    FROM ${PERIOD_PROJECTS} pp
   WHERE pp.project_code = ANY($1::text[]) AND pp.attending_workers > 0 AND pp.payroll_rows = 0),
${WORKER_LIST_CTE('lists', {
    from: `FROM ${ATTENDANCE_OF_P} x WHERE ${OF_PROJECTS_IN('hit')} AND x.days_worked > 0`,
    columns: 'x.days_worked',
    fields: `'daysWorked', r.days_worked`,
    order: 'x.days_worked DESC',
  })}
SELECT hit.*, lists.workers FROM hit LEFT JOIN lists USING (project_code)`,
  decide(row) {
    return {
      severity: 'red',
      shortfallFen: 0,
      figures: {
        attendingWorkers: num(row.attending_workers),
        daysWorked: num(row.days_worked),
        payrollRows: 0,
        workers: row.workers,
      },
    };
  },
});

interface PeriodFigures {
  period: string;
  payableFen: number;
  paidFen: number;
  payrollRows: number;
  attendingWorkers: number;
}

/**
 * CONSECUTIVE_ARREARS: P and P−1 are both "in arrears": paid/payable below the
 * threshold, or attending workers and no payroll row at all. Its wages are counted
 * by the PAY_RATIO_LOW alerts of the two periods, so its own shortfall is 0.
 */
export const CONSECUTIVE_ARREARS = defineRule({
  code: 'CONSECUTIVE_ARREARS',
  kind: 'period',
  joint: true,
  version: 1,
  titleZh: '连续两月欠薪',
  titleEn: 'Arrears two months in a row',
  thresholdKeys: ['payRatioThreshold'],
  // P first, from the month summary; P−1 only for the projects in arrears in P.
  sql: `WITH ${SCOPE_CTE},
now_p AS MATERIALIZED (
  SELECT s.project_code, ${th('payRatioThreshold')} AS ratio, coalesce(pp.payable_fen, 0) AS payable_fen,
         coalesce(pp.paid_fen, 0) AS paid_fen, coalesce(pp.payroll_rows, 0) AS payroll_rows, coalesce(pp.attending_workers, 0) AS attending
    FROM scope s LEFT JOIN ${PERIOD_PROJECTS} pp USING (project_code)
   WHERE (pp.payroll_rows > 0 AND pp.payable_fen > 0 AND pp.paid_fen < ${th('payRatioThreshold')} * pp.payable_fen)
      OR (coalesce(pp.payroll_rows, 0) = 0 AND pp.attending_workers > 0)),
pay_prev AS (
  SELECT pr.project_code, sum(pr.payable_fen)::bigint AS payable_fen, sum(${PAID_AS_OF('pr')})::bigint AS paid_fen, count(*)::int AS payroll_rows
    FROM payroll pr
   WHERE pr.period = ${PREVIOUS_PERIOD} AND pr.project_code = ANY (ARRAY(SELECT project_code FROM now_p))
   GROUP BY pr.project_code),
att_prev AS (
  SELECT a.project_code, count(*)::int AS attending
    FROM attendance a
   WHERE a.period = ${PREVIOUS_PERIOD} AND a.project_code = ANY (ARRAY(SELECT project_code FROM now_p)) AND a.days_worked > 0
   GROUP BY a.project_code),
prev_p AS (
  SELECT n.project_code, coalesce(pay.payable_fen, 0) AS payable_fen, coalesce(pay.paid_fen, 0) AS paid_fen,
         coalesce(pay.payroll_rows, 0) AS payroll_rows, coalesce(att.attending, 0) AS attending
    FROM now_p n LEFT JOIN pay_prev pay USING (project_code) LEFT JOIN att_prev att USING (project_code)
   WHERE (pay.payable_fen > 0 AND pay.paid_fen < n.ratio * pay.payable_fen)
      OR (pay.project_code IS NULL AND att.attending > 0))
SELECT n.project_code, jsonb_build_array(
         jsonb_build_object('period', ${PREVIOUS_PERIOD}, 'payableFen', v.payable_fen, 'paidFen', v.paid_fen,
                            'payrollRows', v.payroll_rows, 'attendingWorkers', v.attending),
         jsonb_build_object('period', $5::date, 'payableFen', n.payable_fen, 'paidFen', n.paid_fen,
                            'payrollRows', n.payroll_rows, 'attendingWorkers', n.attending)) AS periods
  FROM now_p n JOIN prev_p v USING (project_code)`,
  decide(row, t) {
    const periods = row.periods as PeriodFigures[];
    const shaped = periods.map((p) => {
      const missing = p.payrollRows === 0 && p.attendingWorkers > 0;
      const low = shareBelow(p.paidFen, p.payableFen, t.payRatioThreshold);
      return {
        ...p,
        ratio: ratioText(p.paidFen, p.payableFen),
        shortfallFen: p.payableFen - p.paidFen,
        reason: missing ? 'PAYROLL_MISSING' : low ? 'PAY_RATIO_LOW' : null,
      };
    });
    if (shaped.length !== 2 || shaped.some((p) => p.reason === null)) return null;
    return { severity: 'red', shortfallFen: 0, figures: { periods: shaped, threshold: t.payRatioThreshold } };
  },
});

/** The rules of this file, in catalogue order (all-rules.ts gathers them). */
export const WAGE_RATIO_RULES = [PAY_RATIO_LOW, PAYROLL_MISSING, CONSECUTIVE_ARREARS] as const;
