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

/** rules.md: only asOf dates from this many days before today up to today are accepted. */
export const SCAN_WINDOW_DAYS = 400;

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type ScanDateCheck = { ok: true } | { ok: false; status: 400 | 403; message: string };

/**
 * Which as-of dates a caller may scan (rules.md, workflow.md "Scans"): today (Asia/Shanghai)
 * back to SCAN_WINDOW_DAYS days before it; brigade leads only today, admins any of them.
 */
export function checkScanDate(asOf: string, today: string, mayBackdate: boolean): ScanDateCheck {
  const earliest = addDays(today, -SCAN_WINDOW_DAYS);
  if (asOf > today) return { ok: false, status: 400, message: `asOf ${asOf} is in the future; the latest date a scan accepts is today, ${today} (Asia/Shanghai)` };
  if (asOf < earliest) {
    return { ok: false, status: 400, message: `asOf ${asOf} is more than ${SCAN_WINDOW_DAYS} days ago; scans accept dates from ${earliest} to ${today}` };
  }
  if (!mayBackdate && asOf !== today) {
    return { ok: false, status: 403, message: `brigade leads may scan only today's date (${today}); an admin can run a scan for ${asOf}` };
  }
  return { ok: true };
}
