const YUAN = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/**
 * "1234.5" or 1234.5 yuan → 123450 fen, exactly (string arithmetic, no floating point).
 * Returns null when the value is not a non-negative amount with at most 2 decimals.
 */
export function yuanToFen(value: string | number): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = YUAN.exec(text);
  if (!m) return null;
  const cents = (m[2] ?? '').slice(1).padEnd(2, '0');
  return Number(m[1]) * 100 + Number(cents);
}

/** 123450 fen → "1234.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
