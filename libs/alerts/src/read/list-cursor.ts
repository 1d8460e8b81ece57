import { BadRequestException } from '@nestjs/common';

/**
 * The list's keyset cursor (docs/decisions/alert-list-cursor.md): the queue-order key of
 * the last alert of a page — severity rank, project risk, shortfall, first seen (to the
 * microsecond, as PostgreSQL's text) and id — as base64url JSON. `cursor=` asks for the
 * alerts after it; a page at any depth then reads about pageSize index entries instead of
 * walking `offset` of them.
 */
export interface ListCursor {
  rank: number;
  risk: number;
  /** bigint fen as text */
  shortfall: string;
  /** timestamptz text with microseconds, e.g. 2026-11-03T01:02:03.123456Z */
  first: string;
  id: number;
}

const INVALID = 'cursor must be the nextCursor of an earlier page of this list';

/** The cursor of a page's last alert, from the key PostgreSQL wrote as a JSON array (LAST_KEY_JSON_SQL). */
export function cursorOfKey(keyJson: string): string {
  return Buffer.from(keyJson).toString('base64url');
}

/** A row's queue-order key as that JSON array, over the columns k_rank, k_risk, k_shortfall, k_first, id. */
export const KEY_JSON_SQL = `json_build_array(k_rank, k_risk, k_shortfall::text,
    to_char(k_first AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), id)`;

/** The key of `k`'s last row in queue order as that JSON array. */
export const LAST_KEY_JSON_SQL = `SELECT ${KEY_JSON_SQL}::text
  FROM k ORDER BY k_rank DESC, k_risk ASC, k_shortfall ASC, k_first DESC, id DESC LIMIT 1`;

/** The cursor of a request; a malformed one is a 400 naming the parameter. */
export function decodeCursor(text: string): ListCursor {
  return keyOfJson(Buffer.from(text, 'base64url').toString('utf8'));
}

/** A key as PostgreSQL wrote it (KEY_JSON_SQL), checked as a request's cursor is. */
export function keyOfJson(json: string): ListCursor {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new BadRequestException(INVALID);
  }
  if (!Array.isArray(value) || value.length !== 5) throw new BadRequestException(INVALID);
  const [rank, risk, shortfall, first, id] = value as unknown[];
  const ok =
    Number.isSafeInteger(rank) &&
    Number.isSafeInteger(risk) &&
    typeof shortfall === 'string' &&
    /^-?\d{1,19}$/.test(shortfall) &&
    typeof first === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(first) &&
    !Number.isNaN(Date.parse(first)) &&
    Number.isSafeInteger(id);
  if (!ok) throw new BadRequestException(INVALID);
  return { rank: rank as number, risk: risk as number, shortfall, first, id: id as number };
}

/**
 * "After the cursor" in queue order (rank ASC, risk DESC, shortfall DESC, first ASC,
 * id ASC), as five disjoint conditions in that order. Each is an equality prefix of
 * IDX_alerts_queue_rank plus one range, so each part of the page is an index seek; one
 * OR of them (or a row comparison, impossible with mixed directions) would walk the
 * index from the start. `rankSql` is the severity-rank expression of the index.
 */
export function afterCursorParts(rankSql: string): string[] {
  const rank = `${rankSql} = :cRank`;
  const risk = `a.queue_risk = :cRisk`;
  const shortfall = `a.shortfall_fen = CAST(:cShortfall AS bigint)`;
  const first = `a.first_seen_at = CAST(:cFirst AS timestamptz)`;
  return [
    `${rank} AND ${risk} AND ${shortfall} AND ${first} AND a.id > :cId`,
    `${rank} AND ${risk} AND ${shortfall} AND a.first_seen_at > CAST(:cFirst AS timestamptz)`,
    `${rank} AND ${risk} AND a.shortfall_fen < CAST(:cShortfall AS bigint)`,
    `${rank} AND a.queue_risk < :cRisk`,
    `${rankSql} > :cRank`,
  ];
}

export function cursorParams(c: ListCursor): Record<string, unknown> {
  return { cRank: c.rank, cRisk: c.risk, cShortfall: c.shortfall, cFirst: c.first, cId: c.id };
}
