import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendClasses, ConnectionOptions, createPostgresBackend, createRedisBackend, IQueueBackend, Job, withBackend } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@wage/database';
import { DEFAULT_JOB_OPTIONS, migrateQueueSchema, postgresQueueConnection, redisOptions } from '@wage/queues';

/**
 * npm run bench:queues [-- --jobs=2000 --concurrency=4 --only=redis,postgres,embedded]
 * N no-op jobs through one worker on each queue backend: Redis (BENCH_REDIS_URL), BullMQ's
 * PostgreSQL backend on a server (BENCH_DATABASE_URL), and on the embedded PostgreSQL
 * (a throwaway cluster, what `npm start` uses with nothing configured). Prints jobs/s for
 * enqueueing (addBulk, 100 a call) and for processing (worker start to last completion),
 * with the service's retention options.
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const JOBS = Number(args.jobs ?? 2000);
const CONCURRENCY = Number(args.concurrency ?? 4);
const ONLY = (args.only ?? 'redis,postgres,embedded').split(',');
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Result {
  backend: string;
  enqueuePerSec: number;
  processPerSec: number;
}

async function measure<K extends IQueueBackend, C>(backend: string, B: BackendClasses<K, C>, connection: C, prefix: string): Promise<Result> {
  const name = 'bench';
  const queue = new B.Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  const t0 = performance.now();
  for (let i = 0; i < JOBS; i += 100) {
    await queue.addBulk(Array.from({ length: Math.min(100, JOBS - i) }, (_, k) => ({ name: 'noop', data: { i: i + k } })));
  }
  const enqueueMs = performance.now() - t0;
  let done = 0;
  let finished: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (finished = resolve));
  const t1 = performance.now();
  const worker = new B.Worker(
    name,
    async (job: Job) => {
      void job;
      return null;
    },
    { connection, prefix, concurrency: CONCURRENCY },
  );
  worker.on('completed', () => {
    if (++done === JOBS) finished();
  });
  await all;
  const processMs = performance.now() - t1;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { backend, enqueuePerSec: Math.round((JOBS / enqueueMs) * 1000), processPerSec: Math.round((JOBS / processMs) * 1000) };
}

async function onPostgres(backend: string, serverUrl: string): Promise<Result> {
  const db = `wage_bench_queues_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const url = new URL(serverUrl);
  url.pathname = `/${db}`;
  try {
    await migrateQueueSchema(url.toString(), 'bench');
    return await measure(backend, withBackend(createPostgresBackend), postgresQueueConnection(url.toString(), 'bench'), 'bench');
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const results: Result[] = [];
  if (ONLY.includes('redis')) {
    const prefix = `bench_queues_${process.pid}`;
    results.push(await measure('redis', withBackend(createRedisBackend), redisOptions(REDIS_URL) as ConnectionOptions, prefix));
    const redis = new IORedis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  if (ONLY.includes('postgres')) results.push(await onPostgres('postgres (server)', DATABASE_URL));
  if (ONLY.includes('embedded')) {
    const dir = mkdtempSync(join(tmpdir(), 'wage-bench-queues-'));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: dir, password: randomBytes(16).toString('hex'), database: 'postgres' });
    try {
      results.push(await onPostgres('postgres (embedded)', pg.url));
    } finally {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`${JOBS} no-op jobs, one worker, concurrency ${CONCURRENCY}:`);
  console.log(`  ${'backend'.padEnd(22)}${'enqueue jobs/s'.padStart(16)}${'process jobs/s'.padStart(16)}`);
  for (const r of results) console.log(`  ${r.backend.padEnd(22)}${String(r.enqueuePerSec).padStart(16)}${String(r.processPerSec).padStart(16)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
