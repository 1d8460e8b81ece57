-- PAYROLL_MISSING v1: period rule, joint. 未按月编制工资支付表 / No payroll for a month with attendance
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: none.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
hit AS (
  SELECT pp.project_code, pp.attending_workers, pp.days_worked
    FROM pg_temp.rule_period_projects pp
   WHERE pp.project_code = ANY($1::text[]) AND pp.attending_workers > 0 AND pp.payroll_rows = 0),
lists AS (
  SELECT r.project_code,
         jsonb_agg(jsonb_build_object('name', w.name, 'idMasked', r.id_masked, 'daysWorked', r.days_worked) ORDER BY r.rn) AS workers
    FROM (SELECT x.project_code, x.id_hash, x.id_masked, x.days_worked,
                 row_number() OVER (PARTITION BY x.project_code ORDER BY x.days_worked DESC, x.id_hash) AS rn
            FROM (SELECT project_code, id_hash, attendance_id_masked AS id_masked, days_worked
     FROM pg_temp.rule_period_workers WHERE in_attendance) x WHERE x.project_code = ANY (ARRAY(SELECT project_code FROM hit)) AND x.days_worked > 0) r
    LEFT JOIN LATERAL (SELECT w.name FROM workers w WHERE w.project_code = r.project_code AND w.id_hash = r.id_hash LIMIT 1) w ON true
   WHERE r.rn <= 20
   GROUP BY r.project_code)
SELECT hit.*, lists.workers FROM hit LEFT JOIN lists USING (project_code);
