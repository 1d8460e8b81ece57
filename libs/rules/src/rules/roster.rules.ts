import { ratioText, shareAbove } from '../money';
import { num, RuleSql, SCOPE_CTE, th } from './rule-sql';
import { FIRST_20, JOIN_WORKER, PAID_AS_OF, PERIOD_END, PREVIOUS_PERIOD, WORKER_LIST } from './sql-fragments';

/** PAID_OUTSIDE_ACCOUNT: part of paid(P) went via another account or cash; orange above paidOutsideOrangeShare of paid(P). */
export const PAID_OUTSIDE_ACCOUNT: RuleSql = {
  code: 'PAID_OUTSIDE_ACCOUNT',
  thresholdKeys: ['paidOutsideOrangeShare'],
  sql: `WITH ${SCOPE_CTE},
agg AS (
  SELECT pr.project_code, sum(${PAID_AS_OF('pr')})::bigint AS paid_fen,
         coalesce(sum(${PAID_AS_OF('pr')}) FILTER (WHERE pr.paid_via = 'other_account'), 0)::bigint AS other_account_fen,
         coalesce(sum(${PAID_AS_OF('pr')}) FILTER (WHERE pr.paid_via = 'cash'), 0)::bigint AS cash_fen,
         count(*) FILTER (WHERE pr.paid_via <> 'dedicated_account' AND ${PAID_AS_OF('pr')} > 0)::int AS outside_workers
    FROM payroll pr JOIN scope s USING (project_code)
   WHERE pr.period = $5
   GROUP BY pr.project_code
  HAVING coalesce(sum(${PAID_AS_OF('pr')}) FILTER (WHERE pr.paid_via <> 'dedicated_account'), 0) > 0)
SELECT agg.*, ${WORKER_LIST(
    `FROM payroll x ${JOIN_WORKER('x')}
     WHERE x.project_code = agg.project_code AND x.period = $5 AND x.paid_via <> 'dedicated_account' AND ${PAID_AS_OF('x')} > 0`,
    `'paidFen', x.paid_fen, 'paidVia', x.paid_via, 'paidOn', x.paid_on`,
    `x.paid_fen DESC`,
  )} AS workers
  FROM agg`,
  decide(row, t) {
    const paid = num(row.paid_fen);
    const outside = num(row.other_account_fen) + num(row.cash_fen);
    return {
      severity: shareAbove(outside, paid, t.paidOutsideOrangeShare) ? 'orange' : 'yellow',
      shortfallFen: 0,
      figures: {
        paidFen: paid,
        paidOutsideFen: outside,
        otherAccountFen: num(row.other_account_fen),
        cashFen: num(row.cash_fen),
        outsideShare: ratioText(outside, paid),
        orangeAbove: t.paidOutsideOrangeShare,
        outsideWorkers: num(row.outside_workers),
        workers: row.workers,
      },
    };
  },
};

/** UNREGISTERED_WORKERS: attendance or payroll rows in P for ids not enrolled in P. */
export const UNREGISTERED_WORKERS: RuleSql = {
  code: 'UNREGISTERED_WORKERS',
  thresholdKeys: [],
  sql: `WITH ${SCOPE_CTE},
ids AS (
  SELECT a.project_code, a.id_hash, a.id_masked, true AS in_attendance, false AS in_payroll
    FROM attendance a JOIN scope s USING (project_code) WHERE a.period = $5
  UNION ALL
  SELECT pr.project_code, pr.id_hash, pr.id_masked, false, true
    FROM payroll pr JOIN scope s USING (project_code) WHERE pr.period = $5),
per_id AS (
  SELECT project_code, id_hash, max(id_masked) AS id_masked,
         bool_or(in_attendance) AS in_attendance, bool_or(in_payroll) AS in_payroll
    FROM ids GROUP BY project_code, id_hash),
unreg AS (
  SELECT i.*, w.name, w.entered_on, w.exited_on, w.id IS NOT NULL AS registered
    FROM per_id i LEFT JOIN workers w ON w.project_code = i.project_code AND w.id_hash = i.id_hash
   WHERE w.id IS NULL OR w.entered_on > ${PERIOD_END} OR w.exited_on < $5::date)
SELECT u.project_code, count(*)::int AS unregistered_workers,
       count(*) FILTER (WHERE u.in_attendance)::int AS in_attendance,
       count(*) FILTER (WHERE u.in_payroll)::int AS in_payroll,
       count(*) FILTER (WHERE u.registered)::int AS registered_outside_period,
       ${FIRST_20(
         `jsonb_build_object('name', u.name, 'idMasked', u.id_masked, 'inAttendance', u.in_attendance, 'inPayroll', u.in_payroll,
                             'registered', u.registered, 'enteredOn', u.entered_on, 'exitedOn', u.exited_on)`,
         'u.registered, u.id_hash',
       )} AS workers
  FROM unreg u GROUP BY u.project_code`,
  decide(row) {
    return {
      severity: 'orange',
      shortfallFen: 0,
      figures: {
        unregisteredWorkers: num(row.unregistered_workers),
        inAttendance: num(row.in_attendance),
        inPayroll: num(row.in_payroll),
        registeredOutsidePeriod: num(row.registered_outside_period),
        workers: row.workers,
      },
    };
  },
};

/** LABOR_COST_LAPSE: started before P and no allocation paid in P; red when none in P−1 either. */
export const LABOR_COST_LAPSE: RuleSql = {
  code: 'LABOR_COST_LAPSE',
  thresholdKeys: [],
  sql: `WITH ${SCOPE_CTE}
SELECT p.project_code, p.started_on,
       EXISTS (SELECT 1 FROM labor_cost_allocations l WHERE l.project_code = p.project_code
                  AND l.paid_on >= ${PREVIOUS_PERIOD} AND l.paid_on < $5::date) AS allocated_previous_period,
       last.paid_on AS last_allocation_on, last.amount_fen AS last_allocation_fen
  FROM projects p JOIN scope s USING (project_code)
  LEFT JOIN LATERAL (SELECT l.paid_on, l.amount_fen FROM labor_cost_allocations l
                      WHERE l.project_code = p.project_code AND l.paid_on <= $4::date
                      ORDER BY l.paid_on DESC, l.id DESC LIMIT 1) last ON true
 WHERE p.started_on < $5::date
   AND NOT EXISTS (SELECT 1 FROM labor_cost_allocations l WHERE l.project_code = p.project_code
                      AND l.paid_on BETWEEN $5::date AND ${PERIOD_END})`,
  decide(row) {
    const previous = row.allocated_previous_period === true;
    return {
      severity: previous ? 'orange' : 'red',
      shortfallFen: 0,
      figures: {
        startedOn: row.started_on,
        allocationsInPeriod: 0,
        allocatedPreviousPeriod: previous,
        lastAllocationOn: row.last_allocation_on ?? null,
        lastAllocationFen: row.last_allocation_fen ?? null,
      },
    };
  },
};

/** CONTRACT_UNSIGNED (state): more than contractUnsignedShare of the workers enrolled on D have no labour contract. */
export const CONTRACT_UNSIGNED: RuleSql = {
  code: 'CONTRACT_UNSIGNED',
  thresholdKeys: ['contractUnsignedShare'],
  sql: `WITH ${SCOPE_CTE}
SELECT w.project_code, count(*)::int AS enrolled_workers,
       count(*) FILTER (WHERE NOT w.contract_signed)::int AS unsigned_workers,
       ${FIRST_20(
         `jsonb_build_object('name', w.name, 'idMasked', w.id_masked, 'enteredOn', w.entered_on)`,
         'w.entered_on, w.id_hash',
         'NOT w.contract_signed',
       )} AS workers
  FROM workers w JOIN scope s USING (project_code)
 WHERE w.entered_on <= $4::date AND (w.exited_on IS NULL OR w.exited_on >= $4::date)
 GROUP BY w.project_code
HAVING count(*) FILTER (WHERE NOT w.contract_signed) > max(${th('contractUnsignedShare')}) * count(*)`,
  decide(row, t) {
    const enrolled = num(row.enrolled_workers);
    const unsigned = num(row.unsigned_workers);
    if (!shareAbove(unsigned, enrolled, t.contractUnsignedShare)) return null;
    return {
      severity: 'yellow',
      shortfallFen: 0,
      figures: {
        enrolledWorkers: enrolled,
        unsignedWorkers: unsigned,
        unsignedShare: ratioText(unsigned, enrolled),
        threshold: t.contractUnsignedShare,
        workers: row.workers,
      },
    };
  },
};
