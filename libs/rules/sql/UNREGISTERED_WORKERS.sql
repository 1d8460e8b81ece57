-- UNREGISTERED_WORKERS v1: period rule. 未实名登记人员 / Workers not registered on the project
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: none.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
rows_p AS MATERIALIZED (
  SELECT x.project_code, x.id_hash, greatest(x.attendance_id_masked, x.payroll_id_masked) AS id_masked, x.in_attendance, x.in_payroll
    FROM pg_temp.rule_period_workers x
   WHERE x.project_code = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM pg_temp.rule_workers w WHERE w.project_code = x.project_code AND w.id_hash = x.id_hash
       AND w.project_code = ANY($1::text[]) AND w.entered_on <= (($5::date + interval '1 month')::date - 1) AND (w.exited_on IS NULL OR w.exited_on >= $5::date))),
unreg AS (
  SELECT i.project_code, i.id_hash, max(i.id_masked) AS id_masked,
         bool_or(i.in_attendance) AS in_attendance, bool_or(i.in_payroll) AS in_payroll,
         max(w.name) AS name, max(w.entered_on) AS entered_on, max(w.exited_on) AS exited_on, bool_or(w.id IS NOT NULL) AS registered
    FROM rows_p i LEFT JOIN workers w ON w.project_code = i.project_code AND w.id_hash = i.id_hash
   GROUP BY i.project_code, i.id_hash)
SELECT u.project_code, count(*)::int AS unregistered_workers,
       count(*) FILTER (WHERE u.in_attendance)::int AS in_attendance,
       count(*) FILTER (WHERE u.in_payroll)::int AS in_payroll,
       count(*) FILTER (WHERE u.registered)::int AS registered_outside_period,
       coalesce(to_jsonb((array_agg(jsonb_build_object('name', u.name, 'idMasked', u.id_masked, 'inAttendance', u.in_attendance, 'inPayroll', u.in_payroll,
                             'registered', u.registered, 'enteredOn', u.entered_on, 'exitedOn', u.exited_on) ORDER BY u.registered, u.id_hash))[1:20]), '[]'::jsonb) AS workers
  FROM unreg u GROUP BY u.project_code;
