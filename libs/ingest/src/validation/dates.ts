import { CellError, Parsed } from './cell-error';
import { RowErrorCode } from './error-codes';

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of a month (1-12), Gregorian leap years; plain arithmetic because it runs per cell. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1];
}

export function isValidCalendarDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

const DATE_FORMS = [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/];

/** The number written by the digits raw[from..to), or -1 when one is not a digit. */
function digitsAt(raw: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** YYYY-MM-DD, YYYY/M/D or YYYY.M.D → 'YYYY-MM-DD'. */
export function parseDate(raw: string): Parsed<string> {
  // Fast path for the canonical form (the bulk of any file): no regex, no new string.
  if (raw.length === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) {
    const y = digitsAt(raw, 0, 4);
    const mo = digitsAt(raw, 5, 7);
    const d = digitsAt(raw, 8, 10);
    if (y >= 0 && mo >= 0 && d >= 0) {
      if (y >= 1900 && y <= 2200 && isValidCalendarDate(y, mo, d)) return raw;
      return new CellError(RowErrorCode.InvalidDate, `"${raw}" is not a real calendar date`);
    }
  }
  for (const form of DATE_FORMS) {
    const m = form.exec(raw);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y >= 1900 && y <= 2200 && isValidCalendarDate(y, mo, d)) return `${m[1]}-${pad(mo)}-${pad(d)}`;
    return new CellError(RowErrorCode.InvalidDate, `"${raw}" is not a real calendar date`);
  }
  return new CellError(RowErrorCode.InvalidDate, `"${raw}" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-15`);
}

const PERIOD_FORMS = [/^(\d{4})-(\d{1,2})$/, /^(\d{4})\/(\d{1,2})$/, /^(\d{4})(\d{2})$/];

/**
 * YYYY-MM, YYYY/MM or YYYYMM → the first day of that month 'YYYY-MM-01'. A full date
 * is accepted too, because Excel turns a typed 2026-03 into a date cell.
 */
export function parsePeriod(raw: string): Parsed<string> {
  if (raw.length === 7 && raw.charCodeAt(4) === 45) {
    const y = digitsAt(raw, 0, 4);
    const mo = digitsAt(raw, 5, 7);
    if (y >= 0 && mo >= 0) {
      if (mo >= 1 && mo <= 12 && y >= 1900) return `${raw}-01`;
      return new CellError(RowErrorCode.InvalidPeriod, `"${raw}" is not a real month`);
    }
  }
  for (const form of PERIOD_FORMS) {
    const m = form.exec(raw);
    if (!m) continue;
    const mo = Number(m[2]);
    if (mo >= 1 && mo <= 12 && Number(m[1]) >= 1900) return `${m[1]}-${pad(mo)}-01`;
    return new CellError(RowErrorCode.InvalidPeriod, `"${raw}" is not a real month`);
  }
  const date = parseDate(raw);
  if (typeof date === 'string') return `${date.slice(0, 7)}-01`;
  return new CellError(RowErrorCode.InvalidPeriod, `"${raw}" is not a month: write it as YYYY-MM, e.g. 2026-03`);
}

/** Number of days of the month of a 'YYYY-MM-01' period. */
export function daysInPeriod(period: string): number {
  return daysInMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7)));
}
