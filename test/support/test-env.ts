import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { migrateDatabase } from '@wage/database';
import { adminUrl, databaseUrlFor, TEMPLATE_ENV, templateEnabled } from './template-db';

const BASE_DATABASE_URL = adminUrl();
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Test-only encryption key (test code, not the service's: the service has no secret
 * constant). Explicit, so fixtures written straight into the database (fixtures.ts)
 * are sealed with the key the app under test boots with.
 */
export const TEST_DATA_ENCRYPTION_KEY = Buffer.from('wage-warning-test-key-not-secret').toString('base64');

export interface TestEnv {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  /** DATA_DIR of this test (uploads, and generated secrets of child processes). */
  dataDir: string;
  /** Drops the database and deletes every Redis key under the queue prefix. */
  destroy(): Promise<void>;
}

export interface TestEnvOptions {
  /** An empty database instead of a migrated one: for tests of the migrations themselves. */
  empty?: boolean;
}

/**
 * Each e2e test file gets its own PostgreSQL database and BullMQ prefix, so files can
 * run in parallel and leave nothing behind. Sets process.env for loadConfig().
 * The database is a copy of the run's migrated template (test/support/global-setup.ts),
 * which is much cheaper than running every migration again; the service still runs
 * its migrations on start, and finds none pending. With TEST_TEMPLATE_DB=off the file's
 * database is migrated here instead, as before the template existed.
 */
export async function createTestEnv(extraEnv: Record<string, string> = {}, options: TestEnvOptions = {}): Promise<TestEnv> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const dbName = `wage_test_${suffix}`;
  const template = options.empty ? undefined : process.env[TEMPLATE_ENV];
  const admin = new Client({ connectionString: BASE_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE ${dbName} TEMPLATE ${template}` : `CREATE DATABASE ${dbName}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = databaseUrlFor(dbName);
  if (!template && !options.empty && !templateEnabled()) await migrateDatabase(databaseUrl);
  // A copy shares the template's service instance id; a new database must have its own
  // (queue-prefix ownership tells databases apart by it).
  if (template) await renewServiceInstance(databaseUrl);
  const dataDir = mkdtempSync(join(tmpdir(), 'wage-test-data-'));
  const env: TestEnv = {
    databaseUrl,
    redisUrl: REDIS_URL,
    queuePrefix: `test_${suffix}`,
    dataDir,
    async destroy() {
      const c = new Client({ connectionString: BASE_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
      await deleteRedisPrefix(REDIS_URL, env.queuePrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: env.queuePrefix,
    // Real servers for the suite (the embedded default has its own e2e test), and
    // explicit secrets: a test never reads or writes the developer's ./.data.
    QUEUE_BACKEND: 'redis',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...extraEnv,
  });
  return env;
}

async function renewServiceInstance(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('UPDATE service_instance SET id = uuid_generate_v4(), created_at = now()');
  } finally {
    await db.end();
  }
}

export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
