import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@wage/workflow';
import { DataSource } from 'typeorm';
import type { ClueStatus } from './clue-enums';
import { ClueNotifier } from './clue-notifier';
import { appendEvents, updateCase } from './clue-store';
import { ClueTimers } from './clue-timers.service';

export type ClueEscalationOutcome = { kind: 'escalated'; level: number } | { kind: 'skipped'; reason: string } | { kind: 'later'; at: Date };

interface CaseState {
  clue_id: string;
  status: ClueStatus;
  next_due_at: Date | null;
  next_step: string | null;
  escalation_level: number;
  escalated_due_at: Date | null;
  unit_code: string | null;
  unit_kind: string | null;
  parent_unit_code: string | null;
  project_code: string | null;
  region_code: string;
}

const SWEEP_BATCH = 500;

/**
 * A missed clue deadline (clues.md "Deadlines"): the case's escalation level rises by
 * one, an `escalated` event is logged and the brigade lead is notified (in-app and
 * outbox). Each missed deadline escalates ONCE, whether the timer or the sweep sees it
 * first: the row is locked and `escalated_due_at` remembers the deadline escalated.
 */
@Injectable()
export class ClueEscalationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifier: ClueNotifier,
    private readonly timers: ClueTimers,
  ) {}

  /** What a timer for (clue, level) does when it fires. */
  async check(clueId: string, level: number): Promise<ClueEscalationOutcome> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m): Promise<ClueEscalationOutcome> => {
      const [c]: CaseState[] = await m.query(
        `SELECT cc.clue_id, cc.status, cc.next_due_at, cc.next_step, cc.escalation_level, cc.escalated_due_at, cc.unit_code,
                u.kind AS unit_kind, u.parent_unit_code, cl.project_code, cl.region_code
           FROM clue_cases cc JOIN clues cl ON cl.clue_id = cc.clue_id LEFT JOIN inspection_units u ON u.unit_code = cc.unit_code
          WHERE cc.clue_id = $1 FOR UPDATE OF cc`,
        [clueId],
      );
      if (!c) return { kind: 'skipped', reason: 'no such clue case' };
      if (c.status === 'closed') return { kind: 'skipped', reason: 'case is closed' };
      if (c.escalation_level !== level - 1) return { kind: 'skipped', reason: `case is at level ${c.escalation_level}` };
      if (!c.next_due_at) return { kind: 'skipped', reason: 'no running deadline' };
      if (c.next_due_at.getTime() > now.getTime()) return { kind: 'later', at: c.next_due_at };
      if (c.escalated_due_at && c.escalated_due_at.getTime() === c.next_due_at.getTime()) {
        return { kind: 'skipped', reason: 'this deadline was escalated already' };
      }
      await updateCase(m, clueId, { escalation_level: level, escalated_due_at: c.next_due_at });
      await appendEvents(m, [
        {
          clueId,
          at: now,
          actor: { kind: 'system', id: null, name: 'escalation' },
          action: 'escalated',
          from: c.status,
          to: c.status,
          note: `${c.next_step} deadline ${c.next_due_at.toISOString()} passed: escalation level ${level}`,
          data: { level, step: c.next_step, dueAt: c.next_due_at },
        },
      ]);
      const brigade = c.unit_kind === 'team' ? (c.parent_unit_code ?? c.unit_code) : c.unit_code;
      await this.notifier.overdue(m, brigade, { clueId, projectCode: c.project_code, regionCode: c.region_code }, c.next_step ?? 'reply', level);
      return { kind: 'escalated', level };
    });
  }

  /**
   * The database is the truth about deadlines: open cases past their running deadline
   * that were not escalated for it (a lost timer, a restored Redis) are escalated now.
   */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const due: Array<{ clue_id: string; escalation_level: number }> = await this.dataSource.query(
      `SELECT clue_id, escalation_level FROM clue_cases
        WHERE status <> 'closed' AND next_due_at < $1 AND escalated_due_at IS DISTINCT FROM next_due_at
        ORDER BY next_due_at LIMIT $2`,
      [now, SWEEP_BATCH],
    );
    let escalated = 0;
    for (const c of due) {
      const outcome = await this.check(c.clue_id, c.escalation_level + 1);
      if (outcome.kind === 'escalated') escalated += 1;
    }
    return escalated;
  }

  /** Timer for the next level, when the case has a running deadline that was not escalated yet. */
  async scheduleNext(clueId: string): Promise<void> {
    const [c]: Array<{ next_due_at: Date | null; escalation_level: number; status: string }> = await this.dataSource.query(
      `SELECT next_due_at, escalation_level, status FROM clue_cases WHERE clue_id = $1`,
      [clueId],
    );
    if (c?.next_due_at && c.status !== 'closed') await this.timers.schedule([{ clueId, level: c.escalation_level + 1, at: c.next_due_at }]);
  }
}
