import { MonthIndex } from './dates';
import { District } from './regions';
import { RuleCode, Severity, VariantId } from './variant-ids';

/** Everything generated for one project, in fen and ISO dates; rendered to rows later. */
export interface ProjectPlan {
  index: number;
  code: string;
  name: string;
  district: District;
  streetCode: string;
  industry: string;
  developerUscc: string;
  contractorUscc: string;
  /** Enterprises that exist only for this project (labour subcontractors, a dedicated GC). */
  ownEnterprises: { uscc: string; name: string; regionCode: string }[];
  contractFen: number;
  signedOn: string;
  startedOn: string | null;
  plannedEndOn: string;
  status: 'planned' | 'in_progress' | 'suspended' | 'completed';
  noticeBoardPosted: boolean;
  accounts: { bankName: string; accountNumber: string; openedOn: string; filedOn: string | null }[];
  deposits: { contractorUscc: string; form: string; amountFen: number; validFrom: string; validUntil: string | null }[];
  allocations: { txnRef: string; paidOn: string; amountFen: number }[];
  workers: PlannedWorker[];
  attendance: { idNumber: string; month: MonthIndex; days: number }[];
  payroll: PlannedPay[];
  clues: PlannedClue[];
  watchlist: PlannedWatch[];
  /** What the bank reports out of the wage account (empty: no bank feed). */
  transfers: PlannedTransfer[];
  variants: VariantId[];
}

export interface PlannedTransfer {
  txnRef: string;
  accountNumber: string;
  transferredOn: string;
  payeeId: string;
  payeeName: string;
  payeeCard: string;
  amountFen: number;
  /** The wage month the batch names, or null (blank period: matched by date). */
  month: MonthIndex | null;
  status: 'succeeded' | 'failed' | 'returned';
}

export interface PlannedWorker {
  idNumber: string;
  name: string;
  employerUscc: string;
  teamName: string;
  teamLeaderId: string;
  trade: string;
  enteredOn: string;
  exitedOn: string | null;
  contractSigned: boolean;
  bankCard: string;
}

export interface PlannedPay {
  idNumber: string;
  month: MonthIndex;
  payableFen: number;
  paidFen: number;
  paidOn: string | null;
  paidVia: 'dedicated_account' | 'other_account' | 'cash';
}

export interface PlannedClue {
  clueId: string;
  receivedOn: string;
  source: string;
  regionCode: string;
  projectCode: string | null;
  employerUscc: string | null;
  workersInvolved: number;
  amountClaimedFen: number | null;
  summary: string;
}

export interface PlannedWatch {
  subjectType: 'enterprise' | 'person';
  subjectId: string;
  list: 'arrears_blacklist' | 'bad_team';
  listedOn: string;
  expiresOn: string | null;
  reason: string;
}

export interface ExpectedAlert {
  code: RuleCode;
  severity: Severity;
}
