import { CellError } from '../validation/cell-error';
import { RowErrorCode } from '../validation/error-codes';
import { DatasetSpec, Values } from './dataset-spec';
import { as, derive, field, LABELS, stage } from './fields';

const optional = <T>(x: unknown, f: (s: string) => T): T | null => (typeof x === 'string' ? f(x) : null);

/**
 * bank_transfers — 专户代发明细, sent by the bank holding a dedicated account. The
 * paying account, the payee's ID and card are sealed like the workers' numbers; the
 * hashes let the rules join transfers to payroll rows and wage accounts.
 */
export const bankTransfers: DatasetSpec = {
  name: 'bank_transfers',
  table: 'bank_transfers',
  fields: [
    field('project_code', '项目编码', true, as.code()),
    field('txn_ref', '银行流水号', true, as.code()),
    field('account_number', '付款账号', true, as.bank()),
    field('transferred_on', '交易日期', true, as.date()),
    field('payee_id_number', '收款人身份证号', true, as.idNumber()),
    field('payee_name', '收款人姓名', false, as.text(200)),
    field('payee_card_number', '收款卡号', false, as.bank()),
    field('amount', '交易金额', true, as.money()),
    field('period', '工资所属月份', false, as.period()),
    field('status', '交易状态', false, as.oneOf(LABELS.transferStatus)),
  ],
  crossCheck(v: Values) {
    if (v.amount === 0) {
      return { column: 'amount', error: new CellError(RowErrorCode.AmountNotPositive, 'A transfer amount (交易金额) must be greater than 0') };
    }
    return undefined;
  },
  projectColumn: 'project_code',
  staged: [
    stage('project_code', 'varchar(64)'),
    stage('txn_ref', 'varchar(64)'),
    derive('account_number_enc', 'bytea', (v, pii) => pii.bankNumber(v.account_number as string).encField, true),
    derive('account_number_hash', 'bytea', (v, pii) => pii.bankNumber(v.account_number as string).hashField),
    derive('account_number_masked', 'varchar(32)', (v, pii) => pii.bankNumber(v.account_number as string).masked),
    stage('transferred_on', 'date'),
    derive('payee_id_hash', 'bytea', (v, pii) => pii.idNumber(v.payee_id_number as string).hashField),
    derive('payee_id_enc', 'bytea', (v, pii) => pii.idNumber(v.payee_id_number as string).encField, true),
    derive('payee_id_masked', 'varchar(18)', (v, pii) => pii.idNumber(v.payee_id_number as string).masked),
    stage('payee_name', 'text'),
    derive('payee_card_hash', 'bytea', (v, pii) => optional(v.payee_card_number, (s) => pii.bankNumber(s).hashField)),
    derive('payee_card_enc', 'bytea', (v, pii) => optional(v.payee_card_number, (s) => pii.bankNumber(s).encField), true),
    derive('payee_card_masked', 'varchar(32)', (v, pii) => optional(v.payee_card_number, (s) => pii.bankNumber(s).masked)),
    stage('amount_fen', 'bigint', 'amount'),
    stage('period', 'date'),
    derive('status', 'varchar(16)', (v) => (v.status as string | undefined) ?? 'succeeded'),
  ],
  conflict: ['project_code', 'txn_ref'],
  keyText: "o.project_code || ' / ' || o.txn_ref",
};
