import { toFindings } from './engine/findings';
import { DEFAULT_THRESHOLDS, ResolvedProfile } from './profiles/thresholds';
import { RULE_SQL } from './rules/all-rules';
import { EVIDENCE_SAMPLES, evidenceShape } from './testing/evidence-samples';

const profile: ResolvedProfile = { code: 'national', name: '全国', version: 1, thresholds: { ...DEFAULT_THRESHOLDS, minimumMonthlyWageYuan: 2400 } };

/** SQL rows that make each rule fire (workers lists are passed through, so their fields come from the samples). */
const ROWS: Record<keyof typeof EVIDENCE_SAMPLES, Record<string, unknown>> = {
  PAY_RATIO_LOW: { payable_fen: 100000, paid_fen: 40000, payroll_workers: 1, underpaid_workers: 1 },
  PAYROLL_MISSING: { attending_workers: 1, days_worked: 20 },
  UNPAID_WORKERS: { attending_workers: 10, unpaid_workers: 1, unpaid_payable_fen: 300000 },
  BELOW_MIN_WAGE: { full_month_workers: 10, below_workers: 1, gap_fen: 40000 },
  CONSECUTIVE_ARREARS: {
    periods: [
      { period: '2026-09-01', payableFen: 0, paidFen: 0, payrollRows: 0, attendingWorkers: 3 },
      { period: '2026-10-01', payableFen: 1000, paidFen: 100, payrollRows: 1, attendingWorkers: 1 },
    ],
  },
  PAID_OUTSIDE_ACCOUNT: { paid_fen: 100, other_account_fen: 30, cash_fen: 21, outside_workers: 2 },
  ABNORMAL_PAYMENT: { abnormal_workers: 1 },
  UNREGISTERED_WORKERS: { unregistered_workers: 1, in_attendance: 1, in_payroll: 0, registered_outside_period: 0 },
  EXIT_UNSETTLED: { unsettled_workers: 1, owed_fen: 50000 },
  LABOR_COST_LAPSE: { started_on: '2026-01-01', allocated_previous_period: false, last_allocation_on: null, last_allocation_fen: null },
  ACCOUNT_MISSING: { contract_amount_fen: 800000000, contract_signed_on: '2026-01-10', started_on: null, planned_end_on: null, planned_days: null, due_on: '2026-02-09' },
  ACCOUNT_NOT_FILED: { unfiled_accounts: 1 },
  LABOR_COST_SHORT: { payable_fen: 1000, allocated_fen: 500, allocations: 1, first_period: '2026-01-01', last_period: '2026-10-01' },
  DEPOSIT_MISSING: { contract_amount_fen: 800000000, contract_signed_on: '2026-01-10', due_on: '2026-02-07', valid_deposits_fen: 0, valid_deposits: 0 },
  NOTICE_BOARD_MISSING: {},
  CONTRACT_UNSIGNED: { enrolled_workers: 10, unsigned_workers: 2 },
  COMPLAINT_CLUSTER: { clue_count: 1, workers_involved: 2, amount_claimed_fen: 10000, window_after: '2026-10-04', last_received_on: '2026-11-01' },
  WATCHLISTED_PARTY: { matches: 1 },
};

/** The list a rule passes through from SQL (its fields are checked by the browser test on real data). */
const LISTS = ['workers', 'accounts', 'deposits', 'clues', 'parties'];

describe('evidence-types: what the rules produce is what the console is typed against', () => {
  for (const code of Object.keys(EVIDENCE_SAMPLES) as Array<keyof typeof EVIDENCE_SAMPLES>) {
    it(`${code}: the evidence has exactly the fields of the shared schema`, () => {
      const sample = EVIDENCE_SAMPLES[code] as unknown as Record<string, unknown>;
      const lists = Object.fromEntries(LISTS.filter((k) => k in sample).map((k) => [k, sample[k]]));
      const [finding] = toFindings(RULE_SQL[code], [{ project_code: 'P1', ...ROWS[code], ...lists }], new Map([['P1', profile]]), '2026-10-01');
      expect(finding).toBeDefined();
      expect(evidenceShape(finding.evidence).sort()).toEqual(evidenceShape(sample).sort());
    });
  }
});
