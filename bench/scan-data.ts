import { Client } from 'pg';

/**
 * Province-scale data straight in SQL (generate_series), shaped like real uploads:
 * `projects` projects, 25 workers each, 4 months of attendance and payroll
 * (100 rows per project per dataset), accounts, deposits and allocations. About 5 % of
 * projects underpay, 2 % have no payroll for the assessed month, a few pay in cash.
 * Personal-data columns hold deterministic stand-ins (the rules only compare hashes).
 */
export async function loadBenchData(db: Client, projects: number, period: string): Promise<void> {
  await db.query(`SET synchronous_commit = off`);
  const months = `(SELECT (date '${period}' - (k || ' months')::interval)::date AS period, k FROM generate_series(0, 3) k)`;
  await db.query(
    `INSERT INTO projects (project_code, name, region_code, industry, construction_unit_uscc, general_contractor_uscc, contract_amount_fen,
                           contract_signed_on, started_on, planned_end_on, status, notice_board_posted)
     SELECT 'BP' || lpad(i::text, 7, '0'), '基准项目' || i, (ARRAY['420113','420102','440106','310101','110105'])[1 + i % 5], 'housing',
            '91420100MA4K' || lpad((i % 997)::text, 6, '0'), '91420100MB4K' || lpad((i % 991)::text, 6, '0'),
            200000000 + (i % 7) * 100000000, '2025-06-01', '2025-07-01', '2027-12-31',
            CASE WHEN i % 10 = 0 THEN 'completed' ELSE 'in_progress' END, i % 13 <> 0
       FROM generate_series(1, $1::int) i`,
    [projects],
  );
  await db.query(
    `INSERT INTO workers (project_code, id_hash, id_enc, id_masked, name, employer_uscc, entered_on, exited_on, contract_signed)
     SELECT 'BP' || lpad(i::text, 7, '0'), decode(md5(i || ':' || w), 'hex'), decode(md5('e' || i || ':' || w), 'hex'),
            '4201**********' || lpad((w % 10000)::text, 4, '0'), '工人' || w, '91420100MC4K' || lpad((i % 983)::text, 6, '0'),
            '2025-07-01', NULL, w % 17 <> 0
       FROM generate_series(1, $1::int) i, generate_series(1, 25) w`,
    [projects],
  );
  await db.query(
    `INSERT INTO attendance (project_code, id_hash, period, id_enc, id_masked, days_worked)
     SELECT 'BP' || lpad(i::text, 7, '0'), decode(md5(i || ':' || w), 'hex'), m.period, decode(md5('e' || i || ':' || w), 'hex'),
            '4201**********' || lpad((w % 10000)::text, 4, '0'), 18 + (w % 8)
       FROM generate_series(1, $1::int) i, generate_series(1, 25) w, ${months} m`,
    [projects],
  );
  await db.query(
    `INSERT INTO payroll (project_code, id_hash, period, id_enc, id_masked, payable_fen, paid_fen, paid_on, paid_via)
     SELECT 'BP' || lpad(i::text, 7, '0'), decode(md5(i || ':' || w), 'hex'), m.period, decode(md5('e' || i || ':' || w), 'hex'),
            '4201**********' || lpad((w % 10000)::text, 4, '0'), 600000 + w * 1000,
            CASE WHEN i % 20 = 1 AND m.k = 0 THEN (600000 + w * 1000) * 4 / 10 ELSE 600000 + w * 1000 END,
            (m.period + interval '1 month')::date,
            CASE WHEN i % 33 = 3 THEN 'cash' ELSE 'dedicated_account' END
       FROM generate_series(1, $1::int) i, generate_series(1, 25) w, ${months} m
      WHERE NOT (i % 50 = 2 AND m.k = 0)`,
    [projects],
  );
  await db.query(
    `INSERT INTO wage_accounts (project_code, bank_name, account_number_enc, account_number_hash, account_number_masked, opened_on, filed_on)
     SELECT 'BP' || lpad(i::text, 7, '0'), '建设银行', decode(md5('a' || i), 'hex'), decode(md5('h' || i), 'hex'), '6217********' || lpad((i % 10000)::text, 4, '0'),
            '2025-06-20', CASE WHEN i % 29 = 0 THEN NULL ELSE date '2025-06-25' END
       FROM generate_series(1, $1::int) i`,
    [projects],
  );
  await db.query(
    `INSERT INTO deposits (project_code, contractor_uscc, form, amount_fen, valid_from, valid_until)
     SELECT 'BP' || lpad(i::text, 7, '0'), '91420100MB4K' || lpad((i % 991)::text, 6, '0'), 'bank_guarantee', 20000000, '2025-06-15', NULL
       FROM generate_series(1, $1::int) i WHERE i % 31 <> 0`,
    [projects],
  );
  await db.query(
    `INSERT INTO labor_cost_allocations (project_code, txn_ref, paid_on, amount_fen)
     SELECT 'BP' || lpad(i::text, 7, '0'), 'T' || i || '-' || m.k, (m.period + interval '5 days')::date, 25 * 700000
       FROM generate_series(1, $1::int) i, ${months} m`,
    [projects],
  );
  await db.query(`ANALYZE`);
}

/** The reference: PAY_RATIO_LOW and PAYROLL_MISSING for every active project, one statement. */
export const REFERENCE_SQL = `
  WITH pr AS (
    SELECT project_code, sum(payable_fen) AS payable,
           coalesce(sum(paid_fen) FILTER (WHERE paid_on IS NOT NULL AND paid_on <= $1::date), 0) AS paid
      FROM payroll WHERE period = $2::date GROUP BY project_code
  ), att AS (
    SELECT DISTINCT project_code FROM attendance WHERE period = $2::date AND days_worked > 0
  )
  SELECT p.project_code,
         CASE WHEN pr.project_code IS NULL THEN 'PAYROLL_MISSING' ELSE 'PAY_RATIO_LOW' END AS rule,
         CASE WHEN pr.project_code IS NULL OR pr.paid * 2 < pr.payable THEN 'red' ELSE 'orange' END AS severity
    FROM projects p
    LEFT JOIN pr ON pr.project_code = p.project_code
    LEFT JOIN att ON att.project_code = p.project_code
   WHERE p.status IN ('in_progress', 'suspended')
     AND ((pr.payable > 0 AND pr.paid * 10 < pr.payable * 8) OR (pr.project_code IS NULL AND att.project_code IS NOT NULL))`;
