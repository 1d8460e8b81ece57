import { ACTIVE_ALERT_STATUSES } from '@wage/alerts';
import type { Snapshot } from '../report-window';
import { FigureQuery, HASH_NOT_SORT, int } from './figure-query';
import { DEADLINE_RESETS } from './alert-flow-figures';
import { startOfShanghaiDay } from '@wage/calendar';
import { RecordPlace, ReportQuery, SqlContext } from './sql-context';

const ACTIVE = `(${ACTIVE_ALERT_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const PLACE: RecordPlace = { unit: 'c.unit_code', region: 'c.region_code', month: 's.month' };

const apply: FigureQuery['apply'] = (row, parts) => {
  parts.openAtEnd += int(row.open);
  parts.overdueAtEnd += int(row.overdue);
};

/**
 * Active alerts at a snapshot that has not passed yet: the alerts as they are now.
 * Past a deadline = marked overdue by an escalation, or its deadline passed and the
 * escalation timer has not fired yet.
 */
export function liveAlertStock(q: ReportQuery, snaps: Snapshot[]): FigureQuery {
  const c = new SqlContext(q);
  const sql = `
    SELECT ${c.key(PLACE)} AS key, count(*)::int AS open,
           count(*) FILTER (WHERE c.overdue OR c.due_at < now())::int AS overdue
      FROM (SELECT a.unit_code, a.overdue, a.due_at, ${c.needsRegion ? 'p.region_code' : 'NULL::varchar AS region_code'}
              FROM alerts a ${c.needsRegion ? 'LEFT JOIN projects p ON p.project_code = a.project_code' : ''}
             WHERE a.status IN ${ACTIVE}) c
     CROSS JOIN ${c.snapshotSource(snaps, 's')}
     WHERE ${c.where('c', PLACE)}
     GROUP BY 1`;
  return { name: 'active alerts (live)', sql, params: c.params, apply };
}

/**
 * Alerts that can have been active at one of the instants: raised before the last one,
 * and active now or changed since the first one (an alert inactive and untouched since
 * then was inactive at every instant, so it contributes nothing). `settled`: untouched
 * since the first instant (every writer of alerts bumps updated_at with the events it
 * appends), so active now means active at every instant: its row answers, its events
 * need not be read.
 */
function candidates(c: SqlContext, tMin: string, tMax: string, among?: string): string {
  const region = c.needsRegion ? { col: 'p.region_code', join: 'LEFT JOIN projects p ON p.project_code = a.project_code' } : { col: 'NULL::varchar', join: '' };
  // `among`: a few ids (a subquery of alert_id) to look up one by one through the primary
  // key (OFFSET 0 keeps the lookup per id) instead of scanning every alert.
  const alerts = among
    ? `(SELECT DISTINCT x.alert_id FROM (${among}) x) x CROSS JOIN LATERAL (SELECT a.* FROM alerts a WHERE a.id = x.alert_id OFFSET 0) a`
    : 'alerts a';
  return `SELECT c.* FROM (
        SELECT a.id, a.unit_code, ${region.col} AS region_code, a.updated_at < ${tMin} AS settled
          FROM ${alerts} ${region.join}
         WHERE a.first_seen_at < ${tMax} AND (a.status IN ${ACTIVE} OR a.updated_at >= ${tMin})) c
       WHERE ${c.where('c', PLACE)}`;
}

const bounds = (c: SqlContext, snaps: Snapshot[]): { tMin: string; tMax: string } => ({
  tMax: c.p(new Date(Math.max(...snaps.map((s) => s.at.getTime())))),
  tMin: c.p(new Date(Math.min(...snaps.map((s) => s.at.getTime())))),
});

/**
 * Active alerts at past instants, from the append-only event log without replaying it:
 * every status-changing event moves its alert into (+1) or out of (−1) the active
 * statuses, and each event's from_status is the previous one's to_status, so the sum of
 * an alert's moves before t is 1 exactly when it was active at t. The moves are summed
 * per month of the event and then accumulated up to each month end (one aggregation,
 * no per-alert sort).
 */
export function pastAlertOpen(q: ReportQuery, snaps: Snapshot[]): FigureQuery {
  const c = new SqlContext(q);
  const { tMin, tMax } = bounds(c, snaps);
  const byMonth = q.groupBy === 'month';
  // One instant: only alerts touched since it are read from the log, through their
  // (alert_id, at) index (OFFSET 0 keeps the subquery per alert). By month, most alerts
  // moved since the first month end, and hashing the log once is cheaper.
  // Month of an event as an index into the snapshots (binary search on the month starts;
  // earlier events fall in the first month), instead of formatting every event's date.
  const bucket = byMonth ? `width_bucket(e.at, ${c.p(q.window.months.slice(1).map((m) => startOfShanghaiDay(m.firstDay)))}::timestamptz[])` : '0';
  const inner = byMonth ? `''` : c.key(PLACE);
  const monthOfBucket = byMonth ? `(${c.p(q.window.months.map((m) => m.month))}::text[])[m.bucket + 1]` : '';
  const statusMoves = `e.at < ${tMax} AND e.to_status IS NOT NULL AND e.from_status IS DISTINCT FROM e.to_status`;
  const delta = `(e.to_status IN ${ACTIVE})::int - coalesce(e.from_status IN ${ACTIVE}, false)::int`;
  // Admins' monthly trend: no alert row is needed to place a move, and the moves of alerts
  // that are not candidates sum to 0 at every month end, so the whole log is summed unjoined
  // (the candidates CTE is then not read).
  const moves = byMonth && c.placeFree
    ? `SELECT '' AS k, ${bucket} AS bucket, sum(${delta}) AS delta FROM alert_events e WHERE ${statusMoves} GROUP BY 1, 2`
    : `SELECT ${inner} AS k, ${bucket} AS bucket, sum(${delta}) AS delta
         FROM c CROSS JOIN LATERAL (
           SELECT e.* FROM alert_events e WHERE e.alert_id = c.id AND ${statusMoves} ${byMonth ? '' : 'OFFSET 0'}) e
        WHERE NOT c.settled
        GROUP BY 1, 2
       UNION ALL
       SELECT ${inner}, 0, count(*) FROM c WHERE c.settled GROUP BY 1`;
  const sql = `
    WITH c AS MATERIALIZED (${candidates(c, tMin, tMax)}),
    moves AS (${moves})
    SELECT ${byMonth ? 's.month' : 'm.k'} AS key, sum(m.delta)::int AS open, 0 AS overdue
      FROM moves m JOIN ${c.snapshotSource(snaps, 's')} ON ${byMonth ? `${monthOfBucket} <= s.month` : 'true'}
     GROUP BY 1`;
  return { name: 'active alerts (history)', sql, params: c.params, planner: HASH_NOT_SORT, apply };
}

/**
 * Of those, past a deadline at each instant: escalated after the last deadline reset
 * (raise, reopening, acknowledgement) and still active. Only alerts with an escalation
 * can be, so only they are read (found from the escalation events, a few per cent of
 * the alerts) and only their events are replayed (a window over each one's history).
 */
export function pastAlertOverdue(q: ReportQuery, snaps: Snapshot[]): FigureQuery {
  const c = new SqlContext(q);
  const { tMin, tMax } = bounds(c, snaps);
  const sql = `
    WITH c AS MATERIALIZED (
      ${candidates(c, tMin, tMax, `SELECT x.alert_id FROM alert_events x WHERE x.action = 'escalated' AND x.at < ${tMax}`)}
    ), ev AS (
      SELECT e.alert_id, e.at, e.to_status,
             lead(e.at) OVER w AS next_at,
             max(e.at) FILTER (WHERE e.action = 'escalated') OVER upto AS last_escalation,
             max(e.at) FILTER (WHERE e.action IN ${DEADLINE_RESETS}) OVER upto AS last_reset
        FROM c CROSS JOIN LATERAL (
          -- OFFSET 0: read each candidate's own history through its (alert_id, at) index
          -- rather than hashing the whole event log for a few thousand alerts.
          SELECT e.* FROM alert_events e
           WHERE e.alert_id = c.id AND e.to_status IS NOT NULL AND e.at < ${tMax}
             AND (e.action = 'escalated' OR e.from_status IS DISTINCT FROM e.to_status)
          OFFSET 0) e
      WINDOW w AS (PARTITION BY e.alert_id ORDER BY e.at, e.id),
             upto AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    )
    SELECT ${c.key(PLACE)} AS key, 0 AS open, count(*)::int AS overdue
      FROM ev JOIN c ON c.id = ev.alert_id
      JOIN ${c.snapshotSource(snaps, 's')} ON ev.at < s.t AND (ev.next_at IS NULL OR ev.next_at >= s.t)
     WHERE ev.to_status IN ${ACTIVE} AND ev.last_escalation > coalesce(ev.last_reset, '-infinity')
     GROUP BY 1`;
  return { name: 'overdue alerts (history)', sql, params: c.params, planner: HASH_NOT_SORT, apply };
}
