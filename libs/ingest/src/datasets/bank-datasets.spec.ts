import { mapHeader, validateRow } from '../validation/row-validator';
import { RowErrorCode } from '../validation/error-codes';
import { DATASETS } from './registry';

const bank = DATASETS.get('bank_transfers')!;
const ZH = ['项目编码', '银行流水号', '付款账号', '交易日期', '收款人身份证号', '收款人姓名', '收款卡号', '交易金额', '工资所属月份', '交易状态'];

describe('bank_transfers dataset', () => {
  it('is a registered dataset keyed by project and bank reference, with the contract’s Chinese headers', () => {
    expect(bank).toMatchObject({ table: 'bank_transfers', conflict: ['project_code', 'txn_ref'], projectColumn: 'project_code' });
    const m = mapHeader(bank, ZH);
    expect(m.missing).toEqual([]);
    expect(m.fields.map((f) => f?.column)).toEqual(bank.fields.map((f) => f.column));
    expect(bank.staged.filter((c) => c.sealed).map((c) => c.name)).toEqual(['account_number_enc', 'payee_id_enc', 'payee_card_enc']);
  });

  it('parses periods, Chinese statuses and money; rejects a zero amount and an unknown status', () => {
    const m = mapHeader(bank, ZH);
    const row = (amount: string, period: string, status: string) =>
      validateRow(bank, m, 2, ['P1', 'YH1', '6222 0202 0011 2233', '2026/10/28', '11010519491231002x', '张三', '', amount, period, status]);
    expect(row('3000.5', '202610', '退回')).toEqual({
      values: {
        project_code: 'P1', txn_ref: 'YH1', account_number: '6222020200112233', transferred_on: '2026-10-28', payee_id_number: '11010519491231002X',
        payee_name: '张三', amount: 300050, period: '2026-10-01', status: 'returned',
      },
    });
    expect(row('0', '', '')).toEqual({ errors: [expect.objectContaining({ column: 'amount', code: RowErrorCode.AmountNotPositive })] });
    expect(row('1', '', '待定')).toEqual({ errors: [expect.objectContaining({ column: 'status', code: RowErrorCode.InvalidEnum })] });
  });
});
