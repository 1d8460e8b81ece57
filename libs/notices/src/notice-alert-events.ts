import { EntityManager } from 'typeorm';
import { appendAlertEventsFrom } from '@wage/alerts';

export interface EventActor {
  kind: string;
  id: string | null;
  name: string | null;
}

const SYSTEM: EventActor = { kind: 'system', id: null, name: 'notices' };

/**
 * Appends one event per alert of the notice (alert_events is append-only). `dataSql` is
 * the event's data as SQL over the notice item `i` and the parameters ($7 = `data` as
 * jsonb; the reply adds each item's outcome).
 */
export async function recordOnAlerts(
  m: EntityManager,
  noticeId: number,
  action: string,
  note: string,
  data: Record<string, unknown>,
  actor: EventActor = SYSTEM,
  dataSql = '$7::jsonb',
): Promise<void> {
  await appendAlertEventsFrom(
    m,
    `SELECT i.alert_id, $2, $3, $4, $5, NULL, NULL, $6, ${dataSql} FROM notice_items i WHERE i.notice_id = $1`,
    [noticeId, actor.kind, actor.id, actor.name, action, note, JSON.stringify(data)],
  );
}
