import { startOfShanghaiDay } from '@wage/calendar';
import { ClueStatus, ClueStep } from './clue-enums';

/** The day counts of clue deadlines (region profile `sla.clue*`, libs/rules). */
export interface ClueSla {
  clueAcceptDays: number;
  clueContactHours: number;
  clueReplyDays: number;
  clueReviewDays: number;
  clueExtensionDays: number;
}

/** clues.md "Deadlines" defaults, used when a region profile does not say otherwise. */
export const CLUE_SLA: ClueSla = { clueAcceptDays: 1, clueContactHours: 24, clueReplyDays: 15, clueReviewDays: 3, clueExtensionDays: 15 };

/** dueSoon: the running deadline falls within this many working days. */
export const DUE_SOON_WORKING_DAYS = 1;

const HOUR_MS = 3_600_000;

/** What the deadline arithmetic needs of the PRC working-day calendar (WorkingCalendar). */
export interface WorkingDays {
  /** End (23:59:59.999 Asia/Shanghai) of the Nth working day after the business date of `from`. */
  addWorkingDays(from: Date, days: number): Date;
}

export interface CaseClock {
  status: ClueStatus;
  receivedOn: string;
  acceptedAt: Date | null;
  repliedAt: Date | null;
  extended: boolean;
}

export interface CaseDeadlines {
  acceptDueAt: Date;
  contactDueAt: Date | null;
  replyDueAt: Date;
  reviewDueAt: Date | null;
  /** The deadline of the step now running (null when closed) and that step. */
  nextDueAt: Date | null;
  nextStep: ClueStep | null;
}

/**
 * Every deadline of a case from its facts (default day counts): accept 1 working day after
 * `received_on`, contact 24 hours after acceptance, reply 15 working days after
 * `received_on` (30 once extended), review 3 working days after the reply. The running deadline of a case
 * before its reply is the earlier of its step's deadline and the reply deadline.
 */
export function caseDeadlines(calendar: WorkingDays, c: CaseClock, sla: ClueSla = CLUE_SLA): CaseDeadlines {
  const received = startOfShanghaiDay(c.receivedOn);
  const acceptDueAt = calendar.addWorkingDays(received, sla.clueAcceptDays);
  const replyDays = sla.clueReplyDays + (c.extended ? sla.clueExtensionDays : 0);
  const replyDueAt = calendar.addWorkingDays(received, replyDays);
  const contactDueAt = c.acceptedAt ? new Date(c.acceptedAt.getTime() + sla.clueContactHours * HOUR_MS) : null;
  const reviewDueAt = c.status === 'replied' && c.repliedAt ? calendar.addWorkingDays(c.repliedAt, sla.clueReviewDays) : null;
  const earlier = (step: ClueStep, at: Date): [ClueStep, Date] => (at.getTime() <= replyDueAt.getTime() ? [step, at] : ['reply', replyDueAt]);
  let next: [ClueStep, Date] | null;
  switch (c.status) {
    case 'received':
      next = earlier('accept', acceptDueAt);
      break;
    case 'accepted':
      next = earlier('contact', contactDueAt ?? replyDueAt);
      break;
    case 'contacted':
      next = ['reply', replyDueAt];
      break;
    case 'replied':
      next = reviewDueAt ? ['review', reviewDueAt] : null;
      break;
    default:
      next = null;
  }
  return { acceptDueAt, contactDueAt, replyDueAt, reviewDueAt, nextStep: next?.[0] ?? null, nextDueAt: next?.[1] ?? null };
}

/** Flags of a running deadline at `now`; `soonCutoff` = end of the next working day. */
export function deadlineFlags(nextDueAt: Date | null, now: Date, soonCutoff: Date): { overdue: boolean; dueSoon: boolean } {
  if (!nextDueAt) return { overdue: false, dueSoon: false };
  const overdue = nextDueAt.getTime() < now.getTime();
  return { overdue, dueSoon: !overdue && nextDueAt.getTime() <= soonCutoff.getTime() };
}
