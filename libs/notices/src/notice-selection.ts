import { EntityManager } from 'typeorm';
import { ACTIVE_ALERT_STATUSES } from '@wage/alerts';
import { addCalendarDays, businessDateSql } from '@wage/calendar';

/** Red alerts open longer than this many working days go to the bureau even when their rule is not joint. */
export const RED_OPEN_WORKING_DAYS = 5;

export interface NoticeCandidate {
  bureauCode: string;
  alertId: number;
  projectCode: string;
  rule: string;
  severity: string;
  evidence: Record<string, unknown>;
}

/**
 * Alerts that belong on a notice to an industry bureau today, in one statement:
 *  - active alerts of a joint rule, or red alerts first seen on or before `redCutoff`
 *    (the last business date from which more than 5 working days have passed);
 *  - the bureau is in the project's region and lists its industry; `municipal` projects
 *    go to a bureau listing `housing` when no bureau of the region lists `municipal`;
 *  - never while the alert is on an unanswered notice to the same bureau;
 *  - bureaus that already got today's notice are skipped (one notice per bureau per day).
 */
export async function selectNoticeCandidates(
  manager: EntityManager,
  issuedOn: string,
  redCutoff: string,
): Promise<NoticeCandidate[]> {
  const rows: Array<NoticeCandidate & { alertId: string }> = await manager.query(
    `
    WITH cand AS (
      SELECT a.id, a.project_code, a.rule, a.severity, a.evidence, p.region_code, p.industry
      FROM alerts a
      JOIN projects p ON p.project_code = a.project_code
      WHERE a.status = ANY($1)
        AND (a.joint OR (a.severity = 'red' AND ${businessDateSql('a.first_seen_at')} <= $2::date))
    )
    SELECT b.bureau_code AS "bureauCode", c.id AS "alertId", c.project_code AS "projectCode",
           c.rule, c.severity, c.evidence
    FROM cand c
    JOIN industry_bureaus b
      ON b.region_code = c.region_code
     AND (c.industry = ANY(b.industries)
          OR (c.industry = 'municipal' AND 'housing' = ANY(b.industries)
              AND NOT EXISTS (SELECT 1 FROM industry_bureaus m
                              WHERE m.region_code = c.region_code AND 'municipal' = ANY(m.industries))))
    WHERE NOT EXISTS (SELECT 1 FROM notice_items ni JOIN notices n ON n.id = ni.notice_id
                      WHERE ni.alert_id = c.id AND n.bureau_code = b.bureau_code AND n.replied_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM notices t WHERE t.bureau_code = b.bureau_code AND t.issued_on = $3::date)
    ORDER BY b.bureau_code, c.project_code, c.severity, c.id
    `,
    [ACTIVE_ALERT_STATUSES, redCutoff, issuedOn],
  );
  return rows.map((r) => ({ ...r, alertId: Number(r.alertId) }));
}

/**
 * The latest business date D such that more than `days` working days lie in
 * (D, asOf]: an alert first seen on or before D has been open for more than `days`.
 */
export function redCutoffDate(asOf: string, days: number, isWorkingDay: (d: string) => boolean): string {
  let d = asOf;
  let counted = 0;
  // Walk back until days+1 working days are behind us; guard against an all-holiday calendar.
  for (let guard = 0; counted <= days && guard < 400; guard++) {
    if (isWorkingDay(d)) counted++;
    d = addCalendarDays(d, -1);
  }
  return d;
}
