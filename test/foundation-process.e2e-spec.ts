import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Child, spawnTs } from './support/child-process';
import { createTestEnv, TestEnv } from './support/test-env';

/** The service as operators run it: real child processes, real exit codes. */
describe('foundation: processes', () => {
  let env: TestEnv;
  const children: Child[] = [];
  const start = (script: string, extra: Record<string, string>, args: string[] = []): Child => {
    const child = spawnTs(script, { NODE_ENV: 'test', LOG_LEVEL: 'info', ...extra }, args);
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    env = await createTestEnv({}, { empty: true });
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    await env?.destroy();
  });

  it('two processes starting together apply each migration exactly once', async () => {
    const a = start('test/support/migrate-once.ts', { DATABASE_URL: env.databaseUrl });
    const b = start('test/support/migrate-once.ts', { DATABASE_URL: env.databaseUrl });
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const applied = [a, b].map((c) => (JSON.parse(c.output().trim().split('\n').pop() ?? '{}') as { applied: string[] }).applied);
    const files = readdirSync(join(__dirname, '..', 'libs', 'database', 'src', 'migrations')).filter((f) => f.endsWith('.ts'));
    // One process did all the work; the other waited on the lock and found nothing to do.
    expect(applied.map((x) => x.length).sort((x, y) => x - y)).toEqual([0, files.length]);
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ name: string; n: number }>('SELECT name, count(*)::int AS n FROM typeorm_migrations GROUP BY name');
      expect(rows).toHaveLength(files.length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await db.end();
    }
  });

  it('a worker exits with code 0 within 10 s of SIGTERM', async () => {
    const worker = start('apps/worker/src/main.ts', { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, QUEUE_PREFIX: env.queuePrefix });
    await worker.waitFor('worker started');
    const sentAt = Date.now();
    worker.proc.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.atMs - sentAt).toBeLessThan(10_000);
  });

  it('an unreachable DATABASE_URL gives one clear line and exit code 1', async () => {
    const api = start('apps/api/src/main.ts', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/wage_warning', PORT: '0' });
    const exit = await api.exited;
    expect(exit.code).toBe(1);
    const lines = api.output().trim().split('\n').filter((l) => l.startsWith('wage-warning:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Cannot use PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/wage_warning \(DATABASE_URL\): nothing listens there/);
    expect(api.output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('an unreachable Redis gives one clear line and exit code 1', async () => {
    const api = start('apps/api/src/main.ts', { DATABASE_URL: env.databaseUrl, REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' });
    const exit = await api.exited;
    expect(exit.code).toBe(1);
    expect(api.output()).toMatch(/wage-warning: Cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(REDIS_URL\)/);
    expect(api.output()).not.toMatch(/\n\s+at /);
  });

  it('bad environment variables stop the process with a message naming each of them', async () => {
    const api = start('apps/api/src/main.ts', { PORT: 'abc', REDIS_URL: 'x' });
    const exit = await api.exited;
    expect(exit.code).not.toBe(0);
    expect(api.output()).toMatch(/PORT: .*such as 3000/);
    expect(api.output()).toMatch(/REDIS_URL: .*such as redis:\/\/127\.0\.0\.1:6379/);
  });
});
