import { Injectable, Logger, NotFoundException, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarYear, readShippedCalendars } from './calendar-year';
import { endOfShanghaiDay, IsoDate, shanghaiDate, WorkingDayRules } from './working-days';

/** How often every process re-reads the table, so an edit made via another process shows up. */
const RELOAD_INTERVAL_MS = 60_000;

export interface CalendarYearView extends Required<Omit<CalendarYear, 'source'>> {
  source: string | null;
  updatedAt: Date;
}

/**
 * Working days of the PRC calendar, held in memory (a few dozen rows a year) so that
 * deadline arithmetic is synchronous. The table is seeded from the shipped files for
 * every year it does not hold yet, and reloaded after an edit and once a minute.
 */
@Injectable()
export class WorkingCalendar implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WorkingCalendar.name);
  private rules = new WorkingDayRules();
  private years = new Set<number>();
  private readonly warnedYears = new Set<number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.seedShippedYears();
    await this.refresh();
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => {
      this.refresh().catch((e: unknown) => this.logger.warn(`calendar reload failed: ${(e as Error).message}`));
    }, RELOAD_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Is this business date (YYYY-MM-DD) a working day? */
  isWorkingDay(date: IsoDate): boolean {
    this.warnIfUnknown(date);
    return this.rules.isWorkingDay(date);
  }

  /** The business date (Asia/Shanghai) of an instant. */
  businessDate(instant: Date): IsoDate {
    return shanghaiDate(instant);
  }

  /**
   * Deadline: the end (23:59:59.999 Asia/Shanghai) of the Nth working day after the
   * business date of `from` (an instant, or the business date itself). An alert raised on
   * Friday with 1 day is due Monday night (or later, across a holiday).
   */
  addWorkingDays(from: Date | IsoDate, days: number): Date {
    const start = typeof from === 'string' ? from : shanghaiDate(from);
    const due = this.rules.addWorkingDays(start, days);
    this.warnIfUnknown(start);
    this.warnIfUnknown(due);
    return endOfShanghaiDay(due);
  }

  /** Working days after a's business date up to and including b's (negative if b < a). */
  workingDaysBetween(a: Date | IsoDate, b: Date | IsoDate): number {
    const from = typeof a === 'string' ? a : shanghaiDate(a);
    const to = typeof b === 'string' ? b : shanghaiDate(b);
    return this.rules.workingDaysBetween(from, to);
  }

  knownYears(): number[] {
    return [...this.years].sort((x, y) => x - y);
  }

  /** Re-reads the table into memory (called after every edit). */
  async refresh(): Promise<void> {
    const days: Array<{ date: string; kind: string }> = await this.dataSource.query('SELECT date, kind FROM calendar_days');
    const years: Array<{ year: number }> = await this.dataSource.query('SELECT year FROM calendar_years');
    this.rules = new WorkingDayRules(
      days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      days.filter((d) => d.kind === 'workday').map((d) => d.date),
    );
    this.years = new Set(years.map((y) => y.year));
  }

  async getYear(year: number): Promise<CalendarYearView> {
    const [row] = await this.dataSource.query<Array<{ provisional: boolean; source: string | null; updated_at: Date }>>(
      'SELECT provisional, source, updated_at FROM calendar_years WHERE year = $1',
      [year],
    );
    if (!row) throw new NotFoundException(`The calendar has no year ${year}; an admin can add it with PUT /api/v1/calendar/${year}`);
    const days: Array<{ date: string; kind: string; note: string | null }> = await this.dataSource.query(
      `SELECT date, kind, note FROM calendar_days WHERE date BETWEEN $1 AND $2 ORDER BY date`,
      [`${year}-01-01`, `${year}-12-31`],
    );
    const notes: Record<string, string> = {};
    for (const d of days) if (d.note) notes[d.date] = d.note;
    return {
      year,
      provisional: row.provisional,
      source: row.source,
      updatedAt: row.updated_at,
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
      notes,
    };
  }

  /** Replaces one year's holidays and make-up days (validated by the caller), then reloads. */
  async replaceYear(c: CalendarYear, editedBy: string): Promise<CalendarYearView> {
    await this.dataSource.transaction(async (m) => {
      await m.query('DELETE FROM calendar_days WHERE date BETWEEN $1 AND $2', [`${c.year}-01-01`, `${c.year}-12-31`]);
      await this.insertYear(m, c, `edited by ${editedBy}`, true);
    });
    await this.refresh();
    return this.getYear(c.year);
  }

  private async seedShippedYears(): Promise<void> {
    for (const c of readShippedCalendars()) {
      await this.dataSource.transaction((m) => this.insertYear(m, c, c.source ?? 'shipped calendar file', false));
    }
  }

  /** Writes a year. `overwrite` false: only when the year is absent (concurrent boots are safe). */
  private async insertYear(m: EntityManager, c: CalendarYear, source: string, overwrite: boolean): Promise<void> {
    const conflict = overwrite
      ? 'ON CONFLICT (year) DO UPDATE SET provisional = EXCLUDED.provisional, source = EXCLUDED.source, updated_at = now()'
      : 'ON CONFLICT (year) DO NOTHING';
    const inserted: unknown[] = await m.query(
      `INSERT INTO calendar_years (year, provisional, source) VALUES ($1, $2, $3) ${conflict} RETURNING year`,
      [c.year, c.provisional ?? false, source],
    );
    if (inserted.length === 0) return;
    const dates = [...c.holidays, ...c.workdays];
    const kinds = [...c.holidays.map(() => 'holiday'), ...c.workdays.map(() => 'workday')];
    const notes = dates.map((d) => c.notes?.[d] ?? null);
    await m.query(
      `INSERT INTO calendar_days (date, kind, note)
       SELECT * FROM unnest($1::date[], $2::varchar[], $3::text[]) ON CONFLICT (date) DO NOTHING`,
      [dates, kinds, notes],
    );
    if (!overwrite) this.logger.log(`calendar ${c.year} seeded from the shipped file${c.provisional ? ' (provisional)' : ''}`);
  }

  private warnIfUnknown(date: IsoDate): void {
    const year = Number(date.slice(0, 4));
    if (this.years.has(year) || this.warnedYears.has(year)) return;
    this.warnedYears.add(year);
    this.logger.warn(`the calendar has no holidays for ${year}; counting Monday–Friday only. Add the year with PUT /api/v1/calendar/${year}`);
  }
}
