import { IsoDate, shanghaiDate } from './working-days';

/**
 * The business clock (issue 16): every business date, month and deadline of the service is
 * an Asia/Shanghai calendar day (the spec: rules.md, reports.md, api.md). It is fixed, not
 * configurable: SCAN_TZ only says when the nightly jobs fire (docs/decisions/
 * business-time-zone.md). In TypeScript the date of an instant is `shanghaiDate`
 * (working-days.ts, a fixed UTC+8 offset); in SQL use the pieces below, never a
 * hand-written `AT TIME ZONE`.
 */
export const BUSINESS_TZ = 'Asia/Shanghai';

/** 'YYYY-MM': the business month of an instant. */
export function businessMonth(instant: Date): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** SQL: the business date (a `date`) of the timestamptz expression `expr`. */
export const businessDateSql = (expr: string): string => `((${expr}) AT TIME ZONE '${BUSINESS_TZ}')::date`;

/** SQL: 'YYYY-MM', the business month of the timestamptz expression `expr`. */
export const businessMonthSql = (expr: string): string => `to_char((${expr}) AT TIME ZONE '${BUSINESS_TZ}', 'YYYY-MM')`;

export type { IsoDate };
