import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';

/**
 * Named prepared statements for the hottest reads (docs/decisions/alert-list-prepared-statements.md).
 * pg sends a named statement's Parse once per connection and only Bind/Execute after
 * that, so PostgreSQL parses and plans it once per connection (a generic plan once it
 * proves as cheap as the custom ones: plan_cache_mode auto) instead of on every request.
 * Planning was about half of the alert list statement's time (issue 17).
 *
 * The name is a hash of the text: one text, one name, so a connection can never hold
 * a different statement under a name. Every distinct text stays prepared on every
 * connection that ran it until the connection closes, so only MAX_NAMES texts per process
 * get a name; the rest run unnamed, as before. Callers pass texts whose variety is bounded
 * (values as parameters, only the shape of the filters in the text).
 */
export const MAX_NAMES = 64;

const names = new Map<string, string>();

/** The statement name of `text`, or undefined once MAX_NAMES other texts have one. */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known || names.size >= MAX_NAMES) return known;
  const name = `w_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/**
 * `dataSource.query(text, values)` as a named prepared statement on the DataSource's own
 * pool (the TypeORM query runner has no way to name one). Rows come back as pg returns
 * them, like dataSource.query; a failure is TypeORM's QueryFailedError, like there.
 */
export async function queryPrepared<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  try {
    const result = await pool.query({ name: statementName(text), text, values });
    return result.rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
