-- CONTRACT_UNSIGNED v1: state rule. 未签订劳动合同 / Workers without a labour contract
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: contractUnsignedShare.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
agg AS MATERIALIZED (
  SELECT w.project_code, count(*)::int AS enrolled_workers, count(*) FILTER (WHERE NOT w.contract_signed)::int AS unsigned_workers
    FROM pg_temp.rule_workers w
   WHERE w.project_code = ANY($1::text[]) AND w.entered_on <= $4::date AND (w.exited_on IS NULL OR w.exited_on >= $4::date)
   GROUP BY w.project_code),
hit AS MATERIALIZED (
  SELECT agg.* FROM agg JOIN scope s USING (project_code)
   WHERE agg.unsigned_workers > (s.t ->> 'contractUnsignedShare')::numeric * agg.enrolled_workers)
SELECT hit.*, coalesce(to_jsonb((array_agg(jsonb_build_object('name', w.name, 'idMasked', w.id_masked, 'enteredOn', w.entered_on) ORDER BY w.entered_on, w.id_hash))[1:20]), '[]'::jsonb) AS workers
  FROM hit JOIN workers w USING (project_code)
 WHERE w.project_code = ANY (ARRAY(SELECT project_code FROM hit))
   AND NOT w.contract_signed AND w.entered_on <= $4::date AND (w.exited_on IS NULL OR w.exited_on >= $4::date)
 GROUP BY hit.project_code, hit.enrolled_workers, hit.unsigned_workers;
