/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings via day numbers (days since 1970-01-01, UTC);
 * business dates have no time zone once they are dates.
 */
// Howard Hinnant's civil-date algorithms: pure integer arithmetic, far cheaper than Date.
export function toDay(date: string): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

/** A month as a single integer: year * 12 + (month - 1). */
export type MonthIndex = number;

export function monthOf(date: string): MonthIndex {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

export function monthLabel(month: MonthIndex): string {
  const y = Math.floor(month / 12);
  const m = (month % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

export function firstDayOf(month: MonthIndex): string {
  return `${monthLabel(month)}-01`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(month: MonthIndex): number {
  const y = Math.floor(month / 12);
  const m = month % 12;
  const leap = m === 1 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return MONTH_DAYS[m] + (leap ? 1 : 0);
}

export function lastDayOf(month: MonthIndex): string {
  return `${monthLabel(month)}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** The date `day` (1-based, clamped to the month's length) of a month. */
export function dayOfMonth(month: MonthIndex, day: number): string {
  const d = Math.max(1, Math.min(day, daysInMonth(month)));
  return `${monthLabel(month)}-${String(d).padStart(2, '0')}`;
}

/** Today in Asia/Shanghai, the service's business time zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && fromDay(toDay(s)) === s && !Number.isNaN(Date.parse(s));
}
