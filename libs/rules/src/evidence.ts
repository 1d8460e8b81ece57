import { fenToYuan } from '@wage/money';
import { isPeriod, periodLabel } from './periods';

/** At most this many affected workers are listed in an alert's evidence. */
export const MAX_LISTED_WORKERS = 20;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * SQL returns money as integer fen under keys ending in `Fen`; evidence shows yuan.
 * Every `xxxFen` key (at any depth) becomes `xxxYuan` with a "12345.60" string, and
 * `period` values become 'YYYY-MM'.
 */
export function toEvidence(value: unknown): Json {
  if (Array.isArray(value)) return value.map(toEvidence);
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key.endsWith('Fen') && (typeof v === 'number' || typeof v === 'string') && v !== '') {
        out[`${key.slice(0, -3)}Yuan`] = fenToYuan(BigInt(v));
      } else if (key.endsWith('Fen') && (v === null || v === undefined)) {
        out[`${key.slice(0, -3)}Yuan`] = null;
      } else if (key === 'period' && typeof v === 'string' && isPeriod(v)) {
        out.period = periodLabel(v);
      } else {
        out[key] = toEvidence(v);
      }
    }
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** Evidence of a finding: the shaped figures plus the shaped worker list, if any. */
export function buildEvidence(figures: Record<string, unknown>): Record<string, unknown> {
  return toEvidence(figures) as Record<string, unknown>;
}
