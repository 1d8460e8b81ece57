/** Business dates of scans: calendar days in Asia/Shanghai, as 'YYYY-MM-DD' strings. */
export const BUSINESS_TZ = 'Asia/Shanghai';

/** Today's date in a time zone (en-CA formats as YYYY-MM-DD). */
export function todayIn(timeZone: string = BUSINESS_TZ, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
