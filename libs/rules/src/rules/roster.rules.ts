import { ratioText, shareAbove } from '../money';
import { CODE_BOUNDS_CTE, IN_CODE_BOUNDS } from '../engine/code-bounds';
import { defineRule } from './define-rule';
import { num, SCOPE_CTE, th } from './rule-sql';
import { FIRST_20, PAID_AS_OF, OF_PROJECTS_IN, PAYROLL_OF_P, PERIOD_END, PERIOD_PROJECTS, PERIOD_WORKERS, PREVIOUS_PERIOD, SCOPE_WORKERS, WORKER_LIST_CTE } from './sql-fragments';

/** PAID_OUTSIDE_ACCOUNT: part of paid(P) went via another account or cash; orange above paidOutsideOrangeShare of paid(P). Sums from the month summary. */
export const PAID_OUTSIDE_ACCOUNT = defineRule({
  code: 'PAID_OUTSIDE_ACCOUNT',
  kind: 'period',
  joint: false,
  version: 1,
  titleZh: '未通过专用账户代发工资',
  titleEn: 'Wages paid outside the dedicated account',
  thresholdKeys: ['paidOutsideOrangeShare'],
  sql: `WITH ${SCOPE_CTE},
agg AS MATERIALIZED (
  SELECT pp.project_code, pp.paid_fen, pp.other_account_fen, pp.cash_fen, pp.outside_workers
    FROM ${PERIOD_PROJECTS} pp
   WHERE pp.project_code = ANY($1::text[]) AND pp.outside_paid_fen > 0),
${WORKER_LIST_CTE('lists', {
    from: `FROM ${PAYROLL_OF_P} x
     WHERE ${OF_PROJECTS_IN('agg')} AND x.paid_via <> 'dedicated_account' AND ${PAID_AS_OF('x')} > 0`,
    columns: 'x.paid_fen, x.paid_via, x.paid_on',
    fields: `'paidFen', r.paid_fen, 'paidVia', r.paid_via, 'paidOn', r.paid_on`,
    order: 'x.paid_fen DESC',
  })}
SELECT agg.*, lists.workers FROM agg LEFT JOIN lists USING (project_code)`,
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
});

/**
 * A workers row enrolling the id of row `x` on its project in P (entered by P's end, not
 * exited before P), from the scope's narrow copy of workers: the anti join hashes only the
 * scope's rows without reading every row of workers.
 */
const ENROLLED_IN_P = (x: string): string => `SELECT 1 FROM ${SCOPE_WORKERS} w WHERE w.project_code = ${x}.project_code AND w.id_hash = ${x}.id_hash
       AND w.project_code = ANY($1::text[]) AND w.entered_on <= ${PERIOD_END} AND (w.exited_on IS NULL OR w.exited_on >= $5::date)`;

/** UNREGISTERED_WORKERS: attendance or payroll rows in P for ids not enrolled in P. */
export const UNREGISTERED_WORKERS = defineRule({
  code: 'UNREGISTERED_WORKERS',
  kind: 'period',
  joint: false,
  version: 1,
  titleZh: '未实名登记人员',
  titleEn: 'Workers not registered on the project',
  thresholdKeys: [],
  sql: `WITH ${SCOPE_CTE},
rows_p AS MATERIALIZED (
  SELECT x.project_code, x.id_hash, greatest(x.attendance_id_masked, x.payroll_id_masked) AS id_masked, x.in_attendance, x.in_payroll
    FROM ${PERIOD_WORKERS} x
   WHERE x.project_code = ANY($1::text[]) AND NOT EXISTS (${ENROLLED_IN_P('x')})),
unreg AS (
  SELECT i.project_code, i.id_hash, max(i.id_masked) AS id_masked,
         bool_or(i.in_attendance) AS in_attendance, bool_or(i.in_payroll) AS in_payroll,
         max(w.name) AS name, max(w.entered_on) AS entered_on, max(w.exited_on) AS exited_on, bool_or(w.id IS NOT NULL) AS registered
    FROM rows_p i LEFT JOIN workers w ON w.project_code = i.project_code AND w.id_hash = i.id_hash
   GROUP BY i.project_code, i.id_hash)
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
});

/**
 * LABOR_COST_LAPSE: started (started_on, or contract_signed_on when started_on is blank —
 * rules.md) before P and no allocation paid in P; red when none in P−1 either.
 */
export const LABOR_COST_LAPSE = defineRule({
  code: 'LABOR_COST_LAPSE',
  kind: 'period',
  joint: true,
  version: 2,
  titleZh: '人工费用未按月拨付',
  titleEn: 'Labour cost not allocated this month',
  thresholdKeys: [],
  sql: `WITH ${SCOPE_CTE}, ${CODE_BOUNDS_CTE}
SELECT p.project_code, coalesce(p.started_on, p.contract_signed_on) AS started_on, p.started_on IS NULL AS start_from_contract,
       EXISTS (SELECT 1 FROM labor_cost_allocations l WHERE l.project_code = p.project_code
                  AND l.paid_on >= ${PREVIOUS_PERIOD} AND l.paid_on < $5::date) AS allocated_previous_period,
       last.paid_on AS last_allocation_on, last.amount_fen AS last_allocation_fen
  FROM projects p JOIN scope s USING (project_code)
  LEFT JOIN LATERAL (SELECT l.paid_on, l.amount_fen FROM labor_cost_allocations l
                      WHERE l.project_code = p.project_code AND l.paid_on <= $4::date
                      ORDER BY l.paid_on DESC, l.id DESC LIMIT 1) last ON true
 WHERE ${IN_CODE_BOUNDS('p.project_code')}
   AND coalesce(p.started_on, p.contract_signed_on) < $5::date
   AND NOT EXISTS (SELECT 1 FROM labor_cost_allocations l WHERE l.project_code = p.project_code
                      AND l.paid_on BETWEEN $5::date AND ${PERIOD_END})`,
  decide(row) {
    const previous = row.allocated_previous_period === true;
    return {
      severity: previous ? 'orange' : 'red',
      shortfallFen: 0,
      figures: {
        startedOn: row.started_on,
        // The inspector sees which date the start was taken from.
        startedOnSource: row.start_from_contract === true ? 'contract_signed_on' : 'started_on',
        allocationsInPeriod: 0,
        allocatedPreviousPeriod: previous,
        lastAllocationOn: row.last_allocation_on ?? null,
        lastAllocationFen: row.last_allocation_fen ?? null,
      },
    };
  },
});

/** CONTRACT_UNSIGNED (state): more than contractUnsignedShare of the workers enrolled on D have no labour contract. */
export const CONTRACT_UNSIGNED = defineRule({
  code: 'CONTRACT_UNSIGNED',
  kind: 'state',
  joint: false,
  version: 1,
  titleZh: '未签订劳动合同',
  titleEn: 'Workers without a labour contract',
  thresholdKeys: ['contractUnsignedShare'],
  // The list reads the firing projects' workers through the (project_code, id_hash) index,
  // not every row of workers (most nights no project fires).
  sql: `WITH ${SCOPE_CTE},
agg AS MATERIALIZED (
  SELECT w.project_code, count(*)::int AS enrolled_workers, count(*) FILTER (WHERE NOT w.contract_signed)::int AS unsigned_workers
    FROM ${SCOPE_WORKERS} w
   WHERE w.project_code = ANY($1::text[]) AND w.entered_on <= $4::date AND (w.exited_on IS NULL OR w.exited_on >= $4::date)
   GROUP BY w.project_code),
hit AS MATERIALIZED (
  SELECT agg.* FROM agg JOIN scope s USING (project_code)
   WHERE agg.unsigned_workers > ${th('contractUnsignedShare')} * agg.enrolled_workers)
SELECT hit.*, ${FIRST_20(
    `jsonb_build_object('name', w.name, 'idMasked', w.id_masked, 'enteredOn', w.entered_on)`,
    'w.entered_on, w.id_hash',
  )} AS workers
  FROM hit JOIN workers w USING (project_code)
 WHERE ${OF_PROJECTS_IN('hit', 'w')}
   AND NOT w.contract_signed AND w.entered_on <= $4::date AND (w.exited_on IS NULL OR w.exited_on >= $4::date)
 GROUP BY hit.project_code, hit.enrolled_workers, hit.unsigned_workers`,
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
});

/** The rules of this file, in catalogue order (all-rules.ts gathers them). */
export const ROSTER_RULES = [PAID_OUTSIDE_ACCOUNT, UNREGISTERED_WORKERS, LABOR_COST_LAPSE, CONTRACT_UNSIGNED] as const;
