-- ACCOUNT_DIVERSION v1: period rule, joint. 专用账户资金支付非本项目人员 / Wage account paid people not on the project
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: bankDiversionRedShare.

-- Gate bank_feed (run first; $1 text[] project codes, $2 date D): the rule runs only for the projects it returns.
SELECT c.project_code FROM unnest($1::text[]) AS c(project_code)
         WHERE EXISTS (SELECT 1 FROM bank_transfers b
                        WHERE b.project_code = c.project_code AND b.status = 'succeeded'
                          AND b.transferred_on BETWEEN (date_trunc('month', $2::date) - interval '2 months')::date AND $2::date);

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
), code_bounds AS (SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c),
-- The wage-account check comes after the enrolment check: the planner cannot estimate
-- it (project and account hash correlate) and, applied first, it would plan the
-- enrolment check as one index probe per transfer instead of one hash of the workers.
tx_p AS MATERIALIZED (
  SELECT b.project_code, b.payee_id_hash, b.payee_id_masked, b.payee_name, b.amount_fen, b.account_number_hash
    FROM bank_transfers b
   WHERE b.project_code = ANY($1::text[]) AND b.status = 'succeeded'
     AND b.transferred_on BETWEEN $5::date AND least((($5::date + interval '1 month')::date - 1), $4::date)),
payees AS MATERIALIZED (
  SELECT x.project_code, x.payee_id_hash AS id_hash, max(x.payee_id_masked) AS id_masked, max(x.payee_name) AS payee_name,
         sum(x.amount_fen)::bigint AS transferred_fen
    FROM (SELECT * FROM tx_p t
           WHERE NOT EXISTS (SELECT 1 FROM pg_temp.rule_workers w WHERE w.project_code = t.project_code AND w.id_hash = t.payee_id_hash
                                AND w.project_code = ANY($1::text[]) AND w.entered_on <= (($5::date + interval '1 month')::date - 1)
                                AND (w.exited_on IS NULL OR w.exited_on >= ($5::date - interval '11 months')::date))
           OFFSET 0) x
   WHERE EXISTS (SELECT 1 FROM wage_accounts a WHERE a.project_code = x.project_code AND a.account_number_hash = x.account_number_hash
             AND a.project_code BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds))
   GROUP BY x.project_code, x.payee_id_hash),
totals AS (
  SELECT x.project_code, sum(x.amount_fen)::bigint AS transferred_fen
    FROM tx_p x WHERE x.project_code IN (SELECT project_code FROM payees) AND EXISTS (SELECT 1 FROM wage_accounts a WHERE a.project_code = x.project_code AND a.account_number_hash = x.account_number_hash
             AND a.project_code BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds)) GROUP BY x.project_code),
hit AS (
  SELECT p.project_code, t.transferred_fen, sum(p.transferred_fen)::bigint AS diverted_fen, count(*)::int AS payees
    FROM payees p JOIN totals t USING (project_code) GROUP BY p.project_code, t.transferred_fen),
lists AS (
  SELECT r.project_code,
         jsonb_agg(jsonb_build_object('name', coalesce(w.name, r.payee_name), 'idMasked', r.id_masked, 'registered', w.name IS NOT NULL,
                                      'enteredOn', w.entered_on, 'exitedOn', w.exited_on, 'reportedFen', coalesce(rep.paid_fen, 0),
                                      'transferredFen', r.transferred_fen) ORDER BY r.rn) AS payees
    FROM (SELECT p.*, row_number() OVER (PARTITION BY p.project_code ORDER BY p.transferred_fen DESC, p.id_hash) AS rn FROM payees p) r
    LEFT JOIN LATERAL (SELECT w.name, w.entered_on, w.exited_on FROM workers w
                        WHERE w.project_code = r.project_code AND w.id_hash = r.id_hash LIMIT 1) w ON true
    LEFT JOIN LATERAL (SELECT sum(CASE WHEN pr.paid_on <= $4 THEN pr.paid_fen ELSE 0 END)::bigint AS paid_fen FROM payroll pr
                        WHERE pr.project_code = r.project_code AND pr.id_hash = r.id_hash AND pr.period = $5::date) rep ON true
   WHERE r.rn <= 20
   GROUP BY r.project_code)
-- The project's paid(P) as of D is the month summary's paid_fen (0 without a payroll row).
SELECT hit.*, coalesce(pp.paid_fen, 0)::bigint AS reported_paid_fen, lists.payees AS payee_list
  FROM hit LEFT JOIN lists USING (project_code)
  LEFT JOIN pg_temp.rule_period_projects pp USING (project_code);
