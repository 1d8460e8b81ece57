-- ACCOUNT_NOT_FILED v1: state rule, joint. 专用账户未备案 / Wage account not filed
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: accountFilingGraceDays.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
), code_bounds AS (SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c)
SELECT a.project_code, count(*)::int AS unfiled_accounts,
       coalesce(to_jsonb((array_agg(jsonb_build_object('bankName', a.bank_name, 'accountMasked', a.account_number_masked, 'openedOn', a.opened_on,
                             'filingDueOn', a.opened_on + (s.t ->> 'accountFilingGraceDays')::int) ORDER BY a.opened_on, a.id))[1:20]), '[]'::jsonb) AS accounts
  FROM wage_accounts a JOIN scope s USING (project_code)
 WHERE a.project_code BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds)
   AND a.opened_on <= $4::date - (s.t ->> 'accountFilingGraceDays')::int
   AND (a.filed_on IS NULL OR a.filed_on > $4::date)
 GROUP BY a.project_code;
