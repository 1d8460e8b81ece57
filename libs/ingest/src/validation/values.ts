import { MAX_YUAN_DIGITS, parseYuan } from '@wage/money';
import { CellError, Parsed } from './cell-error';
import { RowErrorCode } from './error-codes';

/**
 * Yuan with at most 2 decimals → integer fen (the shared parser in @wage/money). A
 * thousands separator can only reach a cell through quoting (an unquoted one splits
 * the cell in a CSV), so a well-grouped "12,345.60" is accepted.
 */
export function parseMoney(raw: string): Parsed<number> {
  const parsed = parseYuan(raw);
  if (parsed.fen !== undefined) return parsed.fen;
  if (parsed.problem === 'negative') return new CellError(RowErrorCode.InvalidMoney, `Amount "${raw}" must not be negative`);
  if (parsed.problem === 'too-large') return new CellError(RowErrorCode.InvalidMoney, `Amount "${raw}" is too large: at most ${MAX_YUAN_DIGITS} digits before the decimal point`);
  return new CellError(RowErrorCode.InvalidMoney, `"${raw}" is not an amount in yuan: write it like 12345.60 (at most 2 decimals)`);
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否']);

export function parseBoolean(raw: string): Parsed<boolean> {
  const v = raw.toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return new CellError(RowErrorCode.InvalidBoolean, `"${raw}" is not yes/no: use true/false, 1/0, yes/no, Y/N or 是/否`);
}

/** Whole number within [min, max]. */
export function parseInteger(raw: string, min: number, max: number): Parsed<number> {
  if (!/^\d+$/.test(raw)) return new CellError(RowErrorCode.InvalidInteger, `"${raw}" is not a whole number`);
  const n = Number(raw);
  if (n < min || n > max) return new CellError(RowErrorCode.OutOfRange, `${raw} is outside the allowed range ${min} to ${max}`);
  return n;
}

/** Canonical value → its Chinese labels (any of which is accepted on input). */
export type EnumLabels<T extends string> = Record<T, readonly string[]>;

/** Builds a parser accepting canonical values (case-insensitive) and their Chinese labels. */
export function enumParser<T extends string>(labels: EnumLabels<T>): (raw: string) => Parsed<T> {
  const lookup = new Map<string, T>();
  for (const value of Object.keys(labels) as T[]) {
    lookup.set(value.toLowerCase(), value);
    for (const label of labels[value]) lookup.set(label.toLowerCase(), value);
  }
  const allowed = (Object.keys(labels) as T[]).map((v) => (labels[v].length ? `${v} (${labels[v][0]})` : v)).join(', ');
  return (raw) => lookup.get(raw.toLowerCase()) ?? new CellError(RowErrorCode.InvalidEnum, `"${raw}" is not one of: ${allowed}`);
}

export function parseText(raw: string, maxLength: number): Parsed<string> {
  return raw.length <= maxLength ? raw : new CellError(RowErrorCode.TooLong, `Text is ${raw.length} characters long; at most ${maxLength} are allowed`);
}

export function parseUrl(raw: string): Parsed<string> {
  try {
    const u = new URL(raw);
    if (u.protocol === 'http:' || u.protocol === 'https:') return raw;
  } catch {
    // fall through to the error below
  }
  return new CellError(RowErrorCode.InvalidUrl, `"${raw}" is not a web address: it must start with http:// or https://`);
}
