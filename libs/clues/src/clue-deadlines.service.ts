import { Injectable, Logger } from '@nestjs/common';
import { WorkingCalendar } from '@wage/calendar';
import { RegionProfileService } from '@wage/rules';
import { EntityManager } from 'typeorm';
import { CaseClock, caseDeadlines, CaseDeadlines, CLUE_SLA, ClueSla, DUE_SOON_WORKING_DAYS } from './clue-deadlines';

/**
 * Clue deadlines on the PRC working-day calendar (admin-editable, libs/calendar), with
 * the day counts of the clue's region profile (longest region-code prefix, then national).
 */
@Injectable()
export class ClueDeadlineService {
  private readonly logger = new Logger(ClueDeadlineService.name);

  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly profiles: RegionProfileService,
  ) {}

  of(c: CaseClock, sla: ClueSla = CLUE_SLA): CaseDeadlines {
    return caseDeadlines(this.calendar, c, sla);
  }

  /** The clue day counts of each region code (one look-up per distinct region). */
  async slaFor(m: EntityManager, regionCodes: string[]): Promise<(regionCode: string) => ClueSla> {
    const found = new Map<string, ClueSla>();
    for (const code of new Set(regionCodes)) {
      try {
        found.set(code, { ...CLUE_SLA, ...pickClueSla((await this.profiles.resolve(code, m)).thresholds.sla) });
      } catch (e) {
        this.logger.warn(`no region profile for ${code} (${(e as Error).message}); clue deadlines use the defaults`);
      }
    }
    return (code) => found.get(code) ?? CLUE_SLA;
  }

  /** Deadlines up to this instant are "due soon" at `now`: the end of the next working day. */
  soonCutoff(now: Date): Date {
    return this.calendar.addWorkingDays(now, DUE_SOON_WORKING_DAYS);
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

function pickClueSla(sla: Partial<ClueSla>): Partial<ClueSla> {
  const out: Partial<ClueSla> = {};
  for (const k of Object.keys(CLUE_SLA) as Array<keyof ClueSla>) if (typeof sla[k] === 'number') out[k] = sla[k];
  return out;
}
