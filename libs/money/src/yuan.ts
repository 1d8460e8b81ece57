/**
 * Money is integer fen everywhere (never a float); yuan exists only as text at the edges:
 * parsed from files and API bodies, formatted for what users read. One parser serves
 * ingest and the API so that both accept exactly the same amounts.
 */

/** Why a text is not an amount in yuan. */
export type YuanProblem = 'format' | 'negative' | 'too-large';

export type ParsedYuan = { fen: number; problem?: undefined } | { fen?: undefined; problem: YuanProblem };

const PLAIN = /^(\d+)(?:\.(\d{1,2}))?$/;
/** A thousands separator such as "12,345.60" (spreadsheets export it, inspectors type it). */
const GROUPED = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;
/** 10^13 yuan: far above any contract, and fen stays below 2^53. */
export const MAX_YUAN_DIGITS = 13;
const MAX_FEN = 10 ** (MAX_YUAN_DIGITS + 2);
/** Texts shorter than this cannot exceed MAX_YUAN_DIGITS whole digits plus 2 decimals. */
const FAST_PATH_LENGTH = 16;

/**
 * Yuan with at most 2 decimals → integer fen, by string arithmetic. Leading zeros are
 * ignored ("007.50" is 7.50 yuan), in files and in the API alike.
 */
export function parseYuan(raw: string): ParsedYuan {
  // Fast path for the plain form (the bulk of any file): one pass over the digits.
  let fen = 0;
  let decimals = -1;
  let i = 0;
  for (; i < raw.length && i < FAST_PATH_LENGTH; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (decimals >= 0 && ++decimals > 2) break;
      fen = fen * 10 + (c - 48);
    } else if (c === 46 && decimals < 0 && i > 0) decimals = 0;
    else break;
  }
  if (i === raw.length && i > 0 && i < FAST_PATH_LENGTH && decimals !== 0) {
    const scaled = decimals === 2 ? fen : decimals === 1 ? fen * 10 : fen * 100;
    return scaled < MAX_FEN ? { fen: scaled } : { problem: 'too-large' };
  }
  const m = PLAIN.exec(raw) ?? GROUPED.exec(raw);
  if (!m) return { problem: raw.startsWith('-') ? 'negative' : 'format' };
  const whole = m[1].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_YUAN_DIGITS) return { problem: 'too-large' };
  const cents = (m[2] ?? '').padEnd(2, '0');
  return { fen: Number(whole) * 100 + Number(cents) };
}

/**
 * An API value (JSON string or number) → fen, or null when it is not an amount. A number
 * is read through its shortest decimal text, so 0.1 is 10 fen and 0.1 + 0.2 is refused.
 */
export function yuanToFen(value: string | number): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  return parseYuan(text).fen ?? null;
}

/** Integer fen (bigint columns arrive as strings) → yuan with two decimals: 1234560 → "12345.60", -5 → "-0.05". */
export function fenToYuan(fen: number | string | bigint): string {
  const v = BigInt(fen);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** fenToYuan that passes null (and undefined) through as null: an amount not known. */
export function fenToYuanOrNull(fen: number | string | bigint | null | undefined): string | null {
  return fen === null || fen === undefined ? null : fenToYuan(fen);
}
