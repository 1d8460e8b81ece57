-- EXIT_UNSETTLED v1: period rule. 退场未结清工资 / Worker exited without settlement
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: none.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
owed AS (
  SELECT w.project_code, w.id_hash, w.exited_on,
         sum(pr.payable_fen)::bigint AS payable_fen, sum(CASE WHEN pr.paid_on <= $4 THEN pr.paid_fen ELSE 0 END)::bigint AS paid_fen
    FROM pg_temp.rule_workers w
    JOIN payroll pr ON pr.project_code = w.project_code AND pr.id_hash = w.id_hash
   WHERE w.project_code = ANY($1::text[]) AND w.exited_on BETWEEN $5::date AND (($5::date + interval '1 month')::date - 1)
   GROUP BY w.project_code, w.id_hash, w.exited_on
  HAVING sum(pr.payable_fen) > sum(CASE WHEN pr.paid_on <= $4 THEN pr.paid_fen ELSE 0 END))
SELECT o.project_code, count(*)::int AS unsettled_workers, sum(o.payable_fen - o.paid_fen)::bigint AS owed_fen,
       coalesce(to_jsonb((array_agg(jsonb_build_object('name', n.name, 'idMasked', n.id_masked, 'exitedOn', o.exited_on, 'payableFen', o.payable_fen, 'paidFen', o.paid_fen, 'owedFen', o.payable_fen - o.paid_fen) ORDER BY o.payable_fen - o.paid_fen DESC, o.id_hash))[1:20]), '[]'::jsonb) AS workers
  FROM owed o
  JOIN workers n ON n.project_code = o.project_code AND n.id_hash = o.id_hash
 GROUP BY o.project_code;
