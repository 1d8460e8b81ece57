import { maskBankNumber, maskIdNumber } from '@wage/crypto';
import { devCipher, fen, Queryable } from './fixtures';

/** The account number a project's wage account gets in the bank tests (fixtures.wageAccount({ number })). */
export const accountOf = (project: string): string => `6222${String(Math.abs(hash(project))).padStart(12, '0').slice(0, 12)}`;
/** A paying account that is no project's wage account. */
export const OTHER_ACCOUNT = '6228480000000000001';

function hash(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

let txnSeq = 0;

export interface TransferFixture {
  project: string;
  payee: string;
  amount: number | string;
  on: string;
  /** 'YYYY-MM-01' or null (a batch that names no month). */
  period?: string | null;
  status?: 'succeeded' | 'failed' | 'returned';
  /** Default: the project's wage account (accountOf). */
  account?: string;
  name?: string;
  txnRef?: string;
}

/** A bank_transfers row sealed and indexed like an imported one. */
export async function transfer(db: Queryable, t: TransferFixture): Promise<void> {
  const account = t.account ?? accountOf(t.project);
  await db.query(
    `INSERT INTO bank_transfers (project_code, txn_ref, account_number_enc, account_number_hash, account_number_masked, transferred_on,
                                 payee_id_hash, payee_id_enc, payee_id_masked, payee_name, amount_fen, period, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [t.project, t.txnRef ?? `BK${++txnSeq}`, devCipher.encrypt(account), devCipher.blindIndex(account), maskBankNumber(account), t.on,
      devCipher.blindIndex(t.payee), devCipher.encrypt(t.payee), maskIdNumber(t.payee), t.name ?? null, fen(t.amount),
      t.period === undefined ? null : t.period, t.status ?? 'succeeded'],
  );
}
