import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '@wage/calendar';

export const GROUP_BYS = ['none', 'unit', 'region', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** One calendar month of the range, clamped to it. */
export interface MonthSlot {
  /** 'YYYY-MM' */
  month: string;
  /** First day of the month inside the range (YYYY-MM-DD). */
  firstDay: string;
  /** Last day of the month inside the range (YYYY-MM-DD). */
  lastDay: string;
}

/**
 * The instant at which stock figures (active alerts, projects, coverage) are read: the
 * end of `to` or of a month. `live` when that instant has not come yet, so the current
 * rows are the answer; `date` is the business date projects and coverage are read on.
 */
export interface Snapshot {
  /** 'YYYY-MM' for groupBy=month, null otherwise. */
  month: string | null;
  at: Date;
  date: string;
  live: boolean;
}

/** The date range of a report as instants: [start of `from`, start of the day after `to`), Asia/Shanghai. */
export interface ReportWindow {
  from: string;
  to: string;
  startTs: Date;
  endTs: Date;
  months: MonthSlot[];
}

const lastDayOfMonth = (month: string): string => addCalendarDays(`${nextMonth(month)}-01`, -1);

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The default range of reports.md: 1 January of the current year to today (Asia/Shanghai). */
export function defaultRange(now: Date): { from: string; to: string } {
  const today = shanghaiDate(now);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

export function reportWindow(from: string, to: string): ReportWindow {
  const months: MonthSlot[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m)) {
    const first = `${m}-01`;
    const last = lastDayOfMonth(m);
    months.push({ month: m, firstDay: first < from ? from : first, lastDay: last > to ? to : last });
  }
  return { from, to, startTs: startOfShanghaiDay(from), endTs: startOfShanghaiDay(addCalendarDays(to, 1)), months };
}

/**
 * Where stock figures are read. groupBy=month: at the end of each month (or of `to`),
 * skipping months that have not begun; otherwise once, at the end of `to`. A snapshot
 * not yet reached is read live (current state), on today's date.
 */
export function snapshots(window: ReportWindow, groupBy: GroupBy, now: Date): Snapshot[] {
  const today = shanghaiDate(now);
  const make = (month: string | null, lastDay: string): Snapshot => {
    const at = startOfShanghaiDay(addCalendarDays(lastDay, 1));
    const live = at.getTime() > now.getTime();
    return { month, at, date: live ? today : lastDay, live };
  };
  if (groupBy !== 'month') return [make(null, window.to)];
  return window.months.filter((m) => m.firstDay <= today).map((m) => make(m.month, m.lastDay));
}
