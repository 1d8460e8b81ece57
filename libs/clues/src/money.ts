const YUAN = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/**
 * "1234.5" or 1234.5 yuan → 123450 fen, exactly (string arithmetic, no floating point);
 * null when not a non-negative amount with at most 2 decimals. (Same rule as the alert
 * resolutions in libs/workflow, which does not export it.)
 */
export function yuanToFen(value: string | number): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = YUAN.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').slice(1).padEnd(2, '0'));
}
