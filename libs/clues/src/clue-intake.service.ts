import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@wage/workflow';
import { DataSource, EntityManager } from 'typeorm';
import { CaseDeadlines } from './clue-deadlines';
import { ClueDeadlineService } from './clue-deadlines.service';
import { ClueNotifier, NotifiedClue } from './clue-notifier';
import { ClueRoute, ClueRouter } from './clue-router.service';
import { appendEvents, ClueActor, SYSTEM_INTAKE } from './clue-store';
import { ClueTimer, ClueTimers } from './clue-timers.service';

const BATCH = 1_000;

interface PendingRow {
  clue_id: string;
  received_on: string;
  project_code: string | null;
  region_code: string;
}

/**
 * Intake of new clue cases (created by the `clues` insert trigger, in the import's
 * transaction): route each one, set its accept and reply deadlines, log a `received`
 * event, notify the unit and set the deadline timer. Runs as the `clue.intake` job the
 * import queues when it finishes, and again in every sweep, so a lost job delays a case
 * by one sweep at most. Batches lock with SKIP LOCKED: two workers never take one case.
 */
@Injectable()
export class ClueIntakeService {
  private readonly logger = new Logger(ClueIntakeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly router: ClueRouter,
    private readonly deadlines: ClueDeadlineService,
    private readonly notifier: ClueNotifier,
    private readonly timers: ClueTimers,
    private readonly clock: Clock,
  ) {}

  async intakePending(): Promise<number> {
    let total = 0;
    for (;;) {
      const timers: ClueTimer[] = [];
      const n = await this.dataSource.transaction((m) => this.intakeBatch(m, timers));
      await this.timers.schedule(timers);
      total += n;
      if (n < BATCH) break;
    }
    if (total > 0) this.logger.log(`${total} new clue case(s) routed`);
    return total;
  }

  private async intakeBatch(m: EntityManager, timers: ClueTimer[]): Promise<number> {
    const rows: PendingRow[] = await m.query(
      `SELECT cc.clue_id, c.received_on, c.project_code, c.region_code
         FROM clue_cases cc JOIN clues c ON c.clue_id = cc.clue_id
        WHERE cc.needs_intake ORDER BY c.received_on, cc.clue_id LIMIT $1 FOR UPDATE OF cc SKIP LOCKED`,
      [BATCH],
    );
    if (rows.length === 0) return 0;
    const routes = new Map((await this.router.decide(m, rows.map((r) => r.clue_id))).map((r) => [r.clueId, r]));
    const now = this.clock.now();
    // A new case's deadlines depend only on its region and received_on: a batch shares a few.
    const slaOf = await this.deadlines.slaFor(m, rows.map((r) => r.region_code));
    const memo = new Map<string, CaseDeadlines>();
    const due = rows.map((r) => {
      const key = `${r.region_code}|${r.received_on}`;
      let d = memo.get(key);
      if (!d) {
        d = this.deadlines.of({ status: 'received', receivedOn: r.received_on, acceptedAt: null, repliedAt: null, extended: false }, slaOf(r.region_code));
        memo.set(key, d);
      }
      return d;
    });
    const route = (id: string): ClueRoute => routes.get(id) as ClueRoute;
    await m.query(
      `UPDATE clue_cases cc SET needs_intake = false, unit_code = d.unit_code, routing_reason = d.reason, accept_due_at = d.accept_due,
              reply_due_at = d.reply_due, next_due_at = d.next_due, next_step = d.next_step, updated_at = now(), version = cc.version + 1
         FROM unnest($1::varchar[], $2::varchar[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::varchar[])
              AS d(clue_id, unit_code, reason, accept_due, reply_due, next_due, next_step)
        WHERE cc.clue_id = d.clue_id`,
      [
        rows.map((r) => r.clue_id),
        rows.map((r) => route(r.clue_id).unitCode),
        rows.map((r) => route(r.clue_id).reason),
        due.map((d) => d.acceptDueAt),
        due.map((d) => d.replyDueAt),
        due.map((d) => d.nextDueAt),
        due.map((d) => d.nextStep),
      ],
    );
    await appendEvents(
      m,
      rows.map((r) => ({
        clueId: r.clue_id,
        at: now,
        actor: SYSTEM_INTAKE,
        action: 'received',
        from: null,
        to: 'received',
        note: route(r.clue_id).reason,
        data: { unitCode: route(r.clue_id).unitCode },
      })),
    );
    const byUnit = new Map<string, NotifiedClue[]>();
    for (const r of rows) {
      const unit = route(r.clue_id).unitCode;
      if (unit) byUnit.set(unit, [...(byUnit.get(unit) ?? []), { clueId: r.clue_id, projectCode: r.project_code, regionCode: r.region_code }]);
    }
    for (const [unit, clues] of byUnit) await this.notifier.routed(m, unit, clues);
    rows.forEach((r, i) => {
      const at = due[i].nextDueAt;
      if (at) timers.push({ clueId: r.clue_id, level: 1, at });
    });
    return rows.length;
  }

  /** Admin action: route every open case again with today's units and overrides; logs each move. */
  async rerouteOpen(actor: ClueActor): Promise<{ examined: number; changed: number; unrouted: number }> {
    return this.dataSource.transaction(async (m) => {
      const ids: Array<{ clue_id: string }> = await m.query(
        `SELECT clue_id FROM clue_cases WHERE status <> 'closed' AND NOT needs_intake ORDER BY clue_id`,
      );
      const routes = (await this.router.decide(m, ids.map((r) => r.clue_id))).filter((r) => r.changed);
      if (routes.length > 0) {
        await m.query(
          `UPDATE clue_cases cc SET unit_code = d.unit_code, routing_reason = d.reason, updated_at = now(), version = cc.version + 1
             FROM unnest($1::varchar[], $2::varchar[], $3::text[]) AS d(clue_id, unit_code, reason) WHERE cc.clue_id = d.clue_id`,
          [routes.map((r) => r.clueId), routes.map((r) => r.unitCode), routes.map((r) => r.reason)],
        );
        const now = this.clock.now();
        await appendEvents(
          m,
          routes.map((r) => ({
            clueId: r.clueId,
            at: now,
            actor,
            action: 'rerouted',
            from: r.status,
            to: r.status,
            note: r.reason,
            data: { fromUnitCode: r.previousUnitCode, toUnitCode: r.unitCode },
          })),
        );
      }
      const [{ n }]: Array<{ n: number }> = await m.query(
        `SELECT count(*)::int AS n FROM clue_cases WHERE status <> 'closed' AND unit_code IS NULL AND NOT needs_intake`,
      );
      return { examined: ids.length, changed: routes.length, unrouted: n };
    });
  }
}
