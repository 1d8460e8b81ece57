/**
 * A timestamptz as JavaScript's Date.toJSON() writes it (UTC, milliseconds truncated as
 * Date does), for JSON that PostgreSQL builds: the same text the API writes for a Date.
 */
export const isoSql = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
