import { Severity } from '@wage/common';
import { DEFAULT_THRESHOLDS, RuleThresholds } from '../profiles/thresholds';
import { RULE_SQL, RuleCode } from './all-rules';
import { complaintSeverity } from './signals.rules';

type Row = Record<string, unknown>;
const t: RuleThresholds = { ...DEFAULT_THRESHOLDS, minimumMonthlyWageYuan: 2400 };
const decide = (code: RuleCode, row: Row) => RULE_SQL[code].decide({ project_code: 'P1', ...row }, t);

const low = { period: '2026-10-01', payableFen: 1000, paidFen: 100, payrollRows: 1, attendingWorkers: 1 };
const missing = { period: '2026-09-01', payableFen: 0, paidFen: 0, payrollRows: 0, attendingWorkers: 3 };
const fine = { ...low, period: '2026-09-01', paidFen: 800 };

describe('rule decisions (pure)', () => {
  // [rule, case, row, severity]
  it.each<[RuleCode, string, Row, Severity]>([
    ['PAY_RATIO_LOW', 'red below 0.50', { payable_fen: 100000, paid_fen: 49999 }, 'red'],
    ['PAY_RATIO_LOW', 'orange at 0.50', { payable_fen: 100000, paid_fen: 50000 }, 'orange'],
    ['UNPAID_WORKERS', 'red above 10 %', { attending_workers: 10, unpaid_workers: 2, unpaid_payable_fen: 0 }, 'red'],
    ['BELOW_MIN_WAGE', 'red at 10 %', { full_month_workers: 10, below_workers: 1, gap_fen: 1 }, 'red'],
    ['BELOW_MIN_WAGE', 'orange below 10 %', { full_month_workers: 11, below_workers: 1, gap_fen: 1 }, 'orange'],
    ['CONSECUTIVE_ARREARS', 'both periods in arrears', { periods: [missing, low] }, 'red'],
    ['ACCOUNT_DIVERSION', 'orange at 10 % of the transfers in P', { transferred_fen: 10000, diverted_fen: 1000, payees: 1 }, 'orange'],
    ['PAID_OUTSIDE_ACCOUNT', 'orange above 50 % of paid', { paid_fen: 100, other_account_fen: 30, cash_fen: 21 }, 'orange'],
    ['PAID_OUTSIDE_ACCOUNT', 'yellow at 50 % of paid', { paid_fen: 100, other_account_fen: 30, cash_fen: 20 }, 'yellow'],
    ['LABOR_COST_LAPSE', 'red without an allocation in P−1', { allocated_previous_period: false }, 'red'],
    ['LABOR_COST_LAPSE', 'orange with one in P−1', { allocated_previous_period: true }, 'orange'],
    ['CONTRACT_UNSIGNED', 'yellow above 10 % unsigned', { enrolled_workers: 10, unsigned_workers: 2 }, 'yellow'],
    ['PAYROLL_MISSING', 'fixed severity', {}, 'red'],
    ['ABNORMAL_PAYMENT', 'fixed severity', {}, 'orange'],
    ['UNREGISTERED_WORKERS', 'fixed severity', {}, 'orange'],
    ['ACCOUNT_NOT_FILED', 'fixed severity', {}, 'yellow'],
    ['NOTICE_BOARD_MISSING', 'fixed severity', {}, 'yellow'],
    ['WATCHLISTED_PARTY', 'fixed severity', {}, 'orange'],
  ])('%s: %s → %s', (code, _case, row, severity) => {
    expect(decide(code, row)?.severity).toBe(severity);
  });

  // [rule, case, row, what the outcome contains]
  it.each<[RuleCode, string, Row, Record<string, unknown>]>([
    ['PAY_RATIO_LOW', 'orange just below 0.80, the gap is the shortfall', { payable_fen: 100000, paid_fen: 79999 }, { severity: 'orange', shortfallFen: 20001 }],
    ['UNPAID_WORKERS', 'yellow at 10 %, the unpaid payable is the shortfall', { attending_workers: 10, unpaid_workers: 1, unpaid_payable_fen: 300000 }, { severity: 'yellow', shortfallFen: 300000 }],
    ['PAYROLL_UNVERIFIED', 'red above 20 % of the reported paid amount', { reported_paid_fen: 100000, transferred_fen: 79999, unverified_fen: 20001 }, { severity: 'red', shortfallFen: 20001 }],
    ['PAYROLL_UNVERIFIED', 'orange at 20 %, the unverified sum is the shortfall', { reported_paid_fen: 100000, transferred_fen: 80000, unverified_fen: 20000 }, { severity: 'orange', shortfallFen: 20000 }],
    ['PAYROLL_UNVERIFIED', 'figures: share, threshold, window', { reported_paid_fen: 100000, unverified_fen: 1 }, { figures: expect.objectContaining({ unverifiedShare: '0.0000', redAbove: 0.2, matchWindowDays: 3 }) }],
    ['ACCOUNT_DIVERSION', 'red above 10 % of the transfers in P, no shortfall', { transferred_fen: 10000, diverted_fen: 1001, payees: 1 }, { severity: 'red', shortfallFen: 0 }],
    // rules.md: the contract date stands in for a blank started_on, and the evidence says so.
    ['LABOR_COST_LAPSE', 'start taken from the contract', { started_on: '2025-01-10', start_from_contract: true }, { figures: expect.objectContaining({ startedOn: '2025-01-10', startedOnSource: 'contract_signed_on' }) }],
    ['LABOR_COST_LAPSE', 'start taken from started_on', { started_on: '2025-02-01', start_from_contract: false }, { figures: expect.objectContaining({ startedOnSource: 'started_on' }) }],
    ['DEPOSIT_MISSING', 'one fen short of 1 %', { contract_amount_fen: 300000000, valid_deposits_fen: 2999999 }, { severity: 'orange', figures: expect.objectContaining({ requiredFen: 3000000, missingFen: 1 }) }],
    ['EXIT_UNSETTLED', 'the owed amount is the shortfall', { owed_fen: 500 }, { severity: 'red', shortfallFen: 500 }],
    ['ACCOUNT_MISSING', 'no planned end: duration unknown', { planned_days: null }, { figures: expect.objectContaining({ plannedDurationDays: 'unknown' }) }],
    ['LABOR_COST_SHORT', 'gap and the periods it covers', { payable_fen: 10, allocated_fen: 4, first_period: '2026-01-01', last_period: '2026-10-01' }, { figures: expect.objectContaining({ gapFen: 6, fromPeriod: '2026-01', throughPeriod: '2026-10' }) }],
  ])('%s: %s', (code, _case, row, outcome) => {
    expect(decide(code, row)).toMatchObject(outcome);
  });

  // [rule, case, row]: the SQL returned the row, the exact recheck says no.
  it.each<[RuleCode, string, Row]>([
    ['PAY_RATIO_LOW', 'exactly 0.80', { payable_fen: 100000, paid_fen: 80000 }],
    ['PAY_RATIO_LOW', 'nothing payable', { payable_fen: 0, paid_fen: 0 }],
    ['CONSECUTIVE_ARREARS', 'P−1 not in arrears', { periods: [fine, low] }],
    ['PAYROLL_UNVERIFIED', 'nothing unverified', { reported_paid_fen: 100000, unverified_fen: 0 }],
    ['ACCOUNT_DIVERSION', 'nothing diverted', { transferred_fen: 10000, diverted_fen: 0, payees: 0 }],
    ['CONTRACT_UNSIGNED', 'exactly 10 % unsigned', { enrolled_workers: 10, unsigned_workers: 1 }],
    ['DEPOSIT_MISSING', 'exactly 1 % deposited', { contract_amount_fen: 300000000, valid_deposits_fen: 3000000 }],
  ])('%s does not fire: %s', (code, _case, row) => {
    expect(decide(code, row)).toBeNull();
  });

  it('BELOW_MIN_WAGE is skipped without a minimum wage', () => {
    expect(RULE_SQL.BELOW_MIN_WAGE.skipReason?.(DEFAULT_THRESHOLDS)).toMatch(/minimum wage/);
    expect(RULE_SQL.BELOW_MIN_WAGE.skipReason?.(t)).toBeNull();
  });

  // [clues, workers, severity] with the default 3 clues / 10 workers
  it.each<[number, number, 'red' | 'yellow']>([
    [1, 2, 'yellow'],
    [2, 9, 'yellow'],
    [3, 3, 'red'],
    [1, 10, 'red'],
  ])('COMPLAINT_CLUSTER: %i clues, %i workers → %s', (clues, workers, severity) => {
    expect(complaintSeverity(clues, workers, 3, 10)).toBe(severity);
  });
});
