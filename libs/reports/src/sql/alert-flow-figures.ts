import { RESOLUTION_CODES, ResolutionCode, SEVERITIES, Severity } from '@wage/alerts';
import { FigureQuery, fen, int } from './figure-query';
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
    ? { place: 'NULL::varchar, NULL::varchar', from: 'alert_events e' }
    : { place: `a.unit_code, ${region.col}`, from: `alert_events e JOIN alerts a ON a.id = e.alert_id ${region.join}` };
  const start = c.start;
  const end = c.end;
  const sql = `
    WITH f AS (
      SELECT a.unit_code, ${region.col} AS region_code, 'raised' AS kind, a.first_seen_at AS at, a.severity,
             NULL::text AS resolution, NULL::bigint AS recovered_fen, NULL::int AS workers_paid, false AS on_time
        FROM alerts a ${region.join}
       WHERE a.first_seen_at >= ${start} AND a.first_seen_at < ${end}
      UNION ALL
      SELECT ${events.place}, e.action, e.at, NULL,
             e.data->>'resolution', (e.data->>'recoveredFen')::bigint, (e.data->>'workersPaid')::int,
             ${ON_TIME}
        FROM ${events.from}
       WHERE e.action IN ('cleared', 'resolve') AND e.at >= ${start} AND e.at < ${end}
    )
    SELECT ${c.key(place)} AS key, f.kind, f.severity, f.resolution, count(*)::int AS n,
           count(*) FILTER (WHERE f.on_time)::int AS on_time, sum(f.recovered_fen)::text AS recovered_fen,
           sum(f.workers_paid)::int AS workers_paid
      FROM f
     WHERE ${c.where('f', place)}
     GROUP BY 1, 2, 3, 4`;
  return {
    name: 'alert flows',
    sql,
    params: c.params,
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
