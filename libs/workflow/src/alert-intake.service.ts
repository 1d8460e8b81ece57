import { Injectable } from '@nestjs/common';
import { Severity } from '@wage/alerts';
import { StepTimer } from '@wage/common';
import { AlertRouter } from '@wage/routing';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';
import { DeadlineService } from './deadlines.service';
import { EscalationTimer, EscalationTimers } from './escalation-timers.service';
import { NotifiedAlert, WorkflowNotifier } from './workflow-notifier';

export interface ScanAlertChanges {
  /** Alerts created by this scan, or brought back from cleared/resolved. */
  raisedOrReopened: number[];
  /**
   * Those of raisedOrReopened that existed before (reopened): their pending timer of the
   * next level, set for the old deadline, is moved to the new one.
   */
  reopened?: number[];
  /** Alerts whose severity went up or down. */
  severityChanged: number[];
  /** Alerts the scan cleared (condition no longer holds). */
  cleared: number[];
}

/** Escalation timers a committed intake still has to arm in Redis (AlertIntakeService.armTimers). */
export interface PendingTimers {
  /** New alerts' first timers. */
  schedule: EscalationTimer[];
  /** Reopened alerts: their pending timer of the next level is set again from the new deadline. */
  rearm: EscalationTimer[];
  /** Deadlines that moved earlier (severity changed). */
  advance: EscalationTimer[];
}

interface IntakeRow {
  id: number;
  project_code: string;
  rule: string;
  severity: Severity;
  unit_code: string | null;
  escalation_level: number;
}

/**
 * What happens to alerts after a scan has reconciled them: routing to an inspection
 * unit, the acknowledgement deadline, escalation timers and notifications. Called by the
 * scan inside the transaction that changed the alerts (so outbox rows commit with them).
 * Cleared alerts need nothing: their timers re-check the state when they fire.
 */
@Injectable()
export class AlertIntakeService {
  constructor(
    private readonly router: AlertRouter,
    private readonly deadlines: DeadlineService,
    private readonly timers: EscalationTimers,
    private readonly notifier: WorkflowNotifier,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes the alerts' routing, deadlines and notifications in the scan's transaction and
   * returns the escalation timers to arm once it has committed (`armTimers`). Redis is
   * outside the transaction: arming there kept the scan's locks on every new alert for the
   * Redis round trips (0.29 s of a 2,290-alert intake), and a timer lost between the commit
   * and the arming (the process died) is run by the deadline sweep within 5 minutes
   * (escalation-deadline-sweep.md). `timer` gets the steps (bench:scan prints them).
   */
  async onScanReconciled(manager: EntityManager, changes: ScanAlertChanges, timer = new StepTimer()): Promise<PendingTimers> {
    const raised = await this.intakeRaised(manager, changes.raisedOrReopened, new Set(changes.reopened ?? []), timer);
    const advance = await timer.time('intake.severity', () => this.followSeverity(manager, changes.severityChanged));
    return { ...raised, advance };
  }

  /** After the commit of onScanReconciled's transaction. */
  async armTimers(pending: PendingTimers): Promise<void> {
    await this.timers.schedule(pending.schedule);
    await this.timers.rearm(pending.rearm);
    await this.timers.advance(pending.advance);
  }

  private async intakeRaised(
    manager: EntityManager,
    ids: number[],
    reopened: ReadonlySet<number>,
    timer: StepTimer,
  ): Promise<Omit<PendingTimers, 'advance'>> {
    const none = { schedule: [], rearm: [] };
    if (ids.length === 0) return none;
    // The deadlines first, so the routing's UPDATE writes them too: one pass over the new
    // alerts instead of two (docs/decisions/intake-one-update.md). The scan's transaction
    // holds these rows since its reconcile, so what is read here is what routing locks.
    const tDeadlines = performance.now();
    const rows: IntakeRow[] = await manager.query(
      `SELECT id, project_code, rule, severity, unit_code, escalation_level FROM alerts
        WHERE id = ANY($1::bigint[]) AND status = 'open' ORDER BY id`,
      [ids],
    );
    const now = this.clock.now();
    const slaOf = await this.deadlines.slaFor(
      manager,
      rows.map((r) => r.project_code),
    );
    const due = rows.map((r) => this.deadlines.acknowledgeDue(slaOf(r.project_code), now));
    timer.add('intake.deadlines', performance.now() - tDeadlines);
    const routed = await timer.time('intake.route', () =>
      this.router.route(manager, ids, { kind: 'scan', id: null, name: 'scan' }, 'routed', new Map(rows.map((r, i) => [r.id, due[i]]))),
    );
    if (rows.length === 0) return none;
    const unitOf = new Map(routed.map((r) => [r.id, r.unitCode]));
    for (const r of rows) if (unitOf.has(r.id)) r.unit_code = unitOf.get(r.id) ?? null;
    const tNotify = performance.now();
    const byUnit = new Map<string, NotifiedAlert[]>();
    for (const r of rows) {
      if (!r.unit_code) continue;
      const list = byUnit.get(r.unit_code) ?? [];
      list.push({ id: r.id, projectCode: r.project_code, rule: r.rule, severity: r.severity });
      byUnit.set(r.unit_code, list);
    }
    for (const [unitCode, alerts] of byUnit) await this.notifier.alertsRouted(manager, unitCode, alerts);
    timer.add('intake.notify', performance.now() - tNotify);
    const timers = rows.map((r, i) => ({ alertId: r.id, level: r.escalation_level + 1, at: due[i] }));
    return { schedule: timers.filter((x) => !reopened.has(x.alertId)), rearm: timers.filter((x) => reopened.has(x.alertId)) };
  }

  /**
   * A severity change of an acknowledged alert changes its resolve deadline (counted
   * from the acknowledgement). Open alerts keep their acknowledge deadline; overdue
   * ones are already escalated and keep their timers.
   */
  private async followSeverity(manager: EntityManager, ids: number[]): Promise<EscalationTimer[]> {
    if (ids.length === 0) return [];
    const rows: Array<IntakeRow & { acknowledged_at: Date | null }> = await manager.query(
      `SELECT a.id, a.project_code, a.rule, a.severity, a.unit_code, a.escalation_level,
              (SELECT max(e.at) FROM alert_events e WHERE e.alert_id = a.id AND e.action = 'acknowledge') AS acknowledged_at
         FROM alerts a
        WHERE a.id = ANY($1::bigint[]) AND a.status IN ('acknowledged', 'in_progress') AND NOT a.overdue ORDER BY a.id`,
      [ids],
    );
    if (rows.length === 0) return [];
    const slaOf = await this.deadlines.slaFor(
      manager,
      rows.map((r) => r.project_code),
    );
    const now = this.clock.now();
    const due = rows.map((r) => this.deadlines.resolveDue(slaOf(r.project_code), r.severity, r.acknowledged_at ?? now));
    await manager.query(
      `UPDATE alerts a SET due_at = d.due_at, updated_at = now()
         FROM unnest($1::bigint[], $2::timestamptz[]) AS d(id, due_at) WHERE a.id = d.id`,
      [rows.map((r) => r.id), due],
    );
    return rows.map((r, i) => ({ alertId: r.id, level: r.escalation_level + 1, at: due[i] }));
  }
}
