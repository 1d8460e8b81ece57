-- DEPOSIT_MISSING v1: state rule, joint. 未足额存储工资保证金 / Wage deposit missing or insufficient
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: depositMinContractYuan, depositGraceDays, depositMinRatio.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
), code_bounds AS (SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c)
SELECT p.project_code, p.contract_amount_fen, p.contract_signed_on,
       p.contract_signed_on + (s.t ->> 'depositGraceDays')::int AS due_on,
       coalesce(d.total_fen, 0)::bigint AS valid_deposits_fen, coalesce(d.n, 0)::int AS valid_deposits,
       coalesce(d.list, '[]'::jsonb) AS deposits
  FROM projects p JOIN scope s USING (project_code)
  LEFT JOIN LATERAL (
    SELECT sum(x.amount_fen) AS total_fen, count(*) AS n,
           jsonb_agg(jsonb_build_object('contractorUscc', x.contractor_uscc, 'form', x.form, 'amountFen', x.amount_fen,
                                        'validFrom', x.valid_from, 'validUntil', x.valid_until) ORDER BY x.valid_from, x.id) AS list
      FROM deposits x
     WHERE x.project_code = p.project_code AND x.valid_from <= $4::date
       AND (x.valid_until IS NULL OR x.valid_until >= $4::date)) d ON true
 WHERE p.project_code BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds)
   AND p.contract_amount_fen >= (s.t ->> 'depositMinContractYuan')::numeric * 100
   AND p.contract_signed_on <= $4::date - (s.t ->> 'depositGraceDays')::int
   AND coalesce(d.total_fen, 0) < (s.t ->> 'depositMinRatio')::numeric * p.contract_amount_fen;
