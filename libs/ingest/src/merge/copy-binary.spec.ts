import { CopyText } from '../datasets/dataset-spec';
import { DATASETS } from '../datasets/registry';
import { binaryField, BinaryRows, COPY_BINARY_HEADER, daysFromCivil } from './copy-binary';

const encode = (type: string, v: Parameters<ReturnType<typeof binaryField>>[1]): string => {
  const out = new BinaryRows(4);
  binaryField(type)(out, v);
  return Buffer.from(out.finish()).toString('hex');
};

describe('binary COPY encoding', () => {
  it('starts over in the same memory after reset, leaving what finish returned intact', () => {
    const out = new BinaryRows(4);
    out.text('first batch, longer than the buffer');
    const first = out.finish();
    out.reset();
    out.int(2, 7);
    expect(Buffer.from(out.finish()).toString('hex')).toBe('000000020007');
    expect(Buffer.from(first).subarray(4).toString()).toBe('first batch, longer than the buffer');
  });

  it('writes each column type in PostgreSQL binary wire form', () => {
    expect(encode('text', null)).toBe('ffffffff');
    expect(encode('varchar(64)', 'P1')).toBe('000000025031');
    expect(encode('text', '工')).toBe('00000003e5b7a5'); // UTF-8 byte length, not characters
    expect(encode('text', 'a工b')).toBe('0000000561e5b7a562');
    expect(encode('char(6)', '420113')).toBe('00000006343230313133');
    expect(encode('smallint', 31)).toBe('00000002001f');
    expect(encode('integer', -2)).toBe('00000004fffffffe');
    expect(encode('bigint', 580_000)).toBe('00000008000000000008d9a0');
    expect(encode('bigint', -1)).toBe('00000008ffffffffffffffff');
    expect(encode('bigint', 2 ** 40 + 5)).toBe('000000080000010000000005');
    expect(encode('boolean', true)).toBe('0000000101');
    expect(encode('boolean', false)).toBe('0000000100');
    expect(encode('date', '2000-01-01')).toBe('0000000400000000');
    expect(encode('date', '1999-12-31')).toBe('00000004ffffffff');
    expect(encode('bytea', Buffer.from([1, 255]))).toBe('0000000201ff');
    expect(encode('bytea', new CopyText('\\\\x01ff', Buffer.from([1, 255])))).toBe('0000000201ff');
    // text[]: length, 1 dimension, no NULLs, element type text (25), 2 elements from 1, then each element
    expect(encode('text[]', ['a', 'bc'])).toBe('0000001f' + '00000001' + '00000000' + '00000019' + '00000002' + '00000001' + '0000000161' + '000000026263');
    expect(encode('text[]', [])).toBe('0000000c' + '00000000' + '00000000' + '00000019');
  });

  it('has a writer for every staged column of every dataset', () => {
    for (const spec of DATASETS.values()) for (const c of spec.staged) expect(() => binaryField(c.type)).not.toThrow();
  });

  it('counts days like the calendar', () => {
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2200, 11, 31); t += 86_400_000 * 13) {
      const d = new Date(t);
      expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(t / 86_400_000);
    }
  });

  it('refuses what it cannot encode exactly', () => {
    expect(() => encode('bigint', 1.5)).toThrow('not an integer');
    expect(() => encode('date', '2026-3-1')).toThrow('not a YYYY-MM-DD date');
    expect(() => encode('bytea', new CopyText('\\\\x01'))).toThrow('COPY text only');
    expect(() => binaryField('numeric')).toThrow('no writer for column type numeric');
    expect(COPY_BINARY_HEADER.toString('latin1')).toBe('PGCOPY\n\xff\r\n\0' + '\0'.repeat(8));
  });
});
