import { businessDateSql, businessMonth, businessMonthSql } from './business-time';
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
  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2025-12-31T16:30:00Z', '2026-01-01'],
    ['2026-11-02T17:30:00Z', '2026-11-03'],
    ['2026-11-02T15:59:00Z', '2026-11-02'],
  ])('takes the Shanghai date, not the UTC date: %s is %s', (instant, date) => {
    expect(shanghaiDate(new Date(instant))).toBe(date);
  });

  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-03'],
    ['2026-03-31T16:00:00.000Z', '2026-04'],
    ['2025-12-31T16:00:00Z', '2026-01'],
  ])('takes the Shanghai month: %s is in %s', (instant, month) => {
    expect(businessMonth(new Date(instant))).toBe(month);
  });

  it('spells the same business date and month in SQL', () => {
    expect(businessDateSql('a.first_seen_at')).toBe(`((a.first_seen_at) AT TIME ZONE 'Asia/Shanghai')::date`);
    expect(businessMonthSql('e.at')).toBe(`to_char((e.at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`);
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
  // Plain weekdays and weekends, then the 2026 holidays and make-up days of the State Council notice.
  it.each([
    ['2026-03-02', true, 'Monday'],
    ['2026-03-07', false, 'Saturday'],
    ['2026-03-08', false, 'Sunday'],
    ['2026-01-01', false, 'New Year'],
    ['2026-01-02', false, 'Friday, holiday'],
    ['2026-01-04', true, 'Sunday worked'],
    ['2026-02-14', true, 'Saturday worked'],
    ['2026-02-23', false, 'Monday, Spring Festival'],
    ['2026-02-28', true, 'Saturday worked'],
    ['2026-05-05', false, 'Labour Day'],
    ['2026-05-09', true, 'Saturday worked'],
    ['2026-09-20', true, 'Sunday worked'],
    ['2026-10-07', false, 'National Day'],
    ['2026-10-10', true, 'Saturday worked'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(rules.isWorkingDay(date)).toBe(working);
  });

  it('counts 13 statutory days net in each shipped year', () => {
    for (const c of shipped) {
      const weekdayHolidays = c.holidays.filter((d) => dayOfWeek(d) % 6 !== 0).length;
      expect(weekdayHolidays - c.workdays.length).toBe(13);
    }
  });

  it.each([
    // over a weekend
    ['2026-03-06', 1, '2026-03-09', 'Fri → Mon'],
    ['2026-03-07', 1, '2026-03-09', 'Sat → Mon'],
    ['2026-03-02', 5, '2026-03-09', 'a working week'],
    ['2026-03-02', 0, '2026-03-02', 'zero days'],
    // a holiday block and a make-up Saturday: Thu 12 Feb → Fri 13, Sat 14 (make-up), then 15–23 off, Tue 24
    ['2026-02-12', 1, '2026-02-13', 'before Spring Festival'],
    ['2026-02-12', 2, '2026-02-14', 'onto the make-up Saturday'],
    ['2026-02-12', 3, '2026-02-24', 'over Spring Festival'],
    // National Day: Tue 29 Sep → Wed 30, then Oct 1–7 off, Thu 8, Fri 9, Sat 10 (make-up)
    ['2026-09-29', 4, '2026-10-10', 'onto the make-up Saturday after National Day'],
    ['2026-09-29', 5, '2026-10-12', 'over National Day'],
    // the year boundary: Thu 31 Dec 2026 → Fri 1 Jan 2027 holiday, weekend, Mon 4 Jan
    ['2026-12-31', 1, '2027-01-04', "into the next year's holidays"],
    // Wed 31 Dec 2025 → 2026 Jan 1–3 off, Sun 4 Jan worked
    ['2025-12-31', 1, '2026-01-04', 'into the next year, onto a worked Sunday'],
  ])('%s + %i working days = %s (%s)', (from, days, to) => {
    expect(rules.addWorkingDays(from, days)).toBe(to);
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

  it.each([
    ['2026-03-06T17:00:00Z', '2026-03-09T15:59:59.999Z', 'already Saturday 01:00 in Shanghai → Monday'],
    ['2026-03-06T15:00:00Z', '2026-03-09T15:59:59.999Z', 'Friday 23:00 in Shanghai → also Monday'],
    ['2026-03-05T15:30:00Z', '2026-03-06T15:59:59.999Z', 'Thursday 23:30 in Shanghai → Friday'],
  ])('uses the Shanghai business date of %s: one working day is due %s (%s)', (from, due) => {
    expect(deadline(from, 1)).toBe(due);
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
