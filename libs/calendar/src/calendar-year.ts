import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isIsoDate, isWeekend } from './working-days';

/** One year of the holiday calendar, as shipped in libs/calendar/data/<year>.json. */
export interface CalendarYear {
  year: number;
  /** Days off (whole holiday blocks, weekends inside them included). */
  holidays: string[];
  /** Official make-up working days (调休上班) on a Saturday or Sunday. */
  workdays: string[];
  /** Optional label per date, e.g. { "2026-10-01": "国庆节" }. */
  notes?: Record<string, string>;
  /** true while the State Council has not published the year (a derived guess). */
  provisional?: boolean;
  source?: string;
}

export const MAX_NOTE_LENGTH = 200;

/**
 * Everything wrong with a calendar year, as messages an admin can act on (empty when
 * valid). A make-up working day on a weekday would change nothing, so it is refused
 * as the likely typo it is.
 */
export function calendarYearProblems(c: CalendarYear): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const check = (list: string[], name: 'holidays' | 'workdays'): void => {
    for (const date of list) {
      if (!isIsoDate(date)) {
        problems.push(`${name}: "${date}" is not a date of the form YYYY-MM-DD`);
        continue;
      }
      if (!date.startsWith(`${c.year}-`)) problems.push(`${name}: ${date} is not in ${c.year}`);
      const before = seen.get(date);
      if (before) problems.push(`${name}: ${date} is listed twice (also in ${before})`);
      seen.set(date, name);
      if (name === 'workdays' && !isWeekend(date)) {
        problems.push(`workdays: ${date} is a weekday; list only make-up working days on a Saturday or Sunday`);
      }
    }
  };
  check(c.holidays, 'holidays');
  check(c.workdays, 'workdays');
  for (const [date, note] of Object.entries(c.notes ?? {})) {
    if (!seen.has(date)) problems.push(`notes: ${date} is neither in holidays nor in workdays`);
    if (typeof note !== 'string' || note.length > MAX_NOTE_LENGTH) {
      problems.push(`notes: the note of ${date} must be text of at most ${MAX_NOTE_LENGTH} characters`);
    }
  }
  return problems;
}

/** Where the shipped calendar files are (works from sources and from dist/). */
export const SHIPPED_CALENDAR_DIR = join(__dirname, '..', 'data');

/** Reads every <year>.json shipped with the service; throws on an invalid file. */
export function readShippedCalendars(dir: string = SHIPPED_CALENDAR_DIR): CalendarYear[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => {
      const parsed = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CalendarYear;
      const problems = calendarYearProblems(parsed);
      if (`${parsed.year}.json` !== f) problems.push(`year ${parsed.year} does not match the file name`);
      if (problems.length > 0) throw new Error(`Invalid calendar file ${f}:\n  - ${problems.join('\n  - ')}`);
      return parsed;
    });
}
