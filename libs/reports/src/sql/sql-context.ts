import { callerScope } from '@wage/alerts';
import { startOfShanghaiDay } from '@wage/calendar';
import type { Principal } from '@wage/auth';
import type { GroupBy, ReportWindow, Snapshot } from '../report-window';

/** How one kind of record is placed in a report row: its unit, region and month (SQL expressions). */
export interface RecordPlace {
  /** The inspection unit the record belongs to (NULL = unrouted). */
  unit: string;
  /** Its 6-digit region code (NULL = unknown). */
  region: string;
  /** 'YYYY-MM' of the event (see monthOfInstant / monthOfDay). */
  month: string;
}

export const UNROUTED_KEY = 'unrouted';
export const UNKNOWN_REGION_KEY = 'unknown';
export const ALL_KEY = 'all';


export interface ReportQuery {
  window: ReportWindow;
  groupBy: GroupBy;
  regionCode?: string;
  unitCode?: string;
  principal: Principal;
}

/**
 * Builds the parts every figure query shares: positional parameters, the caller's scope
 * (the alerts' scope rule of @wage/alerts, applied to the unit a record belongs to),
 * the regionCode/unitCode narrowing, and the row key of the grouping. One context per
 * statement, because parameters are numbered per statement.
 */
export class SqlContext {
  readonly params: unknown[] = [];

  constructor(readonly q: ReportQuery) {}

  /**
   * No figure of this report depends on where a record is placed: no unit or region
   * grouping, no narrowing, and a caller who sees everything (admins' and auditors'
   * headline and monthly figures). Statements then skip the joins that only place
   * records (alert events need no alert row: the store writes events only for existing
   * alerts, and alerts are never deleted).
   */
  get placeFree(): boolean {
    return (this.q.groupBy === 'none' || this.q.groupBy === 'month') && !this.narrowed;
  }

  /** The caller's scope or the narrowing leaves some records out (statements may then read only the records in scope). */
  get narrowed(): boolean {
    return !!this.q.regionCode || !!this.q.unitCode || !callerScope(this.q.principal).seesAll;
  }

  /** A figure depends on a record's region (grouped or narrowed by it): only then are alerts joined to their project. */
  get needsRegion(): boolean {
    return this.q.groupBy === 'region' || !!this.q.regionCode;
  }

  /** A parameter placeholder for `value`. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get start(): string {
    return this.p(this.q.window.startTs);
  }

  get end(): string {
    return this.p(this.q.window.endTs);
  }

  /**
   * Scope and narrowing of records placed by `place`: `scopeAlias` must be an alias whose
   * `unit_code` column is the record's unit (what the scope rule of alerts reads).
   */
  where(scopeAlias: string, place: RecordPlace): string {
    const scope = callerScope(this.q.principal).alerts(scopeAlias, this.params.length + 1);
    this.params.push(...scope.params);
    const parts = [`(${scope.sql})`];
    if (this.q.regionCode) parts.push(`${place.region} LIKE ${this.p(`${this.q.regionCode}%`)}`);
    if (this.q.unitCode) parts.push(`${place.unit} = ${this.p(this.q.unitCode)}`);
    return parts.join(' AND ');
  }

  /**
   * 'YYYY-MM' of an instant inside the range (its Shanghai calendar month): a binary
   * search of the month starts (width_bucket), cheaper than formatting every row's
   * timestamp. 'NULL' unless grouping by month (no unused parameters).
   */
  monthOfInstant(expr: string): string {
    if (this.q.groupBy !== 'month') return 'NULL';
    const starts = this.q.window.months.slice(1).map((m) => startOfShanghaiDay(m.firstDay));
    return `(${this.p(this.q.window.months.map((m) => m.month))}::text[])[width_bucket(${expr}, ${this.p(starts)}::timestamptz[]) + 1]`;
  }

  /** The same for a business date inside the range. */
  monthOfDay(expr: string): string {
    if (this.q.groupBy !== 'month') return 'NULL';
    const starts = this.q.window.months.slice(1).map((m) => m.firstDay);
    return `(${this.p(this.q.window.months.map((m) => m.month))}::text[])[width_bucket(${expr}, ${this.p(starts)}::date[]) + 1]`;
  }

  /** The row key of a record for the grouping (text, never NULL). */
  key(place: RecordPlace): string {
    switch (this.q.groupBy) {
      case 'unit':
        return `coalesce(${place.unit}, '${UNROUTED_KEY}')`;
      case 'region':
        return `coalesce(${place.region}::text, '${UNKNOWN_REGION_KEY}')`;
      case 'month':
        return place.month;
      default:
        return `'${ALL_KEY}'`;
    }
  }

  /**
   * Snapshots as a row source `alias(month, d, t)`: month key, business date, instant.
   */
  snapshotSource(snaps: Snapshot[], alias: string): string {
    return `unnest(${this.p(snaps.map((s) => s.month ?? ALL_KEY))}::text[], ${this.p(snaps.map((s) => s.date))}::date[],
                   ${this.p(snaps.map((s) => s.at))}::timestamptz[]) AS ${alias}(month, d, t)`;
  }
}
