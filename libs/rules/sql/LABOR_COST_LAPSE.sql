-- LABOR_COST_LAPSE v2: period rule, joint. 人工费用未按月拨付 / Labour cost not allocated this month
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: none.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
), code_bounds AS (SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c)
SELECT p.project_code, coalesce(p.started_on, p.contract_signed_on) AS started_on, p.started_on IS NULL AS start_from_contract,
       EXISTS (SELECT 1 FROM labor_cost_allocations l WHERE l.project_code = p.project_code
                  AND l.paid_on >= ($5::date - interval '1 month')::date AND l.paid_on < $5::date) AS allocated_previous_period,
       last.paid_on AS last_allocation_on, last.amount_fen AS last_allocation_fen
  FROM projects p JOIN scope s USING (project_code)
  LEFT JOIN LATERAL (SELECT l.paid_on, l.amount_fen FROM labor_cost_allocations l
                      WHERE l.project_code = p.project_code AND l.paid_on <= $4::date
                      ORDER BY l.paid_on DESC, l.id DESC LIMIT 1) last ON true
 WHERE p.project_code BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds)
   AND coalesce(p.started_on, p.contract_signed_on) < $5::date
   AND NOT EXISTS (SELECT 1 FROM labor_cost_allocations l WHERE l.project_code = p.project_code
                      AND l.paid_on BETWEEN $5::date AND (($5::date + interval '1 month')::date - 1));
