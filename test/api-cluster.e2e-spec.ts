import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME } from '@wage/config';
import { QueueName } from '@wage/queues';
import { Child, spawnTs } from './support/child-process';
import { createTestEnv, TestEnv } from './support/test-env';

/** A free TCP port on loopback (the cluster's processes all listen on PORT). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Direct children of a process (Linux). */
function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** API_WORKERS=2 (docs/decisions/api-cluster.md): two HTTP processes on one port, job workers once, a clean stop. */
describe('API cluster (API_WORKERS)', () => {
  let env: TestEnv;
  let api: Child | undefined;

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await api?.kill();
    await env?.destroy();
  });

  it('serves from two processes, runs the job workers once, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    api = spawnTs(
      'apps/api/src/main.ts',
      { NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, QUEUE_PREFIX: env.queuePrefix, PORT: String(port), API_WORKERS: '2' },
      ['--with-workers'],
    );
    await api.waitFor(`API listening on port ${port} in 2 processes`);
    const pid = api.proc.pid ?? 0;
    const children = childPids(pid);
    expect(children).toHaveLength(2);

    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: DEV_ADMIN_USERNAME, password: DEV_ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    // New connections each time: the first process hands them to its children in turn.
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${base}/api/v1/alerts?status=open&pageSize=5`, { headers: { Authorization: `Bearer ${accessToken}`, Connection: 'close' } }).then((r) => r.status)),
    );
    expect(statuses).toEqual(Array(20).fill(200));
    expect((await fetch(`${base}/health`)).status).toBe(200);

    // Only the first process runs job processors: one worker per queue, not three.
    const queue = new Queue(QueueName.Imports, { connection: { url: env.redisUrl }, prefix: env.queuePrefix });
    try {
      expect(await queue.getWorkersCount()).toBe(1);
    } finally {
      await queue.close();
    }
    expect(api.output().match(/worker started/g)).toHaveLength(1);

    const sentAt = Date.now();
    api.proc.kill('SIGTERM');
    const exit = await api.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    // Well inside the 10 s watchdog: every process closed its handles by itself.
    expect(exit.atMs - sentAt).toBeLessThan(8_000);
    expect(children.filter(alive)).toEqual([]);
    expect(api.output()).not.toMatch(/exited .*starting a replacement/);
  });
});
