import { DEFAULT_THRESHOLDS, RuleThresholds } from '../profiles/thresholds';
import { RULE_SQL } from './all-rules';
import { complaintSeverity } from './signals.rules';

const t: RuleThresholds = { ...DEFAULT_THRESHOLDS, minimumMonthlyWageYuan: 2400 };
const decide = (code: keyof typeof RULE_SQL, row: Record<string, unknown>) => RULE_SQL[code].decide({ project_code: 'P1', ...row }, t);

describe('rule decisions (pure)', () => {
  it('PAY_RATIO_LOW: red below 0.50, orange below 0.80, none at 0.80', () => {
    expect(decide('PAY_RATIO_LOW', { payable_fen: 100000, paid_fen: 49999 })?.severity).toBe('red');
    expect(decide('PAY_RATIO_LOW', { payable_fen: 100000, paid_fen: 50000 })?.severity).toBe('orange');
    expect(decide('PAY_RATIO_LOW', { payable_fen: 100000, paid_fen: 79999 })).toMatchObject({ severity: 'orange', shortfallFen: 20001 });
    expect(decide('PAY_RATIO_LOW', { payable_fen: 100000, paid_fen: 80000 })).toBeNull();
    expect(decide('PAY_RATIO_LOW', { payable_fen: 0, paid_fen: 0 })).toBeNull();
  });

  it('UNPAID_WORKERS: red above 10 %, yellow at or below', () => {
    expect(decide('UNPAID_WORKERS', { attending_workers: 10, unpaid_workers: 1, unpaid_payable_fen: 300000 })).toMatchObject({ severity: 'yellow', shortfallFen: 300000 });
    expect(decide('UNPAID_WORKERS', { attending_workers: 10, unpaid_workers: 2, unpaid_payable_fen: 0 })?.severity).toBe('red');
  });

  it('BELOW_MIN_WAGE: red at ≥ 10 %, orange below; skipped without a minimum wage', () => {
    expect(decide('BELOW_MIN_WAGE', { full_month_workers: 10, below_workers: 1, gap_fen: 1 })?.severity).toBe('red');
    expect(decide('BELOW_MIN_WAGE', { full_month_workers: 11, below_workers: 1, gap_fen: 1 })?.severity).toBe('orange');
    expect(RULE_SQL.BELOW_MIN_WAGE.skipReason?.(DEFAULT_THRESHOLDS)).toMatch(/minimum wage/);
    expect(RULE_SQL.BELOW_MIN_WAGE.skipReason?.(t)).toBeNull();
  });

  it('CONSECUTIVE_ARREARS: both periods must be in arrears', () => {
    const low = { period: '2026-10-01', payableFen: 1000, paidFen: 100, payrollRows: 1, attendingWorkers: 1 };
    const missing = { period: '2026-09-01', payableFen: 0, paidFen: 0, payrollRows: 0, attendingWorkers: 3 };
    const fine = { ...low, period: '2026-09-01', paidFen: 800 };
    expect(decide('CONSECUTIVE_ARREARS', { periods: [missing, low] })?.severity).toBe('red');
    expect(decide('CONSECUTIVE_ARREARS', { periods: [fine, low] })).toBeNull();
  });

  it('PAYROLL_UNVERIFIED: red above 20 % of the reported paid amount, orange up to it; the unverified sum is the shortfall', () => {
    expect(decide('PAYROLL_UNVERIFIED', { reported_paid_fen: 100000, transferred_fen: 79999, unverified_fen: 20001 })).toMatchObject({ severity: 'red', shortfallFen: 20001 });
    expect(decide('PAYROLL_UNVERIFIED', { reported_paid_fen: 100000, transferred_fen: 80000, unverified_fen: 20000 })).toMatchObject({ severity: 'orange', shortfallFen: 20000 });
    expect(decide('PAYROLL_UNVERIFIED', { reported_paid_fen: 100000, unverified_fen: 0 })).toBeNull();
    expect(decide('PAYROLL_UNVERIFIED', { reported_paid_fen: 100000, unverified_fen: 1 })?.figures).toMatchObject({ unverifiedShare: '0.0000', redAbove: 0.2, matchWindowDays: 3 });
  });

  it('ACCOUNT_DIVERSION: red above 10 % of the transfers in P, orange up to it, no shortfall', () => {
    expect(decide('ACCOUNT_DIVERSION', { transferred_fen: 10000, diverted_fen: 1001, payees: 1 })).toMatchObject({ severity: 'red', shortfallFen: 0 });
    expect(decide('ACCOUNT_DIVERSION', { transferred_fen: 10000, diverted_fen: 1000, payees: 1 })?.severity).toBe('orange');
    expect(decide('ACCOUNT_DIVERSION', { transferred_fen: 10000, diverted_fen: 0, payees: 0 })).toBeNull();
  });

  it('PAID_OUTSIDE_ACCOUNT: orange above 50 % of paid, else yellow', () => {
    expect(decide('PAID_OUTSIDE_ACCOUNT', { paid_fen: 100, other_account_fen: 30, cash_fen: 21 })?.severity).toBe('orange');
    expect(decide('PAID_OUTSIDE_ACCOUNT', { paid_fen: 100, other_account_fen: 30, cash_fen: 20 })?.severity).toBe('yellow');
  });

  it('LABOR_COST_LAPSE: red without an allocation in P−1, orange with one', () => {
    expect(decide('LABOR_COST_LAPSE', { allocated_previous_period: false })?.severity).toBe('red');
    expect(decide('LABOR_COST_LAPSE', { allocated_previous_period: true })?.severity).toBe('orange');
    // rules.md: the contract date stands in for a blank started_on, and the evidence says so.
    expect(decide('LABOR_COST_LAPSE', { started_on: '2025-01-10', start_from_contract: true })?.figures).toMatchObject({
      startedOn: '2025-01-10',
      startedOnSource: 'contract_signed_on',
    });
    expect(decide('LABOR_COST_LAPSE', { started_on: '2025-02-01', start_from_contract: false })?.figures.startedOnSource).toBe('started_on');
  });

  it('CONTRACT_UNSIGNED and DEPOSIT_MISSING recheck their boundary exactly', () => {
    expect(decide('CONTRACT_UNSIGNED', { enrolled_workers: 10, unsigned_workers: 1 })).toBeNull();
    expect(decide('CONTRACT_UNSIGNED', { enrolled_workers: 10, unsigned_workers: 2 })?.severity).toBe('yellow');
    expect(decide('DEPOSIT_MISSING', { contract_amount_fen: 300000000, valid_deposits_fen: 3000000 })).toBeNull();
    expect(decide('DEPOSIT_MISSING', { contract_amount_fen: 300000000, valid_deposits_fen: 2999999 })).toMatchObject({
      severity: 'orange',
      figures: expect.objectContaining({ requiredFen: 3000000, missingFen: 1 }),
    });
  });

  it('COMPLAINT_CLUSTER: red at 3 clues or 10 workers, yellow below', () => {
    expect(complaintSeverity(1, 2, 3, 10)).toBe('yellow');
    expect(complaintSeverity(2, 9, 3, 10)).toBe('yellow');
    expect(complaintSeverity(3, 3, 3, 10)).toBe('red');
    expect(complaintSeverity(1, 10, 3, 10)).toBe('red');
  });

  it('fixed-severity rules', () => {
    expect(decide('PAYROLL_MISSING', {})?.severity).toBe('red');
    expect(decide('ABNORMAL_PAYMENT', {})?.severity).toBe('orange');
    expect(decide('UNREGISTERED_WORKERS', {})?.severity).toBe('orange');
    expect(decide('EXIT_UNSETTLED', { owed_fen: 500 })).toMatchObject({ severity: 'red', shortfallFen: 500 });
    expect(decide('ACCOUNT_MISSING', { planned_days: null })?.figures.plannedDurationDays).toBe('unknown');
    expect(decide('ACCOUNT_NOT_FILED', {})?.severity).toBe('yellow');
    expect(decide('LABOR_COST_SHORT', { payable_fen: 10, allocated_fen: 4, first_period: '2026-01-01', last_period: '2026-10-01' })?.figures).toMatchObject({
      gapFen: 6,
      fromPeriod: '2026-01',
      throughPeriod: '2026-10',
    });
    expect(decide('NOTICE_BOARD_MISSING', {})?.severity).toBe('yellow');
    expect(decide('WATCHLISTED_PARTY', {})?.severity).toBe('orange');
  });
});
