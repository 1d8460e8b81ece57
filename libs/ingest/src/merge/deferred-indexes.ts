import { PoolClient } from 'pg';

const LOCK_NOT_AVAILABLE = '55P03';
const UNIQUE_VIOLATION = '23505';

/** How long a first load waits for the table's exclusive lock before it keeps the indexes. */
const LOCK_WAIT = '2s';

/** An index of the target table, as it is recreated after the load. */
interface SavedIndex {
  name: string;
  /** `ALTER TABLE … ADD CONSTRAINT …` for a primary key or unique constraint, else `CREATE INDEX …`. */
  create: string;
  /** The primary key or unique constraint the index backs (dropped with it), else null. */
  constraintName: string | null;
}

/**
 * The file repeats a natural key: without the unique index a first load cannot keep
 * "the last row wins", so the loader starts the import over the ordinary way.
 */
export class RepeatedKeyOnDeferredLoad extends Error {
  constructor() {
    super('a first load without indexes met a repeated natural key');
  }
}

/**
 * A big first load (the table was empty as the import began) COPYs into the table
 * without its indexes and builds them once at the end: PostgreSQL then sorts each index
 * once (in parallel with its maintenance workers) instead of inserting every row into
 * every B-tree, which was half of the server's CPU for a province's attendance
 * (docs/decisions/ingest-binary-copy.md). The indexes are dropped and recreated in the
 * import's transaction under an ACCESS EXCLUSIVE lock: readers of the (empty) table
 * wait until the import commits, a rollback brings the indexes back untouched, and the
 * recreated ones have the same names and definitions.
 *
 * Returns undefined (nothing changed) when the lock is not granted within LOCK_WAIT
 * (a long reader holds the table), when another table's foreign key depends on one of
 * the indexes, or when the table is no longer empty.
 */
export async function dropIndexesForLoad(client: PoolClient, table: string): Promise<DeferredIndexes | undefined> {
  await client.query('SAVEPOINT ingest_defer_indexes');
  try {
    await client.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
    await client.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
    await client.query('SET LOCAL lock_timeout = DEFAULT');
    const referenced = await client.query(`SELECT 1 FROM pg_constraint WHERE confrelid = $1::regclass AND contype = 'f' LIMIT 1`, [table]);
    const empty = (await client.query(`SELECT 1 FROM "${table}" LIMIT 1`)).rowCount === 0;
    if (referenced.rowCount !== 0 || !empty) {
      await client.query('ROLLBACK TO SAVEPOINT ingest_defer_indexes');
      return undefined;
    }
    const { rows } = await client.query<SavedIndex>(
      `SELECT i.relname AS name,
              c.conname AS "constraintName",
              CASE WHEN c.conname IS NOT NULL
                   THEN format('ALTER TABLE %I ADD CONSTRAINT %I %s', $1::text, c.conname, pg_get_constraintdef(c.oid))
                   ELSE pg_get_indexdef(x.indexrelid) END AS create
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u', 'x')
        WHERE x.indrelid = $1::regclass
        ORDER BY x.indisprimary DESC, i.relname`,
      [table],
    );
    for (const ix of rows) {
      if (ix.constraintName) await client.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${ix.constraintName}"`);
      else await client.query(`DROP INDEX "${ix.name}"`);
    }
    await client.query('RELEASE SAVEPOINT ingest_defer_indexes');
    return new DeferredIndexes(table, rows);
  } catch (error) {
    if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
    await client.query('ROLLBACK TO SAVEPOINT ingest_defer_indexes');
    return undefined;
  }
}

/** The dropped indexes of a first load, rebuilt by rebuild() before the import commits. */
export class DeferredIndexes {
  constructor(
    readonly table: string,
    private readonly saved: readonly SavedIndex[],
  ) {}

  /**
   * Builds every index again (the primary key first). A unique violation means the file
   * repeated a natural key across segments: RepeatedKeyOnDeferredLoad (the loader then
   * rolls back and loads the file the ordinary way, where the last row wins).
   */
  async rebuild(client: PoolClient): Promise<void> {
    // Per statement of this transaction only: a sort in memory rather than in temp files.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    try {
      for (const ix of this.saved) await client.query(ix.create);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new RepeatedKeyOnDeferredLoad();
      throw error;
    }
  }
}
