/**
 * Ratio arithmetic for evidence and severities (fen ↔ yuan is in @wage/money), exact: fen are integers and
 * thresholds are decimal fractions compared with BigInt cross-multiplication, so a
 * ratio of exactly 0.80 is never "below 0.80" through a floating-point accident.
 */

/** A decimal threshold such as 0.8 or 0.125 as an exact fraction num/den. */
function fraction(threshold: number): [bigint, bigint] {
  const text = String(threshold);
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`threshold must be a plain non-negative decimal: ${text}`);
  const [int, dec = ''] = text.split('.');
  return [BigInt(int + dec), 10n ** BigInt(dec.length)];
}

/** part / whole < threshold (false when whole is 0). */
export function shareBelow(part: number, whole: number, threshold: number): boolean {
  if (whole <= 0) return false;
  const [n, d] = fraction(threshold);
  return BigInt(part) * d < n * BigInt(whole);
}

/** part / whole > threshold (false when whole is 0). */
export function shareAbove(part: number, whole: number, threshold: number): boolean {
  if (whole <= 0) return false;
  const [n, d] = fraction(threshold);
  return BigInt(part) * d > n * BigInt(whole);
}

/** part / whole ≥ threshold (false when whole is 0). */
export function shareAtLeast(part: number, whole: number, threshold: number): boolean {
  return whole > 0 && !shareBelow(part, whole, threshold);
}

/** part / whole as a decimal string rounded half-up, e.g. (45, 100) → "0.4500"; null when whole is 0. */
export function ratioText(part: number, whole: number, digits = 4): string | null {
  if (whole <= 0) return null;
  const scale = 10n ** BigInt(digits);
  const scaled = (BigInt(part) * scale * 2n + BigInt(whole)) / (2n * BigInt(whole));
  const int = scaled / scale;
  const dec = (scaled % scale).toString().padStart(digits, '0');
  return digits > 0 ? `${int}.${dec}` : `${int}`;
}

/** fen × a decimal fraction, rounded up to whole fen (e.g. the 1 % deposit requirement). */
export function fenTimes(fen: number, threshold: number): number {
  const [n, d] = fraction(threshold);
  const product = BigInt(fen) * n;
  return Number((product + d - 1n) / d);
}
