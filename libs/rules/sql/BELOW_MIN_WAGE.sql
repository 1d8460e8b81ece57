-- BELOW_MIN_WAGE v2: period rule. 工资低于最低工资标准 / Pay below the minimum wage
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: minimumMonthlyWageYuan, minWageDaysWorked, belowMinWageRedShare.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
lim AS MATERIALIZED (
  SELECT s.project_code, (s.t ->> 'minimumMonthlyWageYuan')::numeric * 100 AS min_fen, (s.t ->> 'minWageDaysWorked')::int AS min_days
    FROM scope s WHERE s.t ->> 'minimumMonthlyWageYuan' IS NOT NULL),
below_projects AS MATERIALIZED (
  SELECT DISTINCT a.project_code
    FROM pg_temp.rule_period_workers a JOIN lim USING (project_code)
   WHERE a.in_attendance AND a.in_payroll
     AND a.days_worked >= (SELECT min(min_days) FROM lim) AND a.payable_fen < (SELECT max(min_fen) FROM lim)
     AND a.days_worked >= lim.min_days AND a.payable_fen < lim.min_fen),
full_month AS NOT MATERIALIZED (
  SELECT a.project_code, a.id_hash, a.attendance_id_masked AS id_masked, a.days_worked, a.payable_fen, lim.min_fen
    FROM pg_temp.rule_period_workers a JOIN lim USING (project_code)
   WHERE a.project_code = ANY (ARRAY(SELECT project_code FROM below_projects)) AND a.in_attendance AND a.in_payroll AND a.days_worked >= lim.min_days),
agg AS MATERIALIZED (
  SELECT f.project_code, count(*)::int AS full_month_workers, count(*) FILTER (WHERE f.payable_fen < f.min_fen)::int AS below_workers,
         sum(f.min_fen - f.payable_fen) FILTER (WHERE f.payable_fen < f.min_fen)::bigint AS gap_fen
    FROM full_month f GROUP BY f.project_code HAVING count(*) FILTER (WHERE f.payable_fen < f.min_fen) > 0),
lists AS (
  SELECT f.project_code, coalesce(to_jsonb((array_agg(jsonb_build_object('name', w.name, 'idMasked', f.id_masked, 'daysWorked', f.days_worked, 'payableFen', f.payable_fen) ORDER BY f.payable_fen, f.id_hash))[1:20]), '[]'::jsonb) AS workers
    FROM full_month f
    LEFT JOIN LATERAL (SELECT w.name FROM workers w WHERE w.project_code = f.project_code AND w.id_hash = f.id_hash LIMIT 1) w ON true
   WHERE f.project_code = ANY (ARRAY(SELECT project_code FROM agg)) AND f.payable_fen < f.min_fen
   GROUP BY f.project_code)
SELECT agg.*, lists.workers FROM agg JOIN lists USING (project_code);
