import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_STATUSES_SQL } from '@wage/alerts';
import { shanghaiDate } from '@wage/calendar';
import { QueueName } from '@wage/queues';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from './clock';
import { DeadlineService, ESCALATION_REPEAT_WORKING_DAYS } from './deadlines.service';
import { EscalationService } from './escalation.service';
import { escalationJobId, EscalationTimers } from './escalation-timers.service';

/** Job states in which a timer is alive and will fire on its own. */
const LIVE = new Set(['delayed', 'waiting', 'active', 'prioritized', 'waiting-children']);

/** Alerts looked at per sweep; the oldest deadlines first, the rest next time. */
export const SWEEP_BATCH = 500;

export interface SweepResult {
  candidates: number;
  escalated: number;
  /** Timers set again (not yet due, or suppressed: the check said "later"). */
  rearmed: number;
}

interface Candidate {
  id: number;
  due_at: Date;
  escalation_level: number;
  overdue: boolean;
  last_escalated_at: Date | null;
}

/**
 * workflow.md "the database is the truth about deadlines": finds active alerts whose next
 * escalation is due by the database (the deadline, or for an overdue alert the last
 * escalation plus the repeat interval) and whose timer job is missing (lost, or Redis
 * restored from an old snapshot), and runs the same check the timer would have run.
 * A timer firing at the same moment is harmless: the check locks the alert and
 * escalates a level only once.
 */
@Injectable()
export class EscalationSweepService {
  private readonly logger = new Logger(EscalationSweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Escalations) private readonly queue: Queue,
    private readonly clock: Clock,
    private readonly deadlines: DeadlineService,
    private readonly escalation: EscalationService,
    private readonly timers: EscalationTimers,
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    // Coarse filter in SQL (5 working days are at least 5 calendar days); exact in code.
    const rows: Candidate[] = await this.dataSource.query(
      `SELECT a.id, a.due_at, a.escalation_level, a.overdue, e.last_escalated_at
         FROM alerts a
         LEFT JOIN LATERAL (SELECT max(ev.at) AS last_escalated_at FROM alert_events ev
                             WHERE ev.alert_id = a.id AND ev.action = 'escalated') e ON a.overdue
        WHERE a.status IN ${ACTIVE_STATUSES_SQL} AND a.due_at <= $1
          AND (a.suppressed_until IS NULL OR a.suppressed_until < $2::date)
          AND (NOT a.overdue OR e.last_escalated_at IS NULL OR e.last_escalated_at <= $1::timestamptz - make_interval(days => $3))
        ORDER BY a.due_at, a.id LIMIT $4`,
      [now, shanghaiDate(now), ESCALATION_REPEAT_WORKING_DAYS, SWEEP_BATCH],
    );
    const result: SweepResult = { candidates: rows.length, escalated: 0, rearmed: 0 };
    for (const r of rows) {
      const level = r.escalation_level + 1;
      const nextAt = r.overdue ? this.deadlines.nextEscalation(r.last_escalated_at ?? r.due_at) : r.due_at;
      if (nextAt.getTime() > now.getTime()) continue; // its timer has not had to fire yet
      const state = await this.queue.getJobState(escalationJobId(r.id, level));
      if (LIVE.has(state)) continue;
      const outcome = await this.escalation.check(r.id, level);
      if (outcome.kind === 'escalated') result.escalated++;
      if (outcome.kind === 'later') {
        // A finished (failed) job under the same id would make the add a no-op: remove it first.
        await this.timers.rearm([{ alertId: r.id, level, at: outcome.at }]);
        result.rearmed++;
      }
    }
    if (result.escalated > 0) this.logger.warn(`deadline sweep escalated ${result.escalated} alert(s) whose timer was missing`);
    return result;
  }
}
