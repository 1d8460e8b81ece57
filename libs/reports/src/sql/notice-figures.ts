import { FigureQuery, int } from './figure-query';
import { RecordPlace, ReportQuery, SqlContext } from './sql-context';

const placeOf = (c: SqlContext): RecordPlace => ({ unit: 'n.unit_code', region: 'n.region_code', month: c.monthOfDay('n.issued_on') });

/**
 * The brigade a notice belongs to: the brigade of the units its alerts are routed to (a
 * street team's parent), the lowest code if several (NULL without items). A notice is
 * one document to one bureau of one county, followed up by that county's brigade (its
 * lead gets the reminders), so it is counted once, for the brigade, never once per team.
 * One grouped join over the items of the range's notices (needs CTE `nt`).
 */
const NOTICE_BRIGADE = `SELECT ni.notice_id, min(CASE WHEN iu.kind = 'team' THEN coalesce(iu.parent_unit_code, iu.unit_code) ELSE a.unit_code END) AS unit_code
     FROM nt JOIN notice_items ni ON ni.notice_id = nt.id JOIN alerts a ON a.id = ni.alert_id
     LEFT JOIN inspection_units iu ON iu.unit_code = a.unit_code
    GROUP BY ni.notice_id`;

/**
 * Joint notices issued in the range (issued_on, a business date), placed by the
 * bureau's region and the brigade; of those, replied by the end of `to`, and replied by
 * their reply deadline.
 */
export function noticeFigures(q: ReportQuery): FigureQuery {
  const c = new SqlContext(q);
  const place = placeOf(c);
  const end = c.end;
  const sql = `
    WITH nt AS (
      SELECT nt.id, nt.issued_on, nt.replied_at, nt.reply_due_at, nt.bureau_code FROM notices nt
       WHERE nt.issued_on >= ${c.p(q.window.from)}::date AND nt.issued_on <= ${c.p(q.window.to)}::date
    ), n AS MATERIALIZED (
      -- materialized: the scope condition reads unit_code more than once
      SELECT nt.id, nt.issued_on, nt.replied_at, nt.reply_due_at, b.region_code, ${c.placeFree ? 'NULL::varchar' : 'br.unit_code'} AS unit_code
        FROM nt LEFT JOIN industry_bureaus b ON b.bureau_code = nt.bureau_code
        ${c.placeFree ? '' : `LEFT JOIN (${NOTICE_BRIGADE}) br ON br.notice_id = nt.id`}
    )
    SELECT ${c.key(place)} AS key, count(*)::int AS sent,
           count(*) FILTER (WHERE n.replied_at < ${end})::int AS answered,
           count(*) FILTER (WHERE n.replied_at < ${end} AND n.replied_at <= n.reply_due_at)::int AS answered_on_time
      FROM n
     WHERE ${c.where('n', place)}
     GROUP BY 1`;
  return {
    name: 'joint notices',
    sql,
    params: c.params,
    apply(row, parts) {
      parts.noticesSent += int(row.sent);
      parts.noticesAnswered += int(row.answered);
      parts.noticesAnsweredOnTime += int(row.answered_on_time);
    },
  };
}
