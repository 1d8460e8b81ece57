import { CellError } from './cell-error';
import { parseDate, parsePeriod, daysInPeriod } from './dates';
import { RowErrorCode } from './error-codes';
import { idNumberCheckChar, parseBankNumber, parseIdNumber, parseRegionCode, parseStreetCode, parseUscc, usccCheckChar } from './identifiers';
import { enumParser, parseBoolean, parseInteger, parseMoney, parseText, parseUrl } from './values';

const code = (v: unknown): string | undefined => (v instanceof CellError ? v.code : undefined);
const id17 = '42011319900307123';
const validId = id17 + idNumberCheckChar(id17);

describe('ID numbers (GB 11643)', () => {
  it('accepts a valid number and a well-known sample', () => {
    expect(parseIdNumber(validId)).toBe(validId);
    expect(parseIdNumber('11010519491231002X')).toBe('11010519491231002X');
  });
  it('normalises a lower-case x', () => {
    expect(parseIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });
  it('rejects a wrong check digit, a bad birth date, a bad shape', () => {
    const wrong = id17 + (idNumberCheckChar(id17) === '1' ? '2' : '1');
    expect(code(parseIdNumber(wrong))).toBe(RowErrorCode.InvalidIdNumber);
    const feb30 = '42011319900230123';
    expect(code(parseIdNumber(feb30 + idNumberCheckChar(feb30)))).toBe(RowErrorCode.InvalidIdNumber);
    expect(code(parseIdNumber('4201131990'))).toBe(RowErrorCode.InvalidIdNumber);
  });
});

describe('credit codes (GB 32100)', () => {
  it('accepts a real code and computes check characters', () => {
    expect(parseUscc('91350100M000100Y43')).toBe('91350100M000100Y43');
    expect(usccCheckChar('91420100MA4KXXXX0')).toMatch(/^[0-9A-HJ-NPQRTUWXY]$/);
  });
  it('upper-cases and rejects wrong check characters and forbidden letters', () => {
    expect(parseUscc('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(code(parseUscc('91350100M000100Y44'))).toBe(RowErrorCode.InvalidUscc);
    expect(code(parseUscc('91350100M000100I43'))).toBe(RowErrorCode.InvalidUscc);
  });
});

describe('codes and bank numbers', () => {
  it('checks region and street codes', () => {
    expect(parseRegionCode('420113')).toBe('420113');
    expect(code(parseRegionCode('42011'))).toBe(RowErrorCode.InvalidRegionCode);
    expect(parseStreetCode('420113001', '420113')).toBe('420113001');
    expect(parseStreetCode('420113001002')).toBe('420113001002');
    expect(code(parseStreetCode('4201130011'))).toBe(RowErrorCode.InvalidStreetCode);
    expect(code(parseStreetCode('420114001', '420113'))).toBe(RowErrorCode.StreetNotInRegion);
  });
  it('accepts 8-32 digits with card spacing', () => {
    expect(parseBankNumber('6222 0202 0011 2233 445')).toBe('6222020200112233445');
    expect(code(parseBankNumber('1234567'))).toBe(RowErrorCode.InvalidBankNumber);
    expect(code(parseBankNumber('1'.repeat(33)))).toBe(RowErrorCode.InvalidBankNumber);
  });
});

describe('dates and periods', () => {
  it('accepts the three date forms', () => {
    expect(parseDate('2026-03-05')).toBe('2026-03-05');
    expect(parseDate('2026/3/5')).toBe('2026-03-05');
    expect(parseDate('2026.3.5')).toBe('2026-03-05');
    expect(code(parseDate('2026-02-30'))).toBe(RowErrorCode.InvalidDate);
    expect(code(parseDate('05/03/2026'))).toBe(RowErrorCode.InvalidDate);
    expect(code(parseDate('2025-02-29'))).toBe(RowErrorCode.InvalidDate);
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(code(parseDate('2026-13-01'))).toBe(RowErrorCode.InvalidDate);
    expect(code(parseDate('1899-12-31'))).toBe(RowErrorCode.InvalidDate);
    expect(code(parseDate('2026-0a-01'))).toBe(RowErrorCode.InvalidDate);
    expect(code(parseDate('2026-03-5x'))).toBe(RowErrorCode.InvalidDate);
  });
  it('accepts the three period forms and Excel-made dates', () => {
    expect(parsePeriod('2026-03')).toBe('2026-03-01');
    expect(parsePeriod('2026-3')).toBe('2026-03-01');
    expect(code(parsePeriod('2026-13'))).toBe(RowErrorCode.InvalidPeriod);
    expect(code(parsePeriod('2026-00'))).toBe(RowErrorCode.InvalidPeriod);
    expect(code(parsePeriod('1899-12'))).toBe(RowErrorCode.InvalidPeriod);
    expect(code(parsePeriod('2026-1x'))).toBe(RowErrorCode.InvalidPeriod);
    expect(parsePeriod('2026/03')).toBe('2026-03-01');
    expect(parsePeriod('202603')).toBe('2026-03-01');
    expect(parsePeriod('2026-03-01')).toBe('2026-03-01');
    expect(code(parsePeriod('2026-13'))).toBe(RowErrorCode.InvalidPeriod);
    expect(daysInPeriod('2024-02-01')).toBe(29);
  });
});

describe('values', () => {
  it('converts yuan to integer fen without floating point', () => {
    expect(parseMoney('12345.60')).toBe(1234560);
    expect(parseMoney('0.1')).toBe(10);
    expect(parseMoney('12,345.6')).toBe(1234560);
    expect(parseMoney('0')).toBe(0);
    expect(parseMoney('1234567890123.99')).toBe(123456789012399);
    expect(code(parseMoney('1.234'))).toBe(RowErrorCode.InvalidMoney);
    expect(code(parseMoney('-5'))).toBe(RowErrorCode.InvalidMoney);
    expect(code(parseMoney('12,34.5'))).toBe(RowErrorCode.InvalidMoney);
  });
  it('never returns fen past 2^53: at most 13 whole digits, exact at the edge', () => {
    expect(parseMoney('9999999999999')).toBe(999999999999900);
    expect(parseMoney('9999999999999.99')).toBe(999999999999999);
    expect(parseMoney('0000000000000012.50')).toBe(1250); // leading zeros are not digits of the amount
    for (const big of ['123456789012345', '12345678901234', '99999999999999.99', '123,456,789,012,345']) {
      const r = parseMoney(big);
      expect(code(r)).toBe(RowErrorCode.InvalidMoney);
      expect((r as CellError).message).toMatch(/too large: at most 13 digits/);
    }
  });
  it('reads booleans in every contract form', () => {
    for (const t of ['true', 'TRUE', '1', 'yes', 'Y', '是']) expect(parseBoolean(t)).toBe(true);
    for (const f of ['false', '0', 'No', 'n', '否']) expect(parseBoolean(f)).toBe(false);
    expect(code(parseBoolean('maybe'))).toBe(RowErrorCode.InvalidBoolean);
  });
  it('reads enums by canonical value or Chinese label', () => {
    const p = enumParser({ housing: ['房建'], water: ['水利'] });
    expect(p('房建')).toBe('housing');
    expect(p('Water')).toBe('water');
    expect(code(p('roads'))).toBe(RowErrorCode.InvalidEnum);
  });
  it('checks integers, text length and URLs', () => {
    expect(parseInteger('31', 0, 31)).toBe(31);
    expect(code(parseInteger('32', 0, 31))).toBe(RowErrorCode.OutOfRange);
    expect(code(parseInteger('3.5', 0, 31))).toBe(RowErrorCode.InvalidInteger);
    expect(code(parseText('x'.repeat(65), 64))).toBe(RowErrorCode.TooLong);
    expect(parseUrl('https://example.org/hook')).toBe('https://example.org/hook');
    expect(code(parseUrl('ftp://x'))).toBe(RowErrorCode.InvalidUrl);
  });
});
