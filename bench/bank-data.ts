import { Client } from 'pg';

/**
 * Bank feeds for the benchmark province (after loadBenchData): for `share` of the
 * projects, one transfer per paid worker-month out of the project's wage account,
 * half of them naming the month and half matched by date (the costlier path). A few
 * feeds leave some pay of P untransferred (PAYROLL_UNVERIFIED) or pay a stranger
 * (ACCOUNT_DIVERSION). Returns the number of transfers.
 */
export async function loadBankFeeds(db: Client, share: number, period: string): Promise<number> {
  if (share <= 0) return 0;
  const percent = Math.round(share * 100);
  const inFeed = `substr(pr.project_code, 3)::int % 100 < ${percent}`;
  const res = await db.query(
    `INSERT INTO bank_transfers (project_code, txn_ref, account_number_enc, account_number_hash, account_number_masked, transferred_on,
                                 payee_id_hash, payee_id_enc, payee_id_masked, amount_fen, period, status)
     SELECT pr.project_code, 'B' || to_char(pr.period, 'YYYYMM') || encode(pr.id_hash, 'hex'),
            decode(md5('a' || substr(pr.project_code, 3)::int), 'hex'), decode(md5('h' || substr(pr.project_code, 3)::int), 'hex'), '6217********0000',
            pr.paid_on, pr.id_hash, pr.id_enc, pr.id_masked, pr.paid_fen,
            CASE WHEN get_byte(pr.id_hash, 0) % 2 = 0 THEN pr.period END, 'succeeded'
       FROM payroll pr
      WHERE ${inFeed} AND pr.paid_on IS NOT NULL AND pr.paid_fen > 0 AND pr.paid_via = 'dedicated_account'
        AND NOT (substr(pr.project_code, 3)::int % 97 = 5 AND pr.period = $1::date AND get_byte(pr.id_hash, 1) < 64)`,
    [period],
  );
  const strangers = await db.query(
    `INSERT INTO bank_transfers (project_code, txn_ref, account_number_enc, account_number_hash, account_number_masked, transferred_on,
                                 payee_id_hash, payee_id_enc, payee_id_masked, amount_fen, period, status)
     SELECT 'BP' || lpad(i::text, 7, '0'), 'BX' || i, decode(md5('a' || i), 'hex'), decode(md5('h' || i), 'hex'), '6217********0000',
            ($1::date + 14), decode(md5('stranger' || i), 'hex'), decode(md5('se' || i), 'hex'), '4201**********9999', 2000000, NULL, 'succeeded'
       FROM generate_series(1, (SELECT count(*) FROM projects)::int) i
      WHERE i % 100 < ${percent} AND i % 89 = 7`,
    [period],
  );
  await db.query(`ANALYZE bank_transfers`);
  return (res.rowCount ?? 0) + (strangers.rowCount ?? 0);
}
