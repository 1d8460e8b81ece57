import { CODE_BOUNDS_CTE, IN_CODE_BOUNDS } from '../engine/code-bounds';
import { defineRule } from './define-rule';
import { num, SCOPE_CTE, thInt } from './rule-sql';
import { FIRST_20, SCOPE_WORKERS } from './sql-fragments';

/** NOTICE_BOARD_MISSING (state): the project has not posted the rights notice board. */
export const NOTICE_BOARD_MISSING = defineRule({
  code: 'NOTICE_BOARD_MISSING',
  kind: 'state',
  joint: false,
  version: 1,
  titleZh: '未设置维权信息告示牌',
  titleEn: 'No rights notice board',
  thresholdKeys: [],
  sql: `WITH ${SCOPE_CTE}, ${CODE_BOUNDS_CTE}
SELECT p.project_code FROM projects p JOIN scope s USING (project_code)
 WHERE ${IN_CODE_BOUNDS('p.project_code')} AND NOT p.notice_board_posted`,
  decide() {
    return { severity: 'yellow', shortfallFen: 0, figures: { noticeBoardPosted: false } };
  },
});

/** Red at ≥ complaintClueCount clues or ≥ complaintWorkerCount workers; any clue in the window is at least yellow. */
export function complaintSeverity(clues: number, workers: number, clueCount: number, workerCount: number): 'red' | 'yellow' {
  return clues >= clueCount || workers >= workerCount ? 'red' : 'yellow';
}

/** COMPLAINT_CLUSTER (state): clues naming the project received in (D − complaintWindowDays, D]. */
export const COMPLAINT_CLUSTER = defineRule({
  code: 'COMPLAINT_CLUSTER',
  kind: 'state',
  joint: false,
  version: 1,
  titleZh: '欠薪线索集中',
  titleEn: 'Cluster of arrears complaints',
  thresholdKeys: ['complaintWindowDays', 'complaintClueCount', 'complaintWorkerCount'],
  sql: `WITH ${SCOPE_CTE}
SELECT c.project_code, count(*)::int AS clue_count, sum(c.workers_involved)::int AS workers_involved,
       sum(c.amount_claimed_fen)::bigint AS amount_claimed_fen,
       min(c.received_on) AS first_received_on, max(c.received_on) AS last_received_on,
       array_agg(c.clue_id ORDER BY c.received_on DESC, c.clue_id) AS clue_ids,
       max($4::date - ${thInt('complaintWindowDays')}) AS window_after,
       ${FIRST_20(
         `jsonb_build_object('clueId', c.clue_id, 'receivedOn', c.received_on, 'source', c.source,
                             'workersInvolved', c.workers_involved, 'amountClaimedFen', c.amount_claimed_fen)`,
         'c.received_on DESC, c.clue_id',
       )} AS clues
  FROM clues c JOIN scope s USING (project_code)
 WHERE c.received_on > $4::date - ${thInt('complaintWindowDays')} AND c.received_on <= $4::date
 GROUP BY c.project_code`,
  decide(row, t) {
    const clues = num(row.clue_count);
    const workers = num(row.workers_involved);
    return {
      severity: complaintSeverity(clues, workers, t.complaintClueCount, t.complaintWorkerCount),
      shortfallFen: 0,
      figures: {
        clueCount: clues,
        workersInvolved: workers,
        amountClaimedFen: row.amount_claimed_fen ?? null,
        windowAfter: row.window_after,
        windowThrough: row.last_received_on,
        clues: row.clues,
        // Every clue of the window (the list above stops at 20): each is a case (libs/clues).
        clueIds: row.clue_ids,
      },
    };
  },
});

/**
 * WATCHLISTED_PARTY (state): the general contractor, an employer of a worker enrolled on
 * D, or the team leader of such a worker is on a watchlist entry active on D. Active:
 * listed_on ≤ D and D ≤ expires_on; without expires_on an arrears_blacklist entry lasts
 * blacklistDefaultYears from listed_on (D < listed_on + N years) and a bad_team entry
 * stays until it is removed (district notices name no end date).
 */
export const WATCHLISTED_PARTY = defineRule({
  code: 'WATCHLISTED_PARTY',
  kind: 'state',
  joint: true,
  version: 1,
  titleZh: '涉及失信或不良记录主体',
  titleEn: 'A watch-listed party works on the project',
  thresholdKeys: ['blacklistDefaultYears'],
  sql: `WITH ${SCOPE_CTE}, ${CODE_BOUNDS_CTE},
enrolled AS (
  SELECT w.project_code, w.employer_uscc, w.team_leader_id_hash
    FROM ${SCOPE_WORKERS} w
   WHERE w.project_code = ANY($1::text[]) AND w.entered_on <= $4::date AND (w.exited_on IS NULL OR w.exited_on >= $4::date)),
parties AS (
  SELECT p.project_code, 'enterprise'::text AS subject_type, p.general_contractor_uscc::text AS subject_key,
         'general_contractor'::text AS role, 0 AS workers
    FROM projects p JOIN scope s USING (project_code) WHERE ${IN_CODE_BOUNDS('p.project_code')}
  UNION ALL
  SELECT project_code, 'enterprise', employer_uscc::text, 'employer', count(*)::int
    FROM enrolled GROUP BY project_code, employer_uscc
  UNION ALL
  SELECT project_code, 'person', encode(team_leader_id_hash, 'hex'), 'team_leader', count(*)::int
    FROM enrolled WHERE team_leader_id_hash IS NOT NULL GROUP BY project_code, team_leader_id_hash)
SELECT pa.project_code, count(*)::int AS matches,
       ${FIRST_20(
         `jsonb_build_object('role', pa.role, 'list', e.list, 'subjectType', e.subject_type, 'subject', e.subject_display,
                             'name', en.name, 'listedOn', e.listed_on, 'expiresOn', e.expires_on,
                             'activeUntil', CASE WHEN e.expires_on IS NOT NULL THEN e.expires_on
                                                 WHEN e.list = 'arrears_blacklist'
                                                 THEN (e.listed_on + make_interval(years => ${thInt('blacklistDefaultYears')}))::date - 1
                                            END,
                             'reason', e.reason, 'enrolledWorkers', pa.workers)`,
         'pa.role, e.subject_key, e.list',
       )} AS parties
  FROM parties pa JOIN scope s USING (project_code)
  JOIN watchlist_entries e ON e.subject_type = pa.subject_type AND e.subject_key = pa.subject_key
  LEFT JOIN enterprises en ON e.subject_type = 'enterprise' AND en.uscc = e.subject_key
 WHERE e.listed_on <= $4::date
   AND CASE WHEN e.expires_on IS NOT NULL THEN $4::date <= e.expires_on
            WHEN e.list = 'arrears_blacklist' THEN $4::date < e.listed_on + make_interval(years => ${thInt('blacklistDefaultYears')})
            ELSE true END
 GROUP BY pa.project_code`,
  decide(row) {
    return { severity: 'orange', shortfallFen: 0, figures: { matches: num(row.matches), parties: row.parties } };
  },
});

/** The rules of this file, in catalogue order (all-rules.ts gathers them). */
export const SIGNAL_RULES = [NOTICE_BOARD_MISSING, COMPLAINT_CLUSTER, WATCHLISTED_PARTY] as const;
