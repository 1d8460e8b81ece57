import { ACTIVE_ALERT_STATUSES } from '@wage/alerts';
import type { Snapshot } from '../report-window';
import { FigureQuery, int } from './figure-query';
import { DEADLINE_RESETS } from './alert-flow-figures';
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
      FROM (SELECT a.unit_code, a.overdue, a.due_at, p.region_code
              FROM alerts a LEFT JOIN projects p ON p.project_code = a.project_code
             WHERE a.status IN ${ACTIVE}) c
     CROSS JOIN ${c.snapshotSource(snaps, 's')}
     WHERE ${c.where('c', PLACE)}
     GROUP BY 1`;
  return { name: 'active alerts (live)', sql, params: c.params, apply };
}

/**
 * Active alerts at past instants, rebuilt from the append-only event log: an alert's
 * status at t is the to_status of its last status-bearing event before t; it was past a
 * deadline when an escalation happened after the last deadline reset (raise, reopening,
 * acknowledgement) before t. Only alerts that can have been active at one of the
 * instants are read: raised before the last one, and active now or changed since the
 * first one (an alert inactive and untouched since then was inactive at every instant).
 */
export function pastAlertStock(q: ReportQuery, snaps: Snapshot[]): FigureQuery {
  const c = new SqlContext(q);
  const tMax = c.p(new Date(Math.max(...snaps.map((s) => s.at.getTime()))));
  const tMin = c.p(new Date(Math.min(...snaps.map((s) => s.at.getTime()))));
  const snapshotSource = c.snapshotSource(snaps, 's');
  const sql = `
    WITH c AS (
      SELECT c.* FROM (
        SELECT a.id, a.unit_code, p.region_code
          FROM alerts a LEFT JOIN projects p ON p.project_code = a.project_code
         WHERE a.first_seen_at < ${tMax} AND (a.status IN ${ACTIVE} OR a.updated_at >= ${tMin})) c
       WHERE ${c.where('c', PLACE)}
    ), ev AS (
      SELECT e.alert_id, e.at, e.to_status,
             lead(e.at) OVER w AS next_at,
             max(e.at) FILTER (WHERE e.action = 'escalated') OVER upto AS last_escalation,
             max(e.at) FILTER (WHERE e.action IN ${DEADLINE_RESETS}) OVER upto AS last_reset
        FROM alert_events e JOIN c ON c.id = e.alert_id
       WHERE e.to_status IS NOT NULL AND e.at < ${tMax}
      WINDOW w AS (PARTITION BY e.alert_id ORDER BY e.at, e.id),
             upto AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    )
    SELECT ${c.key(PLACE)} AS key, count(*)::int AS open,
           count(*) FILTER (WHERE ev.last_escalation > coalesce(ev.last_reset, '-infinity'))::int AS overdue
      FROM ev JOIN c ON c.id = ev.alert_id
      JOIN ${snapshotSource} ON ev.at < s.t AND (ev.next_at IS NULL OR ev.next_at >= s.t)
     WHERE ev.to_status IN ${ACTIVE}
     GROUP BY 1`;
  return { name: 'active alerts (history)', sql, params: c.params, apply };
}
