import type { EvidenceByRule } from '../evidence-types';

type ExistingRule = Exclude<keyof EvidenceByRule, 'PAYROLL_UNVERIFIED' | 'ACCOUNT_DIVERSION'>;

const w = { name: '张三', idMasked: '420111********1234' };

/**
 * One complete evidence object per rule, typed by the shared schema: the compiler rejects
 * a missing or unknown field here, and the specs compare the fields the rules really
 * produce (and, in the browser test, what the API returns) with these.
 */
export const EVIDENCE_SAMPLES: { [R in ExistingRule]: EvidenceByRule[R] } = {
  PAY_RATIO_LOW: {
    period: '2026-10',
    payableYuan: '1000.00',
    paidYuan: '400.00',
    ratio: '0.4000',
    shortfallYuan: '600.00',
    threshold: 0.8,
    redBelow: 0.5,
    payrollWorkers: 1,
    underpaidWorkers: 1,
    workers: [{ ...w, payableYuan: '1000.00', paidYuan: '400.00', owedYuan: '600.00', paidOn: '2026-11-01' }],
  },
  PAYROLL_MISSING: { period: '2026-10', attendingWorkers: 1, daysWorked: 20, payrollRows: 0, workers: [{ ...w, daysWorked: 20 }] },
  UNPAID_WORKERS: {
    period: '2026-10',
    attendingWorkers: 10,
    unpaidWorkers: 1,
    unpaidShare: '0.1000',
    redAbove: 0.1,
    unpaidPayableYuan: '3000.00',
    workers: [{ ...w, daysWorked: 20, payableYuan: '3000.00', hasPayrollRow: true }],
  },
  BELOW_MIN_WAGE: {
    period: '2026-10',
    minimumMonthlyWageYuan: '2400.00',
    minDaysWorked: 20,
    fullMonthWorkers: 10,
    belowWorkers: 1,
    belowShare: '0.1000',
    redAtShare: 0.1,
    gapToMinimumYuan: '400.00',
    workers: [{ ...w, daysWorked: 22, payableYuan: '2000.00' }],
  },
  CONSECUTIVE_ARREARS: {
    period: '2026-10',
    periods: [
      { period: '2026-09', payableYuan: '0.00', paidYuan: '0.00', payrollRows: 0, attendingWorkers: 3, ratio: null, shortfallYuan: '0.00', reason: 'PAYROLL_MISSING' },
      { period: '2026-10', payableYuan: '10.00', paidYuan: '1.00', payrollRows: 1, attendingWorkers: 1, ratio: '0.1000', shortfallYuan: '9.00', reason: 'PAY_RATIO_LOW' },
    ],
    threshold: 0.8,
  },
  PAID_OUTSIDE_ACCOUNT: {
    period: '2026-10',
    paidYuan: '1.00',
    paidOutsideYuan: '0.51',
    otherAccountYuan: '0.30',
    cashYuan: '0.21',
    outsideShare: '0.5100',
    orangeAbove: 0.5,
    outsideWorkers: 2,
    workers: [{ ...w, paidYuan: '0.30', paidVia: 'other_account', paidOn: '2026-11-01' }],
  },
  ABNORMAL_PAYMENT: {
    period: '2026-10',
    abnormalWorkers: 1,
    monthlyLimitYuan: '50000.00',
    twelveMonthLimitYuan: '300000.00',
    workers: [{ ...w, paidInPeriodYuan: '60000.00', paid12MonthsYuan: '60000.00' }],
  },
  UNREGISTERED_WORKERS: {
    period: '2026-10',
    unregisteredWorkers: 1,
    inAttendance: 1,
    inPayroll: 0,
    registeredOutsidePeriod: 0,
    workers: [{ ...w, inAttendance: true, inPayroll: false, registered: false, enteredOn: null, exitedOn: null }],
  },
  EXIT_UNSETTLED: {
    period: '2026-10',
    unsettledWorkers: 1,
    owedYuan: '500.00',
    workers: [{ ...w, exitedOn: '2026-10-15', payableYuan: '1000.00', paidYuan: '500.00', owedYuan: '500.00' }],
  },
  LABOR_COST_LAPSE: {
    period: '2026-10',
    startedOn: '2026-01-01',
    startedOnSource: 'started_on',
    allocationsInPeriod: 0,
    allocatedPreviousPeriod: false,
    lastAllocationOn: '2026-08-01',
    lastAllocationYuan: '100000.00',
  },
  ACCOUNT_MISSING: {
    contractAmountYuan: '8000000.00',
    minContractYuan: '4000000.00',
    contractSignedOn: '2026-01-10',
    startedOn: null,
    plannedEndOn: null,
    plannedDurationDays: 'unknown',
    minDurationDays: 90,
    accountDueOn: '2026-02-09',
    accountsOpened: 0,
  },
  ACCOUNT_NOT_FILED: { unfiledAccounts: 1, accounts: [{ bankName: '某银行', accountMasked: '6222****1234', openedOn: '2026-01-01', filingDueOn: '2026-01-31' }] },
  LABOR_COST_SHORT: { payableThroughPeriodYuan: '10.00', allocatedYuan: '5.00', gapYuan: '5.00', allocations: 1, fromPeriod: '2026-01', throughPeriod: '2026-10' },
  DEPOSIT_MISSING: {
    contractAmountYuan: '8000000.00',
    contractSignedOn: '2026-01-10',
    depositDueOn: '2026-02-07',
    minRatio: 0.01,
    requiredYuan: '80000.00',
    validDepositsYuan: '0.00',
    missingYuan: '80000.00',
    validDeposits: 0,
    deposits: [{ contractorUscc: '91420100000000001X', form: 'cash', amountYuan: '1.00', validFrom: '2026-01-01', validUntil: null }],
  },
  NOTICE_BOARD_MISSING: { noticeBoardPosted: false },
  CONTRACT_UNSIGNED: { enrolledWorkers: 10, unsignedWorkers: 2, unsignedShare: '0.2000', threshold: 0.1, workers: [{ ...w, enteredOn: '2026-01-01' }] },
  COMPLAINT_CLUSTER: {
    clueCount: 1,
    workersInvolved: 2,
    amountClaimedYuan: '100.00',
    windowAfter: '2026-10-04',
    windowThrough: '2026-11-01',
    clues: [{ clueId: 'C1', receivedOn: '2026-11-01', source: 'hotline', workersInvolved: 2, amountClaimedYuan: '100.00' }],
  },
  WATCHLISTED_PARTY: {
    matches: 1,
    parties: [
      {
        role: 'general_contractor',
        list: 'arrears_blacklist',
        subjectType: 'enterprise',
        subject: '91420100000000001X',
        name: '某建筑公司',
        listedOn: '2025-01-01',
        expiresOn: null,
        activeUntil: '2027-12-31',
        reason: '拖欠工资',
        enrolledWorkers: 0,
      },
    ],
  },
};

/** Field names at every depth ('workers[].name'), to compare shapes regardless of values. */
export function evidenceShape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length ? evidenceShape(value[0], `${prefix}[]`) : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return [path, ...evidenceShape(v, path)];
  });
}
