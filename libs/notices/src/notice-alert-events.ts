import { EntityManager } from 'typeorm';

/** Appends one event per alert of the notice (alert_events is append-only). */
export async function recordOnAlerts(
  m: EntityManager,
  noticeId: number,
  action: string,
  note: string,
  data: Record<string, unknown>,
  actor: { kind: string; id: string | null; name: string | null } = { kind: 'system', id: null, name: 'notices' },
): Promise<void> {
  await m.query(
    `INSERT INTO alert_events (alert_id, actor_kind, actor_id, actor_name, action, note, data)
     SELECT alert_id, $2, $3, $4, $5, $6, $7::jsonb FROM notice_items WHERE notice_id = $1`,
    [noticeId, actor.kind, actor.id, actor.name, action, note, JSON.stringify(data)],
  );
}
