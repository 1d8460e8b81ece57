-- COMPLAINT_CLUSTER v1: state rule. 欠薪线索集中 / Cluster of arrears complaints
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: complaintWindowDays, complaintClueCount, complaintWorkerCount.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
)
SELECT c.project_code, count(*)::int AS clue_count, sum(c.workers_involved)::int AS workers_involved,
       sum(c.amount_claimed_fen)::bigint AS amount_claimed_fen,
       min(c.received_on) AS first_received_on, max(c.received_on) AS last_received_on,
       array_agg(c.clue_id ORDER BY c.received_on DESC, c.clue_id) AS clue_ids,
       max($4::date - (s.t ->> 'complaintWindowDays')::int) AS window_after,
       coalesce(to_jsonb((array_agg(jsonb_build_object('clueId', c.clue_id, 'receivedOn', c.received_on, 'source', c.source,
                             'workersInvolved', c.workers_involved, 'amountClaimedFen', c.amount_claimed_fen) ORDER BY c.received_on DESC, c.clue_id))[1:20]), '[]'::jsonb) AS clues
  FROM clues c JOIN scope s USING (project_code)
 WHERE c.received_on > $4::date - (s.t ->> 'complaintWindowDays')::int AND c.received_on <= $4::date
 GROUP BY c.project_code;
