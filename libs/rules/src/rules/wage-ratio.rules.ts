import { ratioText, shareBelow } from '../money';
import { num, RuleSql, SCOPE_CTE, th } from './rule-sql';
import { JOIN_WORKER, PAID_AS_OF, PREVIOUS_PERIOD, WORKER_LIST } from './sql-fragments';

/** PAY_RATIO_LOW: payable(P) > 0 and paid(P)/payable(P) < threshold; red below payRatioRedBelow. */
export const PAY_RATIO_LOW: RuleSql = {
  code: 'PAY_RATIO_LOW',
  thresholdKeys: ['payRatioThreshold', 'payRatioRedBelow'],
  sql: `WITH ${SCOPE_CTE},
agg AS (
  SELECT pr.project_code, sum(pr.payable_fen)::bigint AS payable_fen,
         sum(${PAID_AS_OF('pr')})::bigint AS paid_fen, count(*)::int AS payroll_workers,
         count(*) FILTER (WHERE ${PAID_AS_OF('pr')} < pr.payable_fen)::int AS underpaid_workers
    FROM payroll pr JOIN scope s USING (project_code)
   WHERE pr.period = $5
   GROUP BY pr.project_code)
SELECT a.*, ${WORKER_LIST(
    `FROM payroll x ${JOIN_WORKER('x')} WHERE x.project_code = a.project_code AND x.period = $5 AND ${PAID_AS_OF('x')} < x.payable_fen`,
    `'payableFen', x.payable_fen, 'paidFen', ${PAID_AS_OF('x')}, 'owedFen', x.payable_fen - ${PAID_AS_OF('x')}, 'paidOn', x.paid_on`,
    `x.payable_fen - ${PAID_AS_OF('x')} DESC`,
  )} AS workers
  FROM agg a JOIN scope s USING (project_code)
 WHERE a.payable_fen > 0 AND a.paid_fen < ${th('payRatioThreshold')} * a.payable_fen`,
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
};

/** PAYROLL_MISSING: attending workers in P and no payroll row at all for P. */
export const PAYROLL_MISSING: RuleSql = {
  code: 'PAYROLL_MISSING',
  thresholdKeys: [],
  sql: `WITH ${SCOPE_CTE},
att AS (
  SELECT a.project_code, count(*)::int AS attending_workers, sum(a.days_worked)::int AS days_worked
    FROM attendance a JOIN scope s USING (project_code)
   WHERE a.period = $5 AND a.days_worked > 0
   GROUP BY a.project_code)
SELECT att.*, ${WORKER_LIST(
    `FROM attendance x ${JOIN_WORKER('x')} WHERE x.project_code = att.project_code AND x.period = $5 AND x.days_worked > 0`,
    `'daysWorked', x.days_worked`,
    `x.days_worked DESC`,
  )} AS workers
  FROM att
 WHERE NOT EXISTS (SELECT 1 FROM payroll pr WHERE pr.period = $5 AND pr.project_code = att.project_code)`,
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
};

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
export const CONSECUTIVE_ARREARS: RuleSql = {
  code: 'CONSECUTIVE_ARREARS',
  thresholdKeys: ['payRatioThreshold'],
  sql: `WITH ${SCOPE_CTE},
pay AS (
  SELECT pr.project_code, pr.period, sum(pr.payable_fen)::bigint AS payable_fen,
         sum(${PAID_AS_OF('pr')})::bigint AS paid_fen, count(*)::int AS payroll_rows
    FROM payroll pr JOIN scope s USING (project_code)
   WHERE pr.period IN ($5::date, ${PREVIOUS_PERIOD})
   GROUP BY pr.project_code, pr.period),
att AS (
  SELECT a.project_code, a.period, count(*)::int AS attending
    FROM attendance a JOIN scope s USING (project_code)
   WHERE a.period IN ($5::date, ${PREVIOUS_PERIOD}) AND a.days_worked > 0
   GROUP BY a.project_code, a.period),
per AS (
  SELECT s.project_code, m.period, s.t,
         coalesce(pay.payable_fen, 0) AS payable_fen, coalesce(pay.paid_fen, 0) AS paid_fen,
         coalesce(pay.payroll_rows, 0) AS payroll_rows, coalesce(att.attending, 0) AS attending
    FROM scope s
   CROSS JOIN (VALUES ($5::date), (${PREVIOUS_PERIOD})) AS m(period)
    LEFT JOIN pay ON pay.project_code = s.project_code AND pay.period = m.period
    LEFT JOIN att ON att.project_code = s.project_code AND att.period = m.period)
SELECT s.project_code,
       jsonb_agg(jsonb_build_object('period', s.period, 'payableFen', s.payable_fen, 'paidFen', s.paid_fen,
                 'payrollRows', s.payroll_rows, 'attendingWorkers', s.attending) ORDER BY s.period) AS periods
  FROM per s
 GROUP BY s.project_code
HAVING bool_and((s.payable_fen > 0 AND s.paid_fen < ${th('payRatioThreshold')} * s.payable_fen)
                OR (s.payroll_rows = 0 AND s.attending > 0))`,
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
};
