import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_ALERT_STATUSES, AlertStatus, appendAlertEvents } from '@wage/alerts';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '@wage/calendar';
import { DataSource } from 'typeorm';
import { Clock } from './clock';
import { DeadlineService } from './deadlines.service';
import { EscalationTimers } from './escalation-timers.service';
import { WorkflowNotifier } from './workflow-notifier';

export type EscalationOutcome =
  | { kind: 'escalated'; level: number }
  | { kind: 'skipped'; reason: string }
  /** Not yet due (deadline moved, or suppressed): check again at this instant. */
  | { kind: 'later'; at: Date };

interface AlertState {
  id: number;
  status: AlertStatus;
  project_code: string;
  rule: string;
  severity: string;
  unit_code: string | null;
  due_at: Date | null;
  escalation_level: number;
  suppressed_until: string | null;
  unit_kind: string | null;
  parent_unit_code: string | null;
}

/**
 * What an escalation timer does when it fires: re-check the alert (still active, not
 * suppressed, deadline passed, not escalated to this level already), then mark it
 * overdue, raise its level, log an 'escalated' event, notify the brigade lead, and set
 * the timer of the next level.
 */
@Injectable()
export class EscalationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly deadlines: DeadlineService,
    private readonly timers: EscalationTimers,
    private readonly notifier: WorkflowNotifier,
  ) {}

  async check(alertId: number, level: number): Promise<EscalationOutcome> {
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (m): Promise<EscalationOutcome> => {
      const [a]: AlertState[] = await m.query(
        `SELECT a.id, a.status, a.project_code, a.rule, a.severity, a.unit_code, a.due_at, a.escalation_level, a.suppressed_until,
                iu.kind AS unit_kind, iu.parent_unit_code
           FROM alerts a LEFT JOIN inspection_units iu ON iu.unit_code = a.unit_code
          WHERE a.id = $1 FOR UPDATE OF a`,
        [alertId],
      );
      if (!a) return { kind: 'skipped', reason: 'alert does not exist' };
      if (!ACTIVE_ALERT_STATUSES.includes(a.status)) return { kind: 'skipped', reason: `alert is ${a.status}` };
      if (a.escalation_level !== level - 1) return { kind: 'skipped', reason: `alert is at level ${a.escalation_level}` };
      if (a.suppressed_until && a.suppressed_until >= shanghaiDate(now)) {
        return { kind: 'later', at: startOfShanghaiDay(addCalendarDays(a.suppressed_until, 1)) };
      }
      if (!a.due_at) return { kind: 'skipped', reason: 'alert has no deadline' };
      if (a.due_at.getTime() > now.getTime()) return { kind: 'later', at: a.due_at };

      await m.query(
        `UPDATE alerts SET overdue = true, escalation_level = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
        [alertId, level],
      );
      await appendAlertEvents(m, [
        {
          alertId,
          at: now, // the workflow clock: the sweep counts the next escalation from here
          actorKind: 'system',
          actorId: null,
          actorName: 'escalation',
          action: 'escalated',
          fromStatus: a.status,
          toStatus: a.status,
          note: `deadline ${a.due_at.toISOString()} passed: escalation level ${level}`,
          data: { level, dueAt: a.due_at },
        },
      ]);
      const brigade = a.unit_kind === 'team' ? a.parent_unit_code ?? a.unit_code : a.unit_code;
      await this.notifier.escalated(m, brigade, { id: a.id, projectCode: a.project_code, rule: a.rule, severity: a.severity }, level);
      return { kind: 'escalated', level };
    });
    if (outcome.kind === 'escalated') {
      await this.timers.schedule([{ alertId, level: level + 1, at: this.deadlines.nextEscalation(now) }]);
    }
    return outcome;
  }
}
