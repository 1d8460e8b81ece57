import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { describeDatabaseError } from './database-errors';

/** Any fixed 64-bit number shared by every process of this service. */
const MIGRATION_LOCK_KEY = 7_220_260_301;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that several
 * processes starting at once migrate exactly once: the first takes the lock and
 * migrates, the others wait, then find nothing pending.
 */
export async function migrateDatabase(databaseUrl: string, log: (msg: string) => void = () => undefined): Promise<string[]> {
  await ensureDatabaseExists(databaseUrl, log);
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 2 } });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(describeDatabaseError(error, databaseUrl), { cause: error });
  }
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`applied migration ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

/**
 * A fresh machine has PostgreSQL but not our database: create it (via the "postgres"
 * maintenance database) so that `npm start` works on a new clone. Concurrent starters
 * may race here; "already exists" is fine.
 */
async function ensureDatabaseExists(databaseUrl: string, log: (msg: string) => void): Promise<void> {
  const probe = new Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw new Error(describeDatabaseError(error, databaseUrl), { cause: error });
  } finally {
    await probe.end().catch(() => undefined);
  }
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    log(`created database ${name}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw new Error(describeDatabaseError(error, databaseUrl), { cause: error });
  } finally {
    await admin.end().catch(() => undefined);
  }
}
