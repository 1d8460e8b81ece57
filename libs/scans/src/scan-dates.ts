import { addCalendarDays, IsoDate } from '@wage/calendar';

/**
 * Which as-of dates a scan accepts. Business dates, today and date arithmetic are the
 * calendar's (@wage/calendar: shanghaiDate, isIsoDate, addCalendarDays).
 */

/** rules.md: only asOf dates from this many days before today up to today are accepted. */
export const SCAN_WINDOW_DAYS = 400;

export type ScanDateCheck = { ok: true } | { ok: false; status: 400 | 403; message: string };

/**
 * Which as-of dates a caller may scan (rules.md, workflow.md "Scans"): today (Asia/Shanghai)
 * back to SCAN_WINDOW_DAYS days before it; brigade leads only today, admins any of them.
 */
export function checkScanDate(asOf: IsoDate, today: IsoDate, mayBackdate: boolean): ScanDateCheck {
  const earliest = addCalendarDays(today, -SCAN_WINDOW_DAYS);
  if (asOf > today) return { ok: false, status: 400, message: `asOf ${asOf} is in the future; the latest date a scan accepts is today, ${today} (Asia/Shanghai)` };
  if (asOf < earliest) {
    return { ok: false, status: 400, message: `asOf ${asOf} is more than ${SCAN_WINDOW_DAYS} days ago; scans accept dates from ${earliest} to ${today}` };
  }
  if (!mayBackdate && asOf !== today) {
    return { ok: false, status: 403, message: `brigade leads may scan only today's date (${today}); an admin can run a scan for ${asOf}` };
  }
  return { ok: true };
}
