-- PAID_OUTSIDE_ACCOUNT v1: period rule. 未通过专用账户代发工资 / Wages paid outside the dedicated account
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: paidOutsideOrangeShare.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
agg AS MATERIALIZED (
  SELECT pp.project_code, pp.paid_fen, pp.other_account_fen, pp.cash_fen, pp.outside_workers
    FROM pg_temp.rule_period_projects pp
   WHERE pp.project_code = ANY($1::text[]) AND pp.outside_paid_fen > 0),
lists AS (
  SELECT r.project_code,
         jsonb_agg(jsonb_build_object('name', w.name, 'idMasked', r.id_masked, 'paidFen', r.paid_fen, 'paidVia', r.paid_via, 'paidOn', r.paid_on) ORDER BY r.rn) AS workers
    FROM (SELECT x.project_code, x.id_hash, x.id_masked, x.paid_fen, x.paid_via, x.paid_on,
                 row_number() OVER (PARTITION BY x.project_code ORDER BY x.paid_fen DESC, x.id_hash) AS rn
            FROM (SELECT project_code, id_hash, payroll_id_masked AS id_masked, payable_fen, paid_fen, paid_on, paid_via
     FROM pg_temp.rule_period_workers WHERE in_payroll) x
     WHERE x.project_code = ANY (ARRAY(SELECT project_code FROM agg)) AND x.paid_via <> 'dedicated_account' AND CASE WHEN x.paid_on <= $4 THEN x.paid_fen ELSE 0 END > 0) r
    LEFT JOIN LATERAL (SELECT w.name FROM workers w WHERE w.project_code = r.project_code AND w.id_hash = r.id_hash LIMIT 1) w ON true
   WHERE r.rn <= 20
   GROUP BY r.project_code)
SELECT agg.*, lists.workers FROM agg LEFT JOIN lists USING (project_code);
