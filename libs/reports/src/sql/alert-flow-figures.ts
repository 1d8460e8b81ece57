import { RESOLUTION_CODES, ResolutionCode, SEVERITIES, Severity } from '@wage/alerts';
import { FigureQuery, HASH_NOT_SORT, fen, int } from './figure-query';
import { RecordPlace, ReportQuery, SqlContext } from './sql-context';

const placeOf = (c: SqlContext): RecordPlace => ({ unit: 'f.unit_code', region: 'f.region_code', month: c.monthOfInstant('f.at') });

/** Deadline-resetting events: a new acknowledge or resolve deadline starts with them. */
export const DEADLINE_RESETS = `('raised', 'reopened', 'reopen', 'acknowledge')`;

/**
 * Was a resolve event `e` on time? The workflow records on the event the deadline in
 * force (`dueAt`) and whether the alert was already overdue. Events written before it
 * did are judged by the escalation log instead: late when an escalation (a deadline
 * passing) happened after the last deadline reset and before the resolution.
 */
const ON_TIME = `CASE WHEN e.action <> 'resolve' THEN false
  WHEN e.data ? 'overdue' OR e.data ? 'dueAt'
    THEN NOT coalesce((e.data->>'overdue')::boolean, false)
         AND (e.data->>'dueAt' IS NULL OR e.at <= (e.data->>'dueAt')::timestamptz)
    ELSE NOT EXISTS (
      SELECT 1 FROM alert_events x
       WHERE x.alert_id = e.alert_id AND x.action = 'escalated' AND x.at <= e.at
         AND x.at > coalesce((SELECT max(r.at) FROM alert_events r
                               WHERE r.alert_id = e.alert_id AND r.action IN ${DEADLINE_RESETS} AND r.at <= e.at), '-infinity'))
  END`;

/**
 * Alert flows in the range, one statement:
 *  - raised: alerts whose first_seen_at is in the range (first raised; reopenings are not new alerts), by current severity;
 *  - cleared: 'cleared' events (a scan found the condition gone; each clearing counts, 条次);
 *  - resolved: 'resolve' events by a person, with the resolution code, the recovered
 *    amount and workers paid recorded on that event (append-only, so a later reopening
 *    never rewrites a published figure), and whether it met its deadline.
 * Each alert is placed by its current unit and its project's region.
 */
export function alertFlowFigures(q: ReportQuery): FigureQuery {
  const c = new SqlContext(q);
  const place = placeOf(c);
  // Events are placed by their alert (current unit, project's region) only when a figure needs it.
  const region = c.needsRegion ? { col: 'p.region_code', join: 'LEFT JOIN projects p ON p.project_code = a.project_code' } : { col: 'NULL::varchar', join: '' };
  const events = c.placeFree
    ? { unit: 'NULL::varchar', region: 'NULL::varchar', from: 'alert_events e' }
    : { unit: 'a.unit_code', region: region.col, from: `alert_events e JOIN alerts a ON a.id = e.alert_id ${region.join}` };
  const start = c.start;
  const end = c.end;
  // Each branch is aggregated on its own (raised by severity; events by action and
  // resolution), so neither carries the other's columns through one wide aggregation.
  const sql = `
    WITH r AS (
      SELECT a.unit_code, ${region.col} AS region_code, a.first_seen_at AS at, a.severity
        FROM alerts a ${region.join}
       WHERE a.first_seen_at >= ${start} AND a.first_seen_at < ${end}
    ), ev AS (
      SELECT ${events.unit} AS unit_code, ${events.region} AS region_code, e.action AS kind, e.at,
             e.data->>'resolution' AS resolution, (e.data->>'recoveredFen')::bigint AS recovered_fen,
             (e.data->>'workersPaid')::int AS workers_paid, ${ON_TIME} AS on_time
        FROM ${events.from}
       WHERE e.action IN ('cleared', 'resolve') AND e.at >= ${start} AND e.at < ${end}
    )
    SELECT ${c.key(place)} AS key, 'raised' AS kind, f.severity, NULL::text AS resolution, count(*)::int AS n,
           0 AS on_time, NULL::text AS recovered_fen, NULL::int AS workers_paid
      FROM r f
     WHERE ${c.where('f', place)}
     GROUP BY 1, 3
    UNION ALL
    SELECT ${c.key(place)}, f.kind, NULL, f.resolution, count(*)::int,
           count(*) FILTER (WHERE f.on_time)::int, sum(f.recovered_fen)::text, sum(f.workers_paid)::int
      FROM ev f
     WHERE ${c.where('f', place)}
     GROUP BY 1, 2, 4`;
  return {
    name: 'alert flows',
    sql,
    params: c.params,
    // The on-time check is a correlated subquery (for events written before dueAt was recorded).
    planner: HASH_NOT_SORT,
    apply(row, parts) {
      const n = int(row.n);
      if (row.kind === 'raised') {
        if (SEVERITIES.includes(row.severity as Severity)) parts.raised[row.severity as Severity] += n;
      } else if (row.kind === 'cleared') {
        parts.cleared += n;
      } else {
        parts.resolved += n;
        parts.resolvedOnTime += int(row.on_time);
        const code = (RESOLUTION_CODES.includes(row.resolution as ResolutionCode) ? row.resolution : 'other') as ResolutionCode;
        parts.byResolution[code] += n;
        parts.recoveredFen += fen(row.recovered_fen);
        parts.workersPaid += int(row.workers_paid);
      }
    },
  };
}
