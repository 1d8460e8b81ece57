import { EntityManager } from 'typeorm';
import { AlertStatus } from '../entities/alert-enums';

/** One append-only history row (alert_events refuses UPDATE and DELETE). */
export interface AlertEventInput {
  alertId: number;
  /** Default: now() of the database. Workflow passes its clock (tests move it). */
  at?: Date;
  actorKind: 'user' | 'api_key' | 'scan' | 'system';
  actorId: string | null;
  actorName: string | null;
  action: string;
  fromStatus?: AlertStatus | null;
  toStatus?: AlertStatus | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
}

/** Appends events in one statement. */
export async function appendAlertEvents(m: EntityManager, events: AlertEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    alert_id: e.alertId,
    at: e.at?.toISOString() ?? null,
    actor_kind: e.actorKind,
    actor_id: e.actorId,
    actor_name: e.actorName,
    action: e.action,
    from_status: e.fromStatus ?? null,
    to_status: e.toStatus ?? null,
    note: e.note ?? null,
    data: e.data && Object.keys(e.data).length > 0 ? e.data : null,
  }));
  await m.query(
    `INSERT INTO alert_events (alert_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status, note, data)
     SELECT x.alert_id, coalesce(x.at, now()), x.actor_kind, x.actor_id, x.actor_name, x.action, x.from_status, x.to_status, x.note, x.data
       FROM jsonb_to_recordset($1::jsonb) AS x(alert_id bigint, at timestamptz, actor_kind text, actor_id text, actor_name text,
            action text, from_status text, to_status text, note text, data jsonb)`,
    [JSON.stringify(rows)],
  );
}

/**
 * The columns of a set-based append, in order: the SELECT that follows
 * `INSERT_ALERT_EVENTS_SQL` yields exactly these (at is the database's now()). For
 * statements that derive events from other rows (a scan's changes, a notice's items);
 * single events go through appendAlertEvents.
 */
export const ALERT_EVENT_COLUMNS = ['alert_id', 'actor_kind', 'actor_id', 'actor_name', 'action', 'from_status', 'to_status', 'note', 'data'] as const;

/** `INSERT INTO alert_events (alert_id, …, data)`: may also stand inside a WITH clause. */
export const INSERT_ALERT_EVENTS_SQL = `INSERT INTO alert_events (${ALERT_EVENT_COLUMNS.join(', ')})`;

/**
 * The same with the event's own time first (`at`, then ALERT_EVENT_COLUMNS): for a
 * statement that changes an alert and appends its event at the workflow's clock in one
 * round trip (claim-next).
 */
export const INSERT_TIMED_ALERT_EVENTS_SQL = `INSERT INTO alert_events (at, ${ALERT_EVENT_COLUMNS.join(', ')})`;

/** Appends the events `selectSql` yields (the columns of ALERT_EVENT_COLUMNS, in order). */
export async function appendAlertEventsFrom(m: EntityManager, selectSql: string, params: unknown[]): Promise<void> {
  await m.query(`${INSERT_ALERT_EVENTS_SQL}\n${selectSql}`, params);
}

/**
 * Changes one alert's columns and status (bumping its version); the caller appends the
 * matching event in the same transaction. Column names come from the caller's code only.
 */
export async function updateAlert(m: EntityManager, alertId: number, status: AlertStatus, changes: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(changes);
  const sets = cols.map((c, i) => `${c} = $${i + 3}`);
  await m.query(`UPDATE alerts SET status = $2, ${[...sets, 'updated_at = now()', 'version = version + 1'].join(', ')} WHERE id = $1`, [
    alertId,
    status,
    ...cols.map((c) => changes[c]),
  ]);
}
