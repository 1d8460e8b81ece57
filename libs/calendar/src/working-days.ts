/**
 * Pure working-day arithmetic on business dates ('YYYY-MM-DD', Asia/Shanghai). No I/O,
 * no clock: everything the service computes about deadlines goes through here.
 *
 * China has used UTC+8 without daylight saving since 1991, so the business date of an
 * instant is its UTC time shifted by a fixed 8 hours (no tz database needed).
 */
export type IsoDate = string;

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** true for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`"${value}" is not a date of the form YYYY-MM-DD`);
}

function utcMidnight(date: IsoDate): number {
  assertIsoDate(date);
  return Date.parse(`${date}T00:00:00.000Z`);
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid Date');
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 23:59:59.999 Asia/Shanghai of a business date, as an instant. */
export function endOfShanghaiDay(date: IsoDate): Date {
  return new Date(utcMidnight(date) + DAY_MS - 1 - SHANGHAI_OFFSET_MS);
}

/** 00:00 Asia/Shanghai of a business date, as an instant. */
export function startOfShanghaiDay(date: IsoDate): Date {
  return new Date(utcMidnight(date) - SHANGHAI_OFFSET_MS);
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/**
 * Monday–Friday, minus public holidays, plus official make-up working days (调休上班).
 * Years the calendar has no data for fall back to plain Monday–Friday.
 */
export class WorkingDayRules {
  private readonly holidays: ReadonlySet<IsoDate>;
  private readonly workdays: ReadonlySet<IsoDate>;

  constructor(holidays: Iterable<IsoDate> = [], workdays: Iterable<IsoDate> = []) {
    this.holidays = new Set(holidays);
    this.workdays = new Set(workdays);
  }

  isWorkingDay(date: IsoDate): boolean {
    assertIsoDate(date);
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return !isWeekend(date);
  }

  /**
   * The Nth working day after `date` (not counting `date` itself). N = 0 returns
   * `date` unchanged, whether or not it is a working day.
   */
  addWorkingDays(date: IsoDate, days: number): IsoDate {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number >= 0, got ${days}`);
    let current = date;
    assertIsoDate(current);
    for (let left = days; left > 0; ) {
      current = addCalendarDays(current, 1);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  /**
   * Working days d with a < d <= b; negative when b is before a. So
   * workingDaysBetween(a, addWorkingDays(a, n)) === n.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = utcMidnight(a);
    const to = utcMidnight(b);
    if (to < from) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let t = from + DAY_MS; t <= to; t += DAY_MS) {
      if (this.isWorkingDay(new Date(t).toISOString().slice(0, 10))) count += 1;
    }
    return count;
  }
}
