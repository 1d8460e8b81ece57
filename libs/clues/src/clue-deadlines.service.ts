import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@wage/calendar';
import { CaseClock, caseDeadlines, CaseDeadlines, CLUE_SLA } from './clue-deadlines';

/** Clue deadlines on the PRC working-day calendar (admin-editable, libs/calendar). */
@Injectable()
export class ClueDeadlineService {
  constructor(private readonly calendar: WorkingCalendar) {}

  of(c: CaseClock): CaseDeadlines {
    return caseDeadlines(this.calendar, c);
  }

  /** Deadlines up to this instant are "due soon" at `now`: the end of the next working day. */
  soonCutoff(now: Date): Date {
    return this.calendar.addWorkingDays(now, CLUE_SLA.dueSoonWorkingDays);
  }

  /** The case columns holding the deadlines. */
  columns(d: CaseDeadlines): Record<string, Date | string | null> {
    return {
      accept_due_at: d.acceptDueAt,
      contact_due_at: d.contactDueAt,
      reply_due_at: d.replyDueAt,
      review_due_at: d.reviewDueAt,
      next_due_at: d.nextDueAt,
      next_step: d.nextStep,
    };
  }
}
