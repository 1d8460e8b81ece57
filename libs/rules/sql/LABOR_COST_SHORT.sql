-- LABOR_COST_SHORT v1: state rule, joint. 人工费用拨付不足 / Labour-cost allocations below payable wages
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: none.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
pay AS (
  SELECT h.project_code, sum(h.payable_fen)::bigint AS payable_fen, min(h.period) AS first_period
    FROM pg_temp.rule_payroll_history h
   WHERE h.project_code = ANY($1::text[]) AND h.period <= $5::date
   GROUP BY h.project_code),
alloc AS (
  SELECT l.project_code, sum(l.amount_fen)::bigint AS allocated_fen, count(*)::int AS allocations
    FROM labor_cost_allocations l
   WHERE l.project_code = ANY($1::text[]) AND l.paid_on <= $4::date
   GROUP BY l.project_code)
SELECT pay.project_code, pay.payable_fen, pay.first_period, coalesce(alloc.allocated_fen, 0)::bigint AS allocated_fen,
       coalesce(alloc.allocations, 0)::int AS allocations, $5::date AS last_period
  FROM pay LEFT JOIN alloc USING (project_code)
 WHERE coalesce(alloc.allocated_fen, 0) < pay.payable_fen;
