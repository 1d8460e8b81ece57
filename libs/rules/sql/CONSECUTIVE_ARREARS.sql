-- CONSECUTIVE_ARREARS v1: period rule, joint. 连续两月欠薪 / Arrears two months in a row
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: payRatioThreshold.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
now_p AS MATERIALIZED (
  SELECT s.project_code, (s.t ->> 'payRatioThreshold')::numeric AS ratio, coalesce(pp.payable_fen, 0) AS payable_fen,
         coalesce(pp.paid_fen, 0) AS paid_fen, coalesce(pp.payroll_rows, 0) AS payroll_rows, coalesce(pp.attending_workers, 0) AS attending
    FROM scope s LEFT JOIN pg_temp.rule_period_projects pp USING (project_code)
   WHERE (pp.payroll_rows > 0 AND pp.payable_fen > 0 AND pp.paid_fen < (s.t ->> 'payRatioThreshold')::numeric * pp.payable_fen)
      OR (coalesce(pp.payroll_rows, 0) = 0 AND pp.attending_workers > 0)),
pay_prev AS (
  SELECT pr.project_code, sum(pr.payable_fen)::bigint AS payable_fen, sum(CASE WHEN pr.paid_on <= $4 THEN pr.paid_fen ELSE 0 END)::bigint AS paid_fen, count(*)::int AS payroll_rows
    FROM payroll pr
   WHERE pr.period = ($5::date - interval '1 month')::date AND pr.project_code = ANY (ARRAY(SELECT project_code FROM now_p))
   GROUP BY pr.project_code),
att_prev AS (
  SELECT a.project_code, count(*)::int AS attending
    FROM attendance a
   WHERE a.period = ($5::date - interval '1 month')::date AND a.project_code = ANY (ARRAY(SELECT project_code FROM now_p)) AND a.days_worked > 0
   GROUP BY a.project_code),
prev_p AS (
  SELECT n.project_code, coalesce(pay.payable_fen, 0) AS payable_fen, coalesce(pay.paid_fen, 0) AS paid_fen,
         coalesce(pay.payroll_rows, 0) AS payroll_rows, coalesce(att.attending, 0) AS attending
    FROM now_p n LEFT JOIN pay_prev pay USING (project_code) LEFT JOIN att_prev att USING (project_code)
   WHERE (pay.payable_fen > 0 AND pay.paid_fen < n.ratio * pay.payable_fen)
      OR (pay.project_code IS NULL AND att.attending > 0))
SELECT n.project_code, jsonb_build_array(
         jsonb_build_object('period', ($5::date - interval '1 month')::date, 'payableFen', v.payable_fen, 'paidFen', v.paid_fen,
                            'payrollRows', v.payroll_rows, 'attendingWorkers', v.attending),
         jsonb_build_object('period', $5::date, 'payableFen', n.payable_fen, 'paidFen', n.paid_fen,
                            'payrollRows', n.payroll_rows, 'attendingWorkers', n.attending)) AS periods
  FROM now_p n JOIN prev_p v USING (project_code);
