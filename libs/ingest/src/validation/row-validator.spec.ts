import { DATASETS } from '../datasets/registry';
import { RowErrorCode } from './error-codes';
import { mapHeader, validateRow } from './row-validator';

const payroll = DATASETS.get('payroll')!;

describe('mapHeader', () => {
  it('accepts canonical and Chinese headers in any order, reports unknown and missing ones', () => {
    const m = mapHeader(payroll, ['\uFEFF项目编码', ' ID_NUMBER ', '工资所属月份', '应发金额', 'remark']);
    expect(m.fields.map((f) => f?.column)).toEqual(['project_code', 'id_number', 'period', 'payable_amount', undefined]);
    expect(m.unknown).toEqual(['remark']);
    expect(m.missing.map((f) => f.column)).toEqual(['paid_amount']);
  });
});

describe('validateRow', () => {
  const m = mapHeader(payroll, ['project_code', 'id_number', 'period', 'payable_amount', 'paid_amount', 'paid_on']);

  it('skips blank rows and trims cells', () => {
    expect(validateRow(payroll, m, 3, ['', ' ', '', '', '', ''])).toBeNull();
    const ok = validateRow(payroll, m, 2, [' P1 ', '11010519491231002x', '2025-01', '1', '0', '']);
    expect(ok).toEqual({ values: { project_code: 'P1', id_number: '11010519491231002X', period: '2025-01-01', payable_amount: 100, paid_amount: 0 } });
  });

  it('reports every bad cell with row and column, and REQUIRED for empty required cells', () => {
    const bad = validateRow(payroll, m, 7, ['', 'x', '2025-01', 'abc', '0', '']);
    expect(bad).toEqual({
      errors: [
        expect.objectContaining({ row: 7, column: 'id_number', code: RowErrorCode.InvalidIdNumber }),
        expect.objectContaining({ row: 7, column: 'payable_amount', code: RowErrorCode.InvalidMoney }),
        expect.objectContaining({ row: 7, column: 'project_code', code: RowErrorCode.Required }),
      ],
    });
  });

  it('applies cross-cell rules after the cells are valid', () => {
    const r = validateRow(payroll, m, 4, ['P1', '11010519491231002X', '2025-01', '1', '1', '']);
    expect(r).toEqual({ errors: [expect.objectContaining({ column: 'paid_on', code: RowErrorCode.PaidOnRequired })] });
  });

  it('reports a row longer than the header once, ignoring empty trailing cells', () => {
    expect(validateRow(payroll, m, 5, ['P1', '11010519491231002X', '2025-01', '12', '345.60', '0', '', '2025-01-01'])).toEqual({
      errors: [expect.objectContaining({ column: '', code: RowErrorCode.TooManyCells })],
    });
    expect(validateRow(payroll, m, 5, ['P1', '11010519491231002X', '2025-01', '1', '0', '', '', ''])).toHaveProperty('values');
  });
});
