import { RESOLUTION_CODES, ResolutionCode } from '@wage/alerts';
import { fenToYuan } from '@wage/projects';

/**
 * The additive parts of every figure of one report row: counts and amounts, plus the
 * numerators and denominators of the rates. Rows are built from these and the total is
 * their sum, so "total = sum of rows" holds by construction; rates are then computed
 * from the summed parts (never averaged).
 */
export interface FigureParts {
  projectsMonitored: number;
  raised: { red: number; orange: number; yellow: number };
  cleared: number;
  resolved: number;
  resolvedOnTime: number;
  byResolution: Record<ResolutionCode, number>;
  openAtEnd: number;
  overdueAtEnd: number;
  /** Integer fen (bigint: a province's year can pass 2^53 fen only in theory, but never floats). */
  recoveredFen: bigint;
  workersPaid: number;
  noticesSent: number;
  noticesAnswered: number;
  noticesAnsweredOnTime: number;
  cluesReceived: number;
  cluesClosed: number;
  clueFirstReviews: number;
  clueFirstReviewsPassed: number;
  coverage: CoverageParts;
}

export interface CoverageParts {
  realName: number;
  accountNeeded: number;
  accountOpened: number;
  depositNeeded: number;
  depositLodged: number;
  noticeBoard: number;
  paidFen: bigint;
  paidViaAccountFen: bigint;
}

export interface Coverage {
  realName: number | null;
  dedicatedAccount: number | null;
  deposit: number | null;
  noticeBoard: number | null;
  paidThroughAccount: number | null;
}

/** The figures of reports.md, as the API returns them (one row, or the total). */
export interface SummaryFigures {
  projectsMonitored: number;
  alertsRaised: number;
  alertsRaisedBySeverity: { red: number; orange: number; yellow: number };
  alertsCleared: number;
  alertsResolved: number;
  alertsResolvedByResolution: Record<ResolutionCode, number>;
  alertsResolvedOnTime: number;
  onTimeRate: number | null;
  alertsOpenAtEnd: number;
  alertsOverdueAtEnd: number;
  wagesRecovered: string;
  workersPaid: number;
  noticesSent: number;
  noticesAnswered: number;
  noticesAnsweredOnTime: number;
  cluesReceived: number;
  cluesClosed: number;
  clueClosureRate: number | null;
  clueReviewPassRate: number | null;
  coverage: Coverage;
}

const zeroResolutions = (): Record<ResolutionCode, number> =>
  Object.fromEntries(RESOLUTION_CODES.map((c) => [c, 0])) as Record<ResolutionCode, number>;

export function emptyParts(): FigureParts {
  return {
    projectsMonitored: 0,
    raised: { red: 0, orange: 0, yellow: 0 },
    cleared: 0,
    resolved: 0,
    resolvedOnTime: 0,
    byResolution: zeroResolutions(),
    openAtEnd: 0,
    overdueAtEnd: 0,
    recoveredFen: 0n,
    workersPaid: 0,
    noticesSent: 0,
    noticesAnswered: 0,
    noticesAnsweredOnTime: 0,
    cluesReceived: 0,
    cluesClosed: 0,
    clueFirstReviews: 0,
    clueFirstReviewsPassed: 0,
    coverage: { realName: 0, accountNeeded: 0, accountOpened: 0, depositNeeded: 0, depositLodged: 0, noticeBoard: 0, paidFen: 0n, paidViaAccountFen: 0n },
  };
}

/** a += b, field by field. */
export function addInto(a: FigureParts, b: FigureParts): FigureParts {
  a.projectsMonitored += b.projectsMonitored;
  for (const s of ['red', 'orange', 'yellow'] as const) a.raised[s] += b.raised[s];
  a.cleared += b.cleared;
  a.resolved += b.resolved;
  a.resolvedOnTime += b.resolvedOnTime;
  for (const c of RESOLUTION_CODES) a.byResolution[c] += b.byResolution[c];
  a.openAtEnd += b.openAtEnd;
  a.overdueAtEnd += b.overdueAtEnd;
  a.recoveredFen += b.recoveredFen;
  a.workersPaid += b.workersPaid;
  a.noticesSent += b.noticesSent;
  a.noticesAnswered += b.noticesAnswered;
  a.noticesAnsweredOnTime += b.noticesAnsweredOnTime;
  a.cluesReceived += b.cluesReceived;
  a.cluesClosed += b.cluesClosed;
  a.clueFirstReviews += b.clueFirstReviews;
  a.clueFirstReviewsPassed += b.clueFirstReviewsPassed;
  const c = a.coverage;
  const d = b.coverage;
  c.realName += d.realName;
  c.accountNeeded += d.accountNeeded;
  c.accountOpened += d.accountOpened;
  c.depositNeeded += d.depositNeeded;
  c.depositLodged += d.depositLodged;
  c.noticeBoard += d.noticeBoard;
  c.paidFen += d.paidFen;
  c.paidViaAccountFen += d.paidViaAccountFen;
  return a;
}

/** A share between 0 and 1 with 4 decimals; null when there is nothing to divide by. */
export function rate(numerator: number | bigint, denominator: number | bigint): number | null {
  if (typeof numerator === 'bigint' || typeof denominator === 'bigint') {
    const n = BigInt(numerator);
    const d = BigInt(denominator);
    if (d === 0n) return null;
    // Rounded half up in integer arithmetic: amounts in fen can exceed float precision.
    return Number((n * 20000n + d) / (2n * d)) / 10000;
  }
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 10000) / 10000;
}

export function renderFigures(p: FigureParts): SummaryFigures {
  const raised = p.raised.red + p.raised.orange + p.raised.yellow;
  const c = p.coverage;
  return {
    projectsMonitored: p.projectsMonitored,
    alertsRaised: raised,
    alertsRaisedBySeverity: { ...p.raised },
    alertsCleared: p.cleared,
    alertsResolved: p.resolved,
    alertsResolvedByResolution: { ...p.byResolution },
    alertsResolvedOnTime: p.resolvedOnTime,
    onTimeRate: rate(p.resolvedOnTime, p.resolved),
    alertsOpenAtEnd: p.openAtEnd,
    alertsOverdueAtEnd: p.overdueAtEnd,
    wagesRecovered: fenToYuan(p.recoveredFen),
    workersPaid: p.workersPaid,
    noticesSent: p.noticesSent,
    noticesAnswered: p.noticesAnswered,
    noticesAnsweredOnTime: p.noticesAnsweredOnTime,
    cluesReceived: p.cluesReceived,
    cluesClosed: p.cluesClosed,
    clueClosureRate: rate(p.cluesClosed, p.cluesReceived),
    clueReviewPassRate: rate(p.clueFirstReviewsPassed, p.clueFirstReviews),
    coverage: {
      realName: rate(c.realName, p.projectsMonitored),
      dedicatedAccount: rate(c.accountOpened, c.accountNeeded),
      deposit: rate(c.depositLodged, c.depositNeeded),
      noticeBoard: rate(c.noticeBoard, p.projectsMonitored),
      paidThroughAccount: rate(c.paidViaAccountFen, c.paidFen),
    },
  };
}
