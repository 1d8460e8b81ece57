-- WATCHLISTED_PARTY v1: state rule, joint. 涉及失信或不良记录主体 / A watch-listed party works on the project
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: blacklistDefaultYears.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
), code_bounds AS (SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c),
enrolled AS (
  SELECT w.project_code, w.employer_uscc, w.team_leader_id_hash
    FROM pg_temp.rule_workers w
   WHERE w.project_code = ANY($1::text[]) AND w.entered_on <= $4::date AND (w.exited_on IS NULL OR w.exited_on >= $4::date)),
parties AS (
  SELECT p.project_code, 'enterprise'::text AS subject_type, p.general_contractor_uscc::text AS subject_key,
         'general_contractor'::text AS role, 0 AS workers
    FROM projects p JOIN scope s USING (project_code) WHERE p.project_code BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds)
  UNION ALL
  SELECT project_code, 'enterprise', employer_uscc::text, 'employer', count(*)::int
    FROM enrolled GROUP BY project_code, employer_uscc
  UNION ALL
  SELECT project_code, 'person', encode(team_leader_id_hash, 'hex'), 'team_leader', count(*)::int
    FROM enrolled WHERE team_leader_id_hash IS NOT NULL GROUP BY project_code, team_leader_id_hash)
SELECT pa.project_code, count(*)::int AS matches,
       coalesce(to_jsonb((array_agg(jsonb_build_object('role', pa.role, 'list', e.list, 'subjectType', e.subject_type, 'subject', e.subject_display,
                             'name', en.name, 'listedOn', e.listed_on, 'expiresOn', e.expires_on,
                             'activeUntil', CASE WHEN e.expires_on IS NOT NULL THEN e.expires_on
                                                 WHEN e.list = 'arrears_blacklist'
                                                 THEN (e.listed_on + make_interval(years => (s.t ->> 'blacklistDefaultYears')::int))::date - 1
                                            END,
                             'reason', e.reason, 'enrolledWorkers', pa.workers) ORDER BY pa.role, e.subject_key, e.list))[1:20]), '[]'::jsonb) AS parties
  FROM parties pa JOIN scope s USING (project_code)
  JOIN watchlist_entries e ON e.subject_type = pa.subject_type AND e.subject_key = pa.subject_key
  LEFT JOIN enterprises en ON e.subject_type = 'enterprise' AND en.uscc = e.subject_key
 WHERE e.listed_on <= $4::date
   AND CASE WHEN e.expires_on IS NOT NULL THEN $4::date <= e.expires_on
            WHEN e.list = 'arrears_blacklist' THEN $4::date < e.listed_on + make_interval(years => (s.t ->> 'blacklistDefaultYears')::int)
            ELSE true END
 GROUP BY pa.project_code;
