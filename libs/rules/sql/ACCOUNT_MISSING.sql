-- ACCOUNT_MISSING v1: state rule, joint. 未开设农民工工资专用账户 / No dedicated wage account
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: accountMinContractYuan, accountMinDurationDays, accountGraceDays.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
), code_bounds AS (SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c)
SELECT p.project_code, p.contract_amount_fen, p.contract_signed_on, p.started_on, p.planned_end_on,
       p.planned_end_on - coalesce(p.started_on, p.contract_signed_on) AS planned_days,
       p.contract_signed_on + (s.t ->> 'accountGraceDays')::int AS due_on
  FROM projects p JOIN scope s USING (project_code)
 WHERE p.project_code BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds)
   AND p.contract_amount_fen >= (s.t ->> 'accountMinContractYuan')::numeric * 100
   AND (p.planned_end_on IS NULL
        OR p.planned_end_on - coalesce(p.started_on, p.contract_signed_on) >= (s.t ->> 'accountMinDurationDays')::int)
   AND p.contract_signed_on <= $4::date - (s.t ->> 'accountGraceDays')::int
   AND NOT EXISTS (SELECT 1 FROM wage_accounts a WHERE a.project_code = p.project_code AND a.opened_on <= $4::date);
