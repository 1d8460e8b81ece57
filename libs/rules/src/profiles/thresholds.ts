/** Deadlines the workflow applies to alerts raised under a profile (workflow.md). */
export interface SlaThresholds {
  acknowledgeDays: number;
  resolveRedDays: number;
  resolveOrangeDays: number;
  resolveYellowDays: number;
  bureauReplyDays: number;
  /** Clue cases (clues.md "Deadlines"): accept and reply after received_on, contact after acceptance, review after the reply, one extension. */
  clueAcceptDays: number;
  clueContactHours: number;
  clueReplyDays: number;
  clueReviewDays: number;
  clueExtensionDays: number;
}

/**
 * Every tunable of rules.md. Ratios are fractions (0.80 = 80 %), money is whole yuan
 * (converted to fen in SQL with numeric, never floating point on amounts).
 */
export interface RuleThresholds {
  payRatioThreshold: number;
  payRatioRedBelow: number;
  unpaidShareRed: number;
  minWageDaysWorked: number;
  belowMinWageRedShare: number;
  abnormalMonthlyYuan: number;
  abnormal12MonthsYuan: number;
  paidOutsideOrangeShare: number;
  accountMinContractYuan: number;
  accountMinDurationDays: number;
  accountGraceDays: number;
  accountFilingGraceDays: number;
  depositMinContractYuan: number;
  depositGraceDays: number;
  depositMinRatio: number;
  contractUnsignedShare: number;
  complaintWindowDays: number;
  complaintClueCount: number;
  complaintWorkerCount: number;
  blacklistDefaultYears: number;
  /** PAYROLL_UNVERIFIED is red when the unverified sum is above this share of the rows' paid amount. */
  bankUnverifiedRedShare: number;
  /** ACCOUNT_DIVERSION is red when the diverted total is above this share of the accounts' transfers in P. */
  bankDiversionRedShare: number;
  /** A transfer without a period matches a payroll row whose paid_on is at most this many days away. */
  bankMatchWindowDays: number;
  /** Monthly minimum wage in yuan; null = not configured (BELOW_MIN_WAGE is skipped). */
  minimumMonthlyWageYuan: number | null;
  sla: SlaThresholds;
}

export const NATIONAL_PROFILE_CODE = 'national';

export const DEFAULT_THRESHOLDS: RuleThresholds = {
  payRatioThreshold: 0.8,
  payRatioRedBelow: 0.5,
  unpaidShareRed: 0.1,
  minWageDaysWorked: 20,
  belowMinWageRedShare: 0.1,
  abnormalMonthlyYuan: 50000,
  abnormal12MonthsYuan: 300000,
  paidOutsideOrangeShare: 0.5,
  accountMinContractYuan: 4000000,
  accountMinDurationDays: 90,
  accountGraceDays: 30,
  accountFilingGraceDays: 30,
  depositMinContractYuan: 3000000,
  depositGraceDays: 28,
  depositMinRatio: 0.01,
  contractUnsignedShare: 0.1,
  complaintWindowDays: 30,
  complaintClueCount: 3,
  complaintWorkerCount: 10,
  blacklistDefaultYears: 3,
  bankUnverifiedRedShare: 0.2,
  bankDiversionRedShare: 0.1,
  bankMatchWindowDays: 3,
  minimumMonthlyWageYuan: null,
  sla: {
    acknowledgeDays: 1,
    resolveRedDays: 5,
    resolveOrangeDays: 10,
    resolveYellowDays: 20,
    bureauReplyDays: 10,
    clueAcceptDays: 1,
    clueContactHours: 24,
    clueReplyDays: 15,
    clueReviewDays: 3,
    clueExtensionDays: 15,
  },
};

/** A profile as the engine uses it: stored thresholds merged over the defaults. */
export interface ResolvedProfile {
  code: string;
  name: string;
  version: number;
  thresholds: RuleThresholds;
}

/** Stored thresholds may lack keys added after they were saved: the defaults fill them. */
export function withDefaults(stored: Partial<RuleThresholds> | null | undefined): RuleThresholds {
  const s = stored ?? {};
  return { ...DEFAULT_THRESHOLDS, ...s, sla: { ...DEFAULT_THRESHOLDS.sla, ...(s.sla ?? {}) } };
}
