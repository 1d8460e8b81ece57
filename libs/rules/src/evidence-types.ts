/**
 * The evidence of every rule as GET /api/v1/alerts returns it: after `toEvidence`
 * turned each `xxxFen` into an `xxxYuan` string and each period into 'YYYY-MM'.
 *
 * Types only, no imports: the web console (apps/console, built by Vite for the browser)
 * imports this file too, so a renamed or removed field breaks the console's build instead
 * of silently vanishing from the screen. `evidence-types.spec.ts` checks that what the
 * rules really produce has exactly these fields.
 */

/** Yuan with 2 decimals, e.g. "12345.60" (exact, converted from integer fen). */
export type Yuan = string;
/** A share rounded half-up to 4 decimals, e.g. "0.4500"; null when the whole is 0. */
export type Ratio = string | null;
/** 'YYYY-MM'. */
export type PeriodLabel = string;
/** 'YYYY-MM-DD' (Asia/Shanghai calendar day). */
export type IsoDate = string;

/** A listed worker: the name from the roster (null when unregistered) and the masked id_number. */
export interface WorkerRef {
  name: string | null;
  idMasked: string;
}

/** Every period rule names its assessed period. */
export interface PeriodEvidence {
  period: PeriodLabel;
}

export interface PayRatioLowEvidence extends PeriodEvidence {
  payableYuan: Yuan;
  paidYuan: Yuan;
  ratio: Ratio;
  shortfallYuan: Yuan;
  /** payRatioThreshold: below this share the rule fires. */
  threshold: number;
  /** payRatioRedBelow: below this share it is red. */
  redBelow: number;
  payrollWorkers: number;
  underpaidWorkers: number;
  workers: Array<WorkerRef & { payableYuan: Yuan; paidYuan: Yuan; owedYuan: Yuan; paidOn: IsoDate | null }> | null;
}

export interface PayrollMissingEvidence extends PeriodEvidence {
  attendingWorkers: number;
  daysWorked: number;
  payrollRows: number;
  workers: Array<WorkerRef & { daysWorked: number }> | null;
}

export interface UnpaidWorkersEvidence extends PeriodEvidence {
  attendingWorkers: number;
  unpaidWorkers: number;
  unpaidShare: Ratio;
  redAbove: number;
  unpaidPayableYuan: Yuan;
  workers: Array<WorkerRef & { daysWorked: number; payableYuan: Yuan | null; hasPayrollRow: boolean }> | null;
}

export interface BelowMinWageEvidence extends PeriodEvidence {
  minimumMonthlyWageYuan: Yuan;
  minDaysWorked: number;
  fullMonthWorkers: number;
  belowWorkers: number;
  belowShare: Ratio;
  redAtShare: number;
  gapToMinimumYuan: Yuan;
  workers: Array<WorkerRef & { daysWorked: number; payableYuan: Yuan }> | null;
}

/** One month of CONSECUTIVE_ARREARS: why that month counts as in arrears. */
export interface ArrearsPeriod {
  period: PeriodLabel;
  payableYuan: Yuan;
  paidYuan: Yuan;
  payrollRows: number;
  attendingWorkers: number;
  ratio: Ratio;
  shortfallYuan: Yuan;
  reason: 'PAYROLL_MISSING' | 'PAY_RATIO_LOW';
}

export interface ConsecutiveArrearsEvidence extends PeriodEvidence {
  /** P−1 then P. */
  periods: ArrearsPeriod[];
  threshold: number;
}

export type PaidVia = 'dedicated_account' | 'other_account' | 'cash';

export interface PaidOutsideAccountEvidence extends PeriodEvidence {
  paidYuan: Yuan;
  paidOutsideYuan: Yuan;
  otherAccountYuan: Yuan;
  cashYuan: Yuan;
  outsideShare: Ratio;
  orangeAbove: number;
  outsideWorkers: number;
  workers: Array<WorkerRef & { paidYuan: Yuan; paidVia: PaidVia; paidOn: IsoDate | null }> | null;
}

export interface AbnormalPaymentEvidence extends PeriodEvidence {
  abnormalWorkers: number;
  monthlyLimitYuan: Yuan;
  twelveMonthLimitYuan: Yuan;
  workers: Array<WorkerRef & { paidInPeriodYuan: Yuan; paid12MonthsYuan: Yuan }> | null;
}

export interface UnregisteredWorkersEvidence extends PeriodEvidence {
  unregisteredWorkers: number;
  inAttendance: number;
  inPayroll: number;
  registeredOutsidePeriod: number;
  workers: Array<
    WorkerRef & { inAttendance: boolean; inPayroll: boolean; registered: boolean; enteredOn: IsoDate | null; exitedOn: IsoDate | null }
  > | null;
}

export interface ExitUnsettledEvidence extends PeriodEvidence {
  unsettledWorkers: number;
  owedYuan: Yuan;
  workers: Array<WorkerRef & { exitedOn: IsoDate; payableYuan: Yuan; paidYuan: Yuan; owedYuan: Yuan }> | null;
}

export interface LaborCostLapseEvidence extends PeriodEvidence {
  startedOn: IsoDate | null;
  /** Which date the lapse was counted from: the start date, or the contract date when started_on is blank. */
  startedOnSource: 'started_on' | 'contract_signed_on';
  allocationsInPeriod: number;
  allocatedPreviousPeriod: boolean;
  lastAllocationOn: IsoDate | null;
  lastAllocationYuan: Yuan | null;
}

export interface AccountMissingEvidence {
  contractAmountYuan: Yuan;
  minContractYuan: Yuan;
  contractSignedOn: IsoDate;
  startedOn: IsoDate | null;
  plannedEndOn: IsoDate | null;
  plannedDurationDays: number | 'unknown';
  minDurationDays: number;
  accountDueOn: IsoDate;
  accountsOpened: number;
}

export interface AccountNotFiledEvidence {
  unfiledAccounts: number;
  accounts: Array<{ bankName: string; accountMasked: string; openedOn: IsoDate; filingDueOn: IsoDate }> | null;
}

export interface LaborCostShortEvidence {
  payableThroughPeriodYuan: Yuan;
  allocatedYuan: Yuan;
  gapYuan: Yuan;
  allocations: number;
  fromPeriod: PeriodLabel;
  throughPeriod: PeriodLabel;
}

export type DepositForm = 'cash' | 'bank_guarantee' | 'insurance';

export interface DepositMissingEvidence {
  contractAmountYuan: Yuan;
  contractSignedOn: IsoDate;
  depositDueOn: IsoDate;
  minRatio: number;
  requiredYuan: Yuan;
  validDepositsYuan: Yuan;
  missingYuan: Yuan;
  validDeposits: number;
  deposits: Array<{ contractorUscc: string; form: DepositForm; amountYuan: Yuan; validFrom: IsoDate; validUntil: IsoDate | null }> | null;
}

export interface NoticeBoardMissingEvidence {
  noticeBoardPosted: false;
}

export interface ContractUnsignedEvidence {
  enrolledWorkers: number;
  unsignedWorkers: number;
  unsignedShare: Ratio;
  threshold: number;
  workers: Array<WorkerRef & { enteredOn: IsoDate }> | null;
}

export type ClueSource = 'national_platform' | 'hotline' | 'walk_in' | 'letter' | 'other';

export interface ComplaintClusterEvidence {
  clueCount: number;
  workersInvolved: number;
  amountClaimedYuan: Yuan | null;
  windowAfter: IsoDate;
  windowThrough: IsoDate;
  clues: Array<{ clueId: string; receivedOn: IsoDate; source: ClueSource; workersInvolved: number; amountClaimedYuan: Yuan | null }> | null;
}

export type WatchlistRole = 'general_contractor' | 'employer' | 'team_leader';
export type WatchlistKind = 'arrears_blacklist' | 'bad_team';

export interface WatchlistedPartyEvidence {
  matches: number;
  parties: Array<{
    role: WatchlistRole;
    list: WatchlistKind;
    subjectType: 'enterprise' | 'person';
    /** USCC, or the masked id_number of a person. */
    subject: string;
    name: string | null;
    listedOn: IsoDate;
    expiresOn: IsoDate | null;
    activeUntil: IsoDate | null;
    reason: string | null;
    enrolledWorkers: number;
  }> | null;
}

/** A payee of the bank reconciliation rules: what the payroll reported and what the bank transferred. */
export interface BankPayeeRef {
  name: string | null;
  idMasked: string;
  reportedYuan?: Yuan;
  transferredYuan?: Yuan;
}

/**
 * Bank reconciliation rules (rules.md): totals in yuan, the number of workers or payees
 * concerned and up to 20 of them. Field names follow rules.md's wording; the console
 * also shows any further figure the API adds (see its evidence renderer).
 */
export interface PayrollUnverifiedEvidence extends PeriodEvidence {
  reportedPaidYuan: Yuan;
  transferredYuan: Yuan;
  unverifiedYuan: Yuan;
  unverifiedShare?: Ratio;
  redAbove?: number;
  unverifiedWorkers: number;
  workers: BankPayeeRef[] | null;
}

export interface AccountDiversionEvidence extends PeriodEvidence {
  transferredYuan: Yuan;
  divertedYuan: Yuan;
  divertedShare?: Ratio;
  redAbove?: number;
  divertedPayees: number;
  payees: BankPayeeRef[] | null;
}

/** Rule code → the evidence its alerts carry. */
export interface EvidenceByRule {
  PAY_RATIO_LOW: PayRatioLowEvidence;
  PAYROLL_MISSING: PayrollMissingEvidence;
  UNPAID_WORKERS: UnpaidWorkersEvidence;
  BELOW_MIN_WAGE: BelowMinWageEvidence;
  CONSECUTIVE_ARREARS: ConsecutiveArrearsEvidence;
  PAID_OUTSIDE_ACCOUNT: PaidOutsideAccountEvidence;
  ABNORMAL_PAYMENT: AbnormalPaymentEvidence;
  UNREGISTERED_WORKERS: UnregisteredWorkersEvidence;
  EXIT_UNSETTLED: ExitUnsettledEvidence;
  LABOR_COST_LAPSE: LaborCostLapseEvidence;
  ACCOUNT_MISSING: AccountMissingEvidence;
  ACCOUNT_NOT_FILED: AccountNotFiledEvidence;
  LABOR_COST_SHORT: LaborCostShortEvidence;
  DEPOSIT_MISSING: DepositMissingEvidence;
  NOTICE_BOARD_MISSING: NoticeBoardMissingEvidence;
  CONTRACT_UNSIGNED: ContractUnsignedEvidence;
  COMPLAINT_CLUSTER: ComplaintClusterEvidence;
  WATCHLISTED_PARTY: WatchlistedPartyEvidence;
  PAYROLL_UNVERIFIED: PayrollUnverifiedEvidence;
  ACCOUNT_DIVERSION: AccountDiversionEvidence;
}

export type EvidenceRuleCode = keyof EvidenceByRule;
