-- ABNORMAL_PAYMENT v1: period rule. 工资发放金额异常 / Abnormally large payment to a worker
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: abnormalMonthlyYuan, abnormal12MonthsYuan.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
),
lim AS (
  SELECT s.project_code, (s.t ->> 'abnormalMonthlyYuan')::numeric * 100 AS month_fen, (s.t ->> 'abnormal12MonthsYuan')::numeric * 100 AS year_fen FROM scope s),
candidate_projects AS MATERIALIZED (
  SELECT DISTINCT h.project_code
    FROM pg_temp.rule_payroll_history h
   WHERE h.project_code = ANY($1::text[])
     AND h.period BETWEEN ($5::date - interval '11 months')::date AND $5::date
     AND ((h.period = $5::date AND h.max_paid_fen > (SELECT min(month_fen) FROM lim))
          OR h.max_paid_fen * 12 > (SELECT min(year_fen) FROM lim))),
candidates AS MATERIALIZED (
  SELECT DISTINCT pr.project_code, pr.id_hash
    FROM candidate_projects cp
   CROSS JOIN LATERAL (
         SELECT pr.project_code, pr.id_hash FROM payroll pr
          WHERE pr.project_code = cp.project_code
            AND pr.period BETWEEN ($5::date - interval '11 months')::date AND $5::date AND pr.paid_on <= $4::date
            AND ((pr.period = $5::date AND pr.paid_fen > (SELECT min(month_fen) FROM lim))
                 OR pr.paid_fen * 12 > (SELECT min(year_fen) FROM lim))
         OFFSET 0) pr),
per_worker AS (
  SELECT c.project_code, c.id_hash, t.id_masked, t.paid_in_period_fen, t.paid_12_months_fen
    FROM candidates c
   CROSS JOIN LATERAL (
         SELECT max(pr.id_masked) AS id_masked,
                coalesce(sum(CASE WHEN pr.paid_on <= $4 THEN pr.paid_fen ELSE 0 END) FILTER (WHERE pr.period = $5), 0)::bigint AS paid_in_period_fen,
                sum(CASE WHEN pr.paid_on <= $4 THEN pr.paid_fen ELSE 0 END)::bigint AS paid_12_months_fen
           FROM payroll pr
          WHERE pr.project_code = c.project_code AND pr.id_hash = c.id_hash
            AND pr.period BETWEEN ($5::date - interval '11 months')::date AND $5::date) t),
hit AS MATERIALIZED (
  SELECT p.* FROM per_worker p JOIN lim USING (project_code)
   WHERE p.paid_in_period_fen > lim.month_fen OR p.paid_12_months_fen > lim.year_fen)
SELECT h.project_code, count(*)::int AS abnormal_workers,
       coalesce(to_jsonb((array_agg(jsonb_build_object('name', w.name, 'idMasked', h.id_masked, 'paidInPeriodFen', h.paid_in_period_fen, 'paid12MonthsFen', h.paid_12_months_fen) ORDER BY h.paid_12_months_fen DESC, h.id_hash))[1:20]), '[]'::jsonb) AS workers
  FROM hit h LEFT JOIN LATERAL (SELECT w.name FROM workers w WHERE w.project_code = h.project_code AND w.id_hash = h.id_hash LIMIT 1) w ON true
 GROUP BY h.project_code;
