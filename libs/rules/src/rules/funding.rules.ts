import { fenTimes, shareBelow } from '../money';
import { CODE_BOUNDS_CTE, IN_CODE_BOUNDS } from '../engine/code-bounds';
import { defineRule } from './define-rule';
import { num, SCOPE_CTE, th, thInt } from './rule-sql';
import { FIRST_20, PAYROLL_HISTORY } from './sql-fragments';

/**
 * ACCOUNT_MISSING: contract ≥ accountMinContractYuan, planned duration ≥ accountMinDurationDays
 * or unknown (no planned_end_on), signed ≥ accountGraceDays ago, no wage account opened by D.
 */
export const ACCOUNT_MISSING = defineRule({
  code: 'ACCOUNT_MISSING',
  kind: 'state',
  joint: true,
  version: 1,
  titleZh: '未开设农民工工资专用账户',
  titleEn: 'No dedicated wage account',
  thresholdKeys: ['accountMinContractYuan', 'accountMinDurationDays', 'accountGraceDays'],
  sql: `WITH ${SCOPE_CTE}, ${CODE_BOUNDS_CTE}
SELECT p.project_code, p.contract_amount_fen, p.contract_signed_on, p.started_on, p.planned_end_on,
       p.planned_end_on - coalesce(p.started_on, p.contract_signed_on) AS planned_days,
       p.contract_signed_on + ${thInt('accountGraceDays')} AS due_on
  FROM projects p JOIN scope s USING (project_code)
 WHERE ${IN_CODE_BOUNDS('p.project_code')}
   AND p.contract_amount_fen >= ${th('accountMinContractYuan')} * 100
   AND (p.planned_end_on IS NULL
        OR p.planned_end_on - coalesce(p.started_on, p.contract_signed_on) >= ${thInt('accountMinDurationDays')})
   AND p.contract_signed_on <= $4::date - ${thInt('accountGraceDays')}
   AND NOT EXISTS (SELECT 1 FROM wage_accounts a WHERE a.project_code = p.project_code AND a.opened_on <= $4::date)`,
  decide(row, t) {
    return {
      severity: 'red',
      shortfallFen: 0,
      figures: {
        contractAmountFen: num(row.contract_amount_fen),
        minContractFen: t.accountMinContractYuan * 100,
        contractSignedOn: row.contract_signed_on,
        startedOn: row.started_on ?? null,
        plannedEndOn: row.planned_end_on ?? null,
        plannedDurationDays: row.planned_days === null ? 'unknown' : num(row.planned_days),
        minDurationDays: t.accountMinDurationDays,
        accountDueOn: row.due_on,
        accountsOpened: 0,
      },
    };
  },
});

/** ACCOUNT_NOT_FILED: a wage account opened ≥ accountFilingGraceDays before D is not filed by D. */
export const ACCOUNT_NOT_FILED = defineRule({
  code: 'ACCOUNT_NOT_FILED',
  kind: 'state',
  joint: true,
  version: 1,
  titleZh: '专用账户未备案',
  titleEn: 'Wage account not filed',
  thresholdKeys: ['accountFilingGraceDays'],
  sql: `WITH ${SCOPE_CTE}, ${CODE_BOUNDS_CTE}
SELECT a.project_code, count(*)::int AS unfiled_accounts,
       ${FIRST_20(
         `jsonb_build_object('bankName', a.bank_name, 'accountMasked', a.account_number_masked, 'openedOn', a.opened_on,
                             'filingDueOn', a.opened_on + ${thInt('accountFilingGraceDays')})`,
         'a.opened_on, a.id',
       )} AS accounts
  FROM wage_accounts a JOIN scope s USING (project_code)
 WHERE ${IN_CODE_BOUNDS('a.project_code')}
   AND a.opened_on <= $4::date - ${thInt('accountFilingGraceDays')}
   AND (a.filed_on IS NULL OR a.filed_on > $4::date)
 GROUP BY a.project_code`,
  decide(row) {
    return { severity: 'yellow', shortfallFen: 0, figures: { unfiledAccounts: num(row.unfiled_accounts), accounts: row.accounts } };
  },
});

/**
 * LABOR_COST_SHORT: allocations paid by D add up to less than the payable of every
 * period up to P. The gap is funding, not wages known to be unpaid: shortfall 0.
 */
export const LABOR_COST_SHORT = defineRule({
  code: 'LABOR_COST_SHORT',
  kind: 'state',
  joint: true,
  version: 1,
  titleZh: '人工费用拨付不足',
  titleEn: 'Labour-cost allocations below payable wages',
  thresholdKeys: [],
  sql: `WITH ${SCOPE_CTE},
pay AS (
  SELECT h.project_code, sum(h.payable_fen)::bigint AS payable_fen, min(h.period) AS first_period
    FROM ${PAYROLL_HISTORY} h
   WHERE h.project_code = ANY($1::text[]) AND h.period <= $5::date
   GROUP BY h.project_code),
alloc AS (
  SELECT l.project_code, sum(l.amount_fen)::bigint AS allocated_fen, count(*)::int AS allocations
    FROM labor_cost_allocations l
   WHERE l.project_code = ANY($1::text[]) AND l.paid_on <= $4::date
   GROUP BY l.project_code)
SELECT pay.project_code, pay.payable_fen, pay.first_period, coalesce(alloc.allocated_fen, 0)::bigint AS allocated_fen,
       coalesce(alloc.allocations, 0)::int AS allocations, $5::date AS last_period
  FROM pay LEFT JOIN alloc USING (project_code)
 WHERE coalesce(alloc.allocated_fen, 0) < pay.payable_fen`,
  decide(row) {
    const payable = num(row.payable_fen);
    const allocated = num(row.allocated_fen);
    return {
      severity: 'orange',
      shortfallFen: 0,
      figures: {
        payableThroughPeriodFen: payable,
        allocatedFen: allocated,
        gapFen: payable - allocated,
        allocations: num(row.allocations),
        fromPeriod: String(row.first_period).slice(0, 7),
        throughPeriod: String(row.last_period).slice(0, 7),
      },
    };
  },
});

/**
 * DEPOSIT_MISSING: contract ≥ depositMinContractYuan, signed ≥ depositGraceDays ago, and
 * the deposits valid on D (valid_from ≤ D ≤ valid_until, or open-ended) add up to less
 * than depositMinRatio of the contract amount.
 */
export const DEPOSIT_MISSING = defineRule({
  code: 'DEPOSIT_MISSING',
  kind: 'state',
  joint: true,
  version: 1,
  titleZh: '未足额存储工资保证金',
  titleEn: 'Wage deposit missing or insufficient',
  thresholdKeys: ['depositMinContractYuan', 'depositGraceDays', 'depositMinRatio'],
  sql: `WITH ${SCOPE_CTE}, ${CODE_BOUNDS_CTE}
SELECT p.project_code, p.contract_amount_fen, p.contract_signed_on,
       p.contract_signed_on + ${thInt('depositGraceDays')} AS due_on,
       coalesce(d.total_fen, 0)::bigint AS valid_deposits_fen, coalesce(d.n, 0)::int AS valid_deposits,
       coalesce(d.list, '[]'::jsonb) AS deposits
  FROM projects p JOIN scope s USING (project_code)
  LEFT JOIN LATERAL (
    SELECT sum(x.amount_fen) AS total_fen, count(*) AS n,
           jsonb_agg(jsonb_build_object('contractorUscc', x.contractor_uscc, 'form', x.form, 'amountFen', x.amount_fen,
                                        'validFrom', x.valid_from, 'validUntil', x.valid_until) ORDER BY x.valid_from, x.id) AS list
      FROM deposits x
     WHERE x.project_code = p.project_code AND x.valid_from <= $4::date
       AND (x.valid_until IS NULL OR x.valid_until >= $4::date)) d ON true
 WHERE ${IN_CODE_BOUNDS('p.project_code')}
   AND p.contract_amount_fen >= ${th('depositMinContractYuan')} * 100
   AND p.contract_signed_on <= $4::date - ${thInt('depositGraceDays')}
   AND coalesce(d.total_fen, 0) < ${th('depositMinRatio')} * p.contract_amount_fen`,
  decide(row, t) {
    const contract = num(row.contract_amount_fen);
    const valid = num(row.valid_deposits_fen);
    if (!shareBelow(valid, contract, t.depositMinRatio)) return null;
    const required = fenTimes(contract, t.depositMinRatio);
    return {
      severity: 'orange',
      shortfallFen: 0,
      figures: {
        contractAmountFen: contract,
        contractSignedOn: row.contract_signed_on,
        depositDueOn: row.due_on,
        minRatio: t.depositMinRatio,
        requiredFen: required,
        validDepositsFen: valid,
        missingFen: required - valid,
        validDeposits: num(row.valid_deposits),
        deposits: row.deposits,
      },
    };
  },
});

/** The rules of this file, in catalogue order (all-rules.ts gathers them). */
export const FUNDING_RULES = [ACCOUNT_MISSING, ACCOUNT_NOT_FILED, LABOR_COST_SHORT, DEPOSIT_MISSING] as const;
