import { calendarYearProblems, readShippedCalendars } from './calendar-year';
import {
  addCalendarDays,
  dayOfWeek,
  endOfShanghaiDay,
  isIsoDate,
  shanghaiDate,
  startOfShanghaiDay,
  WorkingDayRules,
} from './working-days';

const shipped = readShippedCalendars();
const rules = new WorkingDayRules(
  shipped.flatMap((c) => c.holidays),
  shipped.flatMap((c) => c.workdays),
);

describe('business dates in Asia/Shanghai', () => {
  it('takes the Shanghai date, not the UTC date', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2026-11-02T17:30:00Z'))).toBe('2026-11-03');
    expect(shanghaiDate(new Date('2026-11-02T15:59:00Z'))).toBe('2026-11-02');
  });

  it('ends and starts a day at Shanghai midnight', () => {
    expect(endOfShanghaiDay('2026-03-02').toISOString()).toBe('2026-03-02T15:59:59.999Z');
    expect(startOfShanghaiDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('validates dates strictly', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-28')).toBe(false);
    expect(isIsoDate(20260228)).toBe(false);
    expect(() => rules.isWorkingDay('2026-13-01')).toThrow(RangeError);
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });

  it('does calendar arithmetic across month and year ends', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-12-01', -400)).toBe('2025-10-27');
    expect(dayOfWeek('2026-11-22')).toBe(0);
  });
});

describe('WorkingDayRules with the shipped 2026/2027 calendar', () => {
  it('treats plain weekdays as working and weekends as not', () => {
    expect(rules.isWorkingDay('2026-03-02')).toBe(true); // Monday
    expect(rules.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(rules.isWorkingDay('2026-03-08')).toBe(false); // Sunday
  });

  it('knows the 2026 holidays and make-up days of the State Council notice', () => {
    expect(rules.isWorkingDay('2026-01-01')).toBe(false);
    expect(rules.isWorkingDay('2026-01-02')).toBe(false); // Friday, holiday
    expect(rules.isWorkingDay('2026-01-04')).toBe(true); // Sunday worked
    expect(rules.isWorkingDay('2026-02-14')).toBe(true); // Saturday worked
    expect(rules.isWorkingDay('2026-02-23')).toBe(false); // Monday, Spring Festival
    expect(rules.isWorkingDay('2026-02-28')).toBe(true);
    expect(rules.isWorkingDay('2026-05-05')).toBe(false);
    expect(rules.isWorkingDay('2026-05-09')).toBe(true);
    expect(rules.isWorkingDay('2026-09-20')).toBe(true);
    expect(rules.isWorkingDay('2026-10-07')).toBe(false);
    expect(rules.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('counts 13 statutory days net in each shipped year', () => {
    for (const c of shipped) {
      const weekdayHolidays = c.holidays.filter((d) => dayOfWeek(d) % 6 !== 0).length;
      expect(weekdayHolidays - c.workdays.length).toBe(13);
    }
  });

  it('adds working days over a weekend', () => {
    expect(rules.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Fri → Mon
    expect(rules.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Sat → Mon
    expect(rules.addWorkingDays('2026-03-02', 5)).toBe('2026-03-09');
    expect(rules.addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
  });

  it('skips a holiday block and lands on a make-up Saturday', () => {
    // Thu 12 Feb → Fri 13, Sat 14 (make-up), then 15–23 off, Tue 24.
    expect(rules.addWorkingDays('2026-02-12', 1)).toBe('2026-02-13');
    expect(rules.addWorkingDays('2026-02-12', 2)).toBe('2026-02-14');
    expect(rules.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    // National Day: Tue 29 Sep → Wed 30, then Oct 1–7 off, Thu 8, Fri 9, Sat 10 (make-up).
    expect(rules.addWorkingDays('2026-09-29', 4)).toBe('2026-10-10');
    expect(rules.addWorkingDays('2026-09-29', 5)).toBe('2026-10-12');
  });

  it('crosses the year boundary into the next year\'s holidays', () => {
    // Thu 31 Dec 2026 → Fri 1 Jan 2027 holiday, weekend, Mon 4 Jan.
    expect(rules.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    // Wed 31 Dec 2025 → 2026 Jan 1–3 off, Sun 4 Jan worked.
    expect(rules.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
  });

  it('counts working days between two dates consistently with adding them', () => {
    for (const [from, n] of [['2026-02-10', 7], ['2026-09-18', 12], ['2026-12-24', 10], ['2027-04-01', 3]] as const) {
      const to = rules.addWorkingDays(from, n);
      expect(rules.workingDaysBetween(from, to)).toBe(n);
      expect(rules.workingDaysBetween(to, from)).toBe(-n);
    }
    expect(rules.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(rules.workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
  });

  it('falls back to Monday–Friday for years without data', () => {
    expect(rules.isWorkingDay('2030-01-01')).toBe(true); // Tuesday, unknown year
    expect(rules.addWorkingDays('2030-01-04', 1)).toBe('2030-01-07');
  });

  it('refuses negative or fractional day counts', () => {
    expect(() => rules.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => rules.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('deadline at the end of the Nth working day in Shanghai', () => {
  const deadline = (from: string, days: number): string =>
    endOfShanghaiDay(rules.addWorkingDays(shanghaiDate(new Date(from)), days)).toISOString();

  it('uses the Shanghai business date of late-UTC instants', () => {
    // 2026-03-06 17:00Z is already Saturday 01:00 in Shanghai → next working day Monday.
    expect(deadline('2026-03-06T17:00:00Z', 1)).toBe('2026-03-09T15:59:59.999Z');
    // 2026-03-06 15:00Z is Friday 23:00 in Shanghai → also Monday.
    expect(deadline('2026-03-06T15:00:00Z', 1)).toBe('2026-03-09T15:59:59.999Z');
    // Thursday 23:30 Shanghai → Friday.
    expect(deadline('2026-03-05T15:30:00Z', 1)).toBe('2026-03-06T15:59:59.999Z');
  });
});

describe('calendarYearProblems', () => {
  it('accepts the shipped files', () => {
    for (const c of shipped) expect(calendarYearProblems(c)).toEqual([]);
    expect(shipped.map((c) => c.year)).toEqual(expect.arrayContaining([2026, 2027]));
  });

  it('lists every problem', () => {
    const problems = calendarYearProblems({
      year: 2026,
      holidays: ['2026-10-01', '2026-10-01', '2027-01-01', '2026-02-30'],
      workdays: ['2026-10-09', '2026-10-10'],
      notes: { '2026-05-01': 'x' },
    });
    expect(problems).toEqual([
      'holidays: 2026-10-01 is listed twice (also in holidays)',
      'holidays: 2027-01-01 is not in 2026',
      'holidays: "2026-02-30" is not a date of the form YYYY-MM-DD',
      'workdays: 2026-10-09 is a weekday; list only make-up working days on a Saturday or Sunday',
      'notes: 2026-05-01 is neither in holidays nor in workdays',
    ]);
  });
});
