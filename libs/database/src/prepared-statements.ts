import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult } from 'pg';
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
 *
 * `genericPlan`: run it on its generic plan, whatever `plan_cache_mode = auto` would
 * choose. Auto compares the generic plan's estimate with the custom plans' and keeps
 * planning a custom plan per execution when those look cheaper, which they can for a
 * statement whose values say much about its rows (the list's deep page after a boundary:
 * planned on every request, ≈ 1 ms of CPU, docs/decisions/alert-list-generic-plans.md).
 * Only for statements whose generic plan is known good for every value. The setting is
 * the statement's alone: once the statement is prepared on the connection, one simple
 * query `SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE name(values)` (one
 * round trip; the implicit transaction of a multi-statement query ends the SET LOCAL with
 * it, committed or failed). The first time on a connection, or for values that have no
 * plain literal, it is prepared the usual way between a SET and a RESET on the same
 * connection (a connection where either fails is discarded, never returned to the pool).
 */
export async function queryPrepared<T>(dataSource: DataSource, text: string, values: unknown[], options: { genericPlan?: boolean } = {}): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const query = { name: statementName(text), text, values };
  try {
    if (!options.genericPlan) return (await pool.query(query)).rows as T[];
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const execute = query.name && prepared.get(client)?.has(query.name) ? executeGeneric(client, query.name, values) : undefined;
      if (execute !== undefined) {
        try {
          return ((await client.query(execute)) as unknown as QueryResult[])[1].rows as T[];
        } catch (error) {
          // Deallocated behind our back (DISCARD, a pooler): prepare it again below.
          if ((error as { code?: string }).code !== INVALID_STATEMENT_NAME) throw error;
          prepared.get(client)?.delete(query.name as string);
        }
      }
      await client.query(GENERIC_ON).catch((e: Error) => Promise.reject((broken = e)));
      try {
        const rows = (await client.query(query)).rows as T[];
        if (query.name) prepared.set(client, (prepared.get(client) ?? new Set()).add(query.name));
        return rows;
      } finally {
        await client.query(GENERIC_OFF).catch((e: Error) => (broken = e));
      }
    } finally {
      client.release(broken);
    }
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/** The named statements this function has prepared, per connection (a closed connection's go with it). */
const prepared = new WeakMap<PoolClient, Set<string>>();

/**
 * The one-round-trip text of a generic-plan execution, or undefined when a value has no
 * literal that PostgreSQL reads exactly as pg would send it (pg sends every value as text
 * of unknown type; a quoted literal is an unknown-typed constant, read by the same input
 * function of the parameter's type).
 */
function executeGeneric(client: PoolClient, name: string, values: unknown[]): string | undefined {
  const literals: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined) literals.push('NULL');
    else if (typeof v === 'string') literals.push(client.escapeLiteral(v));
    else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint' || typeof v === 'boolean') literals.push(`'${String(v)}'`);
    else return undefined;
  }
  return `SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE ${name}${literals.length ? `(${literals.join(', ')})` : ''}`;
}

const GENERIC_ON = 'SET plan_cache_mode = force_generic_plan';
const GENERIC_OFF = 'RESET plan_cache_mode';
/** SQLSTATE invalid_sql_statement_name: EXECUTE of a name the connection does not hold. */
const INVALID_STATEMENT_NAME = '26000';
