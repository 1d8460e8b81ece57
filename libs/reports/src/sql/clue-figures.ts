/**
 * CLUE FIGURES — the only file that knows the clue-case tables (clues.md), so aligning
 * it with the clue library is one edit. The case tables are built on another branch;
 * until they exist (checked with to_regclass) every clue figure is 0 / null.
 *
 * Assumed schema (rename here when merging; the `clues` dataset table already exists):
 *
 *   clues        (dataset)  clue_id PK, received_on date, region_code char(6), project_code, ...
 *   clue_cases              one case per clue:
 *     clue_id        varchar PK → clues.clue_id
 *     status         varchar   received | accepted | contacted | replied | closed
 *     unit_code      varchar   inspection unit the case is routed to (NULL = unrouted)
 *     outcome        varchar   reply outcome (wages_paid, partially_paid, …, duplicate)
 *     recovered_fen  bigint    wages recovered by the reply that was approved (fen), NULL when none
 *     workers_paid   integer   workers paid by that reply, NULL when none
 *     closed_at      timestamptz  when the case closed (approve, or merge as a duplicate)
 *   clue_events             append-only history, like alert_events:
 *     id bigserial, clue_id varchar, at timestamptz,
 *     action varchar  accept | contact | reply | approve | return | merge | assign | comment | extend | …
 *     from_status, to_status varchar, note text, data jsonb
 *
 * Indexes these figures want (to be declared by the clue library's entities):
 *   clue_events (clue_id, at), clue_events (action, at), clue_cases (closed_at), clues (received_on).
 *
 * Figures:
 *   cluesReceived  clues with received_on in the range (placed by the case's unit, the clue's region, the month received)
 *   cluesClosed    of those, closed_at before the end of `to`
 *   wages / workers  recovered_fen and workers_paid of cases closed (reply approved) in the range, by the month closed:
 *                  counting the approved reply only means a returned and re-done reply is not counted twice
 *   first reviews  per case, its first review event (approve or return) when it falls in the range, by its month;
 *                  passed = that first review was an approve (审核通过率 = passed ÷ first reviews)
 */
import { EntityManager } from 'typeorm';
import { FigureQuery, fen, int } from './figure-query';
import { monthOfDate, monthOfTs, RecordPlace, ReportQuery, SqlContext } from './sql-context';

export const CLUE_CASE_TABLE = 'clue_cases';
export const CLUE_EVENT_TABLE = 'clue_events';

const PLACE: RecordPlace = { unit: 'f.unit_code', region: 'f.region_code', month: 'f.month' };

/** True when the clue-case tables exist in this database. */
export async function clueTablesExist(m: EntityManager): Promise<boolean> {
  const [row]: Array<{ ok: boolean }> = await m.query(
    `SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS ok`,
    [CLUE_CASE_TABLE, CLUE_EVENT_TABLE],
  );
  return row?.ok === true;
}

export function clueFigures(q: ReportQuery): FigureQuery {
  const c = new SqlContext(q);
  const start = c.start;
  const end = c.end;
  const from = c.p(q.window.from);
  const to = c.p(q.window.to);
  const sql = `
    WITH f AS (
      SELECT 'received' AS kind, cc.unit_code, k.region_code, ${monthOfDate('k.received_on')} AS month,
             (cc.closed_at < ${end}) AS flag, NULL::bigint AS recovered_fen, NULL::int AS workers_paid
        FROM clues k JOIN ${CLUE_CASE_TABLE} cc ON cc.clue_id = k.clue_id
       WHERE k.received_on >= ${from}::date AND k.received_on <= ${to}::date
      UNION ALL
      SELECT 'closed', cc.unit_code, k.region_code, ${monthOfTs('cc.closed_at')}, true, cc.recovered_fen, cc.workers_paid
        FROM ${CLUE_CASE_TABLE} cc JOIN clues k ON k.clue_id = cc.clue_id
       WHERE cc.closed_at >= ${start} AND cc.closed_at < ${end}
      UNION ALL
      SELECT 'first_review', cc.unit_code, k.region_code, ${monthOfTs('r.at')}, r.action = 'approve', NULL, NULL
        FROM (SELECT DISTINCT ON (e.clue_id) e.clue_id, e.at, e.action
                FROM ${CLUE_EVENT_TABLE} e WHERE e.action IN ('approve', 'return')
               ORDER BY e.clue_id, e.at, e.id) r
        JOIN ${CLUE_CASE_TABLE} cc ON cc.clue_id = r.clue_id JOIN clues k ON k.clue_id = r.clue_id
       WHERE r.at >= ${start} AND r.at < ${end}
    )
    SELECT ${c.key(PLACE)} AS key, f.kind, count(*)::int AS n, count(*) FILTER (WHERE f.flag)::int AS flagged,
           sum(f.recovered_fen)::text AS recovered_fen, sum(f.workers_paid)::int AS workers_paid
      FROM f
     WHERE ${c.where('f', PLACE)}
     GROUP BY 1, 2`;
  return {
    name: 'clue cases',
    sql,
    params: c.params,
    apply(row, parts) {
      if (row.kind === 'received') {
        parts.cluesReceived += int(row.n);
        parts.cluesClosed += int(row.flagged);
      } else if (row.kind === 'closed') {
        parts.recoveredFen += fen(row.recovered_fen);
        parts.workersPaid += int(row.workers_paid);
      } else {
        parts.clueFirstReviews += int(row.n);
        parts.clueFirstReviewsPassed += int(row.flagged);
      }
    },
  };
}

/**
 * The assumed tables as DDL, for tests and the benchmark only (never for migrations):
 * a database without the clue library gets stand-ins, so the clue SQL above is
 * exercised before the merge. Once the real tables exist this is not used.
 */
export const ASSUMED_CLUE_TABLES_DDL = `
  CREATE TABLE IF NOT EXISTS ${CLUE_CASE_TABLE} (
    clue_id varchar(64) PRIMARY KEY, status varchar(16) NOT NULL DEFAULT 'received', unit_code varchar(64),
    outcome varchar(32), recovered_fen bigint, workers_paid integer, closed_at timestamptz);
  CREATE TABLE IF NOT EXISTS ${CLUE_EVENT_TABLE} (
    id bigserial PRIMARY KEY, clue_id varchar(64) NOT NULL, at timestamptz NOT NULL DEFAULT now(), action varchar(32) NOT NULL,
    from_status varchar(16), to_status varchar(16), note text, data jsonb);
  CREATE INDEX IF NOT EXISTS clue_events_clue_at ON ${CLUE_EVENT_TABLE} (clue_id, at);
  CREATE INDEX IF NOT EXISTS clue_events_action_at ON ${CLUE_EVENT_TABLE} (action, at);
  CREATE INDEX IF NOT EXISTS clue_cases_closed_at ON ${CLUE_CASE_TABLE} (closed_at);`;
