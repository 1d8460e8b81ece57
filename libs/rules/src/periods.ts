/** Calendar arithmetic on 'YYYY-MM-DD' strings (business dates, no time zone involved). */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** First day of the month `delta` months after the month of `date`. */
export function addMonths(date: string, delta: number): string {
  const [y, m] = parts(date);
  const index = y * 12 + (m - 1) + delta;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}-01`;
}

/** The assessed period P of a scan as of D: the calendar month before D's month. */
export function assessedPeriod(asOf: string): string {
  return addMonths(asOf, -1);
}

/** 'YYYY-MM-01' → 'YYYY-MM' (how evidence shows a period). */
export function periodLabel(period: string): string {
  parts(period);
  return period.slice(0, 7);
}

export function isPeriod(value: string): boolean {
  return DATE_RE.test(value) && value.endsWith('-01');
}
