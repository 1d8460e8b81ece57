import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_ALERT_STATUSES, AlertStatus, appendAlertEvents, Severity } from '@wage/alerts';
import { DataSource, EntityManager } from 'typeorm';
import { RouteDecision, RoutingOverrideRule, RoutingTable, RoutingUnit } from './route-decision';

/** Who caused a (re)routing, as written on the alert events. */
export interface RoutingActor {
  kind: 'user' | 'scan' | 'system';
  id: string | null;
  name: string | null;
}

export interface RoutedAlert extends RouteDecision {
  id: number;
  previousUnitCode: string | null;
}

interface AlertRow {
  id: number;
  project_code: string;
  rule: string;
  severity: Severity;
  unit_code: string | null;
  routing_reason: string | null;
  status: AlertStatus;
  region_code: string | null;
  street_code: string | null;
  industry: string | null;
}

/**
 * Applies the routing decision to alerts: reference data and overrides are read once,
 * every alert is decided in memory by the pure RoutingTable, and the results are
 * written back with one UPDATE and one INSERT of events (set-based, no per-row round trip).
 */
@Injectable()
export class AlertRouter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async loadTable(manager: EntityManager): Promise<RoutingTable> {
    const units: RoutingUnit[] = await manager.query(
      `SELECT unit_code AS "unitCode", kind, region_code AS "regionCode", street_codes AS "streetCodes" FROM inspection_units`,
    );
    const overrides: RoutingOverrideRule[] = await manager.query(
      `SELECT id, position, region_prefix AS "regionPrefix", industry, rule, min_severity AS "minSeverity", unit_code AS "unitCode"
         FROM routing_overrides WHERE enabled ORDER BY position, id`,
    );
    return new RoutingTable(units, overrides);
  }

  /**
   * Routes the given alerts and records one event per alert whose unit or reason
   * changed (`action` 'routed' at intake, 'rerouted' for the admin action).
   * `dueAt`: acknowledgement deadlines the caller (the scan's intake) sets on some of these
   * alerts at the same time (overdue cleared), written by the same UPDATE: one pass over
   * the alerts and their indexes instead of two (docs/decisions/intake-one-update.md).
   */
  async route(
    manager: EntityManager,
    alertIds: number[],
    actor: RoutingActor,
    action: 'routed' | 'rerouted',
    dueAt: ReadonlyMap<number, Date> = new Map(),
  ): Promise<RoutedAlert[]> {
    if (alertIds.length === 0) return [];
    const rows: AlertRow[] = await manager.query(
      `SELECT a.id, a.project_code, a.rule, a.severity, a.unit_code, a.routing_reason, a.status,
              p.region_code, p.street_code, p.industry
         FROM alerts a LEFT JOIN projects p ON p.project_code = a.project_code
        WHERE a.id = ANY($1::bigint[]) ORDER BY a.id FOR UPDATE OF a`,
      [alertIds],
    );
    const table = await this.loadTable(manager);
    const routed: RoutedAlert[] = [];
    for (const r of rows) {
      const decision = table.decide({
        projectCode: r.project_code,
        rule: r.rule,
        severity: r.severity,
        project: r.region_code ? { regionCode: r.region_code, streetCode: r.street_code, industry: r.industry ?? 'other' } : null,
      });
      if (decision.unitCode === r.unit_code && decision.reason === r.routing_reason) continue;
      routed.push({ id: r.id, previousUnitCode: r.unit_code, ...decision });
    }
    await this.write(manager, routed, rows, actor, action, dueAt);
    return routed;
  }

  /** Re-routes every active alert (admin action after reference data changed). */
  async rerouteActive(actor: RoutingActor): Promise<{ examined: number; changed: number; unrouted: number }> {
    return this.dataSource.transaction(async (m) => {
      const ids: Array<{ id: number }> = await m.query(`SELECT id FROM alerts WHERE status = ANY($1::text[]) ORDER BY id`, [
        ACTIVE_ALERT_STATUSES,
      ]);
      const routed = await this.route(
        m,
        ids.map((r) => r.id),
        actor,
        'rerouted',
      );
      const [{ n }]: Array<{ n: number }> = await m.query(
        `SELECT count(*)::int AS n FROM alerts WHERE status = ANY($1::text[]) AND unit_code IS NULL`,
        [ACTIVE_ALERT_STATUSES],
      );
      return { examined: ids.length, changed: routed.length, unrouted: n };
    });
  }

  private async write(
    m: EntityManager,
    routed: RoutedAlert[],
    rows: AlertRow[],
    actor: RoutingActor,
    action: string,
    dueAt: ReadonlyMap<number, Date>,
  ): Promise<void> {
    const byId = new Map(routed.map((r) => [r.id, r]));
    // Locked rows only: a deadline for an id that is not among them is not written.
    const ids = rows.map((r) => r.id).filter((id) => byId.has(id) || dueAt.has(id));
    if (ids.length > 0) {
      // A routed row takes its unit and reason (and a new version); a row with a deadline
      // takes it and is no longer overdue; a row with only a deadline keeps its version,
      // as the deadline's own UPDATE did.
      await m.query(
        `UPDATE alerts a
            SET unit_code = CASE WHEN d.routed THEN d.unit_code ELSE a.unit_code END,
                routing_reason = CASE WHEN d.routed THEN d.reason ELSE a.routing_reason END,
                version = a.version + CASE WHEN d.routed THEN 1 ELSE 0 END,
                due_at = coalesce(d.due_at, a.due_at),
                overdue = CASE WHEN d.due_at IS NULL THEN a.overdue ELSE false END,
                updated_at = now()
           FROM unnest($1::bigint[], $2::boolean[], $3::text[], $4::text[], $5::timestamptz[]) AS d(id, routed, unit_code, reason, due_at)
          WHERE a.id = d.id`,
        [
          ids,
          ids.map((id) => byId.has(id)),
          ids.map((id) => byId.get(id)?.unitCode ?? null),
          ids.map((id) => byId.get(id)?.reason ?? null),
          ids.map((id) => dueAt.get(id) ?? null),
        ],
      );
    }
    if (routed.length === 0) return;
    const status = new Map(rows.map((r) => [r.id, r.status]));
    await appendAlertEvents(
      m,
      routed.map((r) => ({
        alertId: r.id,
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: actor.name,
        action,
        fromStatus: status.get(r.id) ?? null,
        toStatus: status.get(r.id) ?? null,
        note: r.reason,
        data: { fromUnitCode: r.previousUnitCode, toUnitCode: r.unitCode },
      })),
    );
  }
}
