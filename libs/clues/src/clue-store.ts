import { EntityManager } from 'typeorm';
import type { ClueStatus } from './clue-enums';

/** Who did something to a case, as written on its events. */
export interface ClueActor {
  kind: 'user' | 'system';
  id: string | null;
  name: string | null;
}

export const SYSTEM_INTAKE: ClueActor = { kind: 'system', id: null, name: 'intake' };

/** The columns of clue_cases an action may set (names come from the services only). */
export type CaseChanges = Record<string, unknown>;

/** Updates one case; every update is paired with an event by the caller. */
export async function updateCase(m: EntityManager, clueId: string, changes: CaseChanges): Promise<void> {
  const cols = Object.keys(changes);
  const sets = cols.map((c, i) => `${c} = $${i + 2}`);
  await m.query(`UPDATE clue_cases SET ${[...sets, 'updated_at = now()', 'version = version + 1'].join(', ')} WHERE clue_id = $1`, [
    clueId,
    ...cols.map((c) => changes[c]),
  ]);
}

export interface ClueEventInput {
  clueId: string;
  at: Date;
  actor: ClueActor;
  action: string;
  from: ClueStatus | null;
  to: ClueStatus | null;
  note: string | null;
  data?: Record<string, unknown> | null;
}

export async function appendEvents(m: EntityManager, events: ClueEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await m.query(
    `INSERT INTO clue_events (clue_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status, note, data)
     SELECT * FROM unnest($1::varchar[], $2::timestamptz[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                          $7::varchar[], $8::varchar[], $9::text[], $10::jsonb[])`,
    [
      events.map((e) => e.clueId),
      events.map((e) => e.at),
      events.map((e) => e.actor.kind),
      events.map((e) => e.actor.id),
      events.map((e) => e.actor.name),
      events.map((e) => e.action),
      events.map((e) => e.from),
      events.map((e) => e.to),
      events.map((e) => e.note),
      events.map((e) => (e.data && Object.keys(e.data).length ? JSON.stringify(e.data) : null)),
    ],
  );
}
