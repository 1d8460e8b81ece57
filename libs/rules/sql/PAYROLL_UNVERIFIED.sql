-- PAYROLL_UNVERIFIED v1: period rule. 工资发放未经银行代发核实 / Reported pay the bank never transferred
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: bankUnverifiedRedShare, bankMatchWindowDays.

-- Gate bank_feed (run first; $1 text[] project codes, $2 date D): the rule runs only for the projects it returns.
SELECT c.project_code FROM unnest($1::text[]) AS c(project_code)
         WHERE EXISTS (SELECT 1 FROM bank_transfers b
                        WHERE b.project_code = c.project_code AND b.status = 'succeeded'
                          AND b.transferred_on BETWEEN (date_trunc('month', $2::date) - interval '2 months')::date AND $2::date);

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
rows_p AS MATERIALIZED (
  SELECT pr.project_code, pr.id_hash, pr.id_masked, pr.paid_on, pr.paid_fen, (s.t ->> 'bankMatchWindowDays')::int AS window_days
    FROM (SELECT project_code, id_hash, payroll_id_masked AS id_masked, payable_fen, paid_fen, paid_on, paid_via
     FROM pg_temp.rule_period_workers WHERE in_payroll) pr JOIN scope s USING (project_code)
   WHERE pr.project_code = ANY($1::text[]) AND pr.paid_via = 'dedicated_account' AND CASE WHEN pr.paid_on <= $4 THEN pr.paid_fen ELSE 0 END > 0),
-- Transfers without a period can only match a row of P near its paid_on: bound them by date first.
bounds AS (SELECT min(paid_on - window_days) AS lo, max(paid_on + window_days) AS hi, max(window_days) AS w FROM rows_p),
code_bounds AS (SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c),
-- A closer row of another period must be paid within a window of a transfer between lo
-- and hi: the payees with such a row, found in one pass, are the only ones whose
-- transfers need the row-by-row check (one hash lookup for every other payee). Rows of
-- periods before P lie in the payroll history: only projects with a period whose first
-- to last paid_on meets the window can have one, and only their rows are read (none on
-- most nights); later periods (re-evaluating an older P) are read by their code range,
-- and not at all when payroll has none (the EXISTS is a one-time filter: the planner
-- cannot know that a list of later periods would be empty, and reads the range anyway).
rival_payees AS MATERIALIZED (
  SELECT o.project_code, o.id_hash FROM payroll o
   WHERE o.project_code = ANY (ARRAY(
           SELECT DISTINCT h.project_code FROM pg_temp.rule_payroll_history h
            WHERE h.project_code = ANY($1::text[]) AND h.period < $5::date
              AND h.first_paid_on <= (SELECT hi + w FROM bounds) AND h.last_paid_on >= (SELECT lo - w FROM bounds)))
     AND o.period < $5::date
     AND o.paid_on BETWEEN (SELECT lo - w FROM bounds) AND (SELECT hi + w FROM bounds)
  UNION
  SELECT o.project_code, o.id_hash FROM payroll o
   WHERE EXISTS (SELECT 1 FROM payroll q WHERE q.period > $5::date) AND o.period > $5::date
     AND o.project_code BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds)
     AND o.project_code = ANY($1::text[])
     AND o.paid_on BETWEEN (SELECT lo - w FROM bounds) AND (SELECT hi + w FROM bounds)),
-- The wage accounts of the scope, hashed once (an index probe per transfer otherwise).
accounts AS MATERIALIZED (
  SELECT DISTINCT a.project_code, a.account_number_hash FROM wage_accounts a WHERE a.project_code = ANY($1::text[])),
matched AS (
  SELECT r.project_code, r.id_hash, sum(b.amount_fen)::bigint AS transferred_fen
    FROM rows_p r
    JOIN bank_transfers b ON b.project_code = r.project_code AND b.payee_id_hash = r.id_hash
   WHERE b.project_code = ANY($1::text[]) AND b.status = 'succeeded' AND b.transferred_on <= $4::date
     AND (b.project_code, b.account_number_hash) IN (SELECT project_code, account_number_hash FROM accounts)
     AND (b.period = $5::date OR b.transferred_on BETWEEN (SELECT lo FROM bounds) AND (SELECT hi FROM bounds))
     AND (b.period = $5::date
      OR (b.period IS NULL AND abs(b.transferred_on - r.paid_on) <= r.window_days
          AND ((r.project_code, r.id_hash) NOT IN (SELECT project_code, id_hash FROM rival_payees) OR NOT EXISTS (
            SELECT 1 FROM payroll o
             WHERE o.project_code = r.project_code AND o.id_hash = r.id_hash AND o.period <> $5::date AND o.paid_on IS NOT NULL
               AND (abs(b.transferred_on - o.paid_on) < abs(b.transferred_on - r.paid_on)
                    OR (abs(b.transferred_on - o.paid_on) = abs(b.transferred_on - r.paid_on) AND o.period < $5::date))))))
   GROUP BY r.project_code, r.id_hash),
per_row AS MATERIALIZED (
  SELECT r.project_code, r.id_hash, r.id_masked, r.paid_on, r.paid_fen, coalesce(m.transferred_fen, 0) AS transferred_fen,
         greatest(r.paid_fen - coalesce(m.transferred_fen, 0), 0) AS unverified_fen
    FROM rows_p r LEFT JOIN matched m USING (project_code, id_hash)),
hit AS MATERIALIZED (
  SELECT x.project_code, sum(x.paid_fen)::bigint AS reported_paid_fen, sum(x.transferred_fen)::bigint AS transferred_fen,
         sum(x.unverified_fen)::bigint AS unverified_fen, count(*)::int AS payroll_rows,
         count(*) FILTER (WHERE x.unverified_fen > 0)::int AS unverified_workers
    FROM per_row x GROUP BY x.project_code HAVING sum(x.unverified_fen) > 0),
lists AS (
  SELECT r.project_code,
         jsonb_agg(jsonb_build_object('name', w.name, 'idMasked', r.id_masked, 'reportedFen', r.paid_fen, 'transferredFen', r.transferred_fen, 'unverifiedFen', r.unverified_fen, 'paidOn', r.paid_on) ORDER BY r.rn) AS workers
    FROM (SELECT x.project_code, x.id_hash, x.id_masked, x.paid_fen, x.transferred_fen, x.unverified_fen, x.paid_on,
                 row_number() OVER (PARTITION BY x.project_code ORDER BY x.unverified_fen DESC, x.id_hash) AS rn
            FROM per_row x WHERE x.unverified_fen > 0 AND x.project_code IN (SELECT project_code FROM hit)) r
    LEFT JOIN LATERAL (SELECT w.name FROM workers w WHERE w.project_code = r.project_code AND w.id_hash = r.id_hash LIMIT 1) w ON true
   WHERE r.rn <= 20
   GROUP BY r.project_code)
SELECT hit.*, lists.workers FROM hit LEFT JOIN lists USING (project_code);
