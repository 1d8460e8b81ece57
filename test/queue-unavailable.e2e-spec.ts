import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { adminHeaders } from './support/auth';
import { Headers, uploadFile, uploadJson } from './support/ingest';
import { freePort, PrivateRedis } from './support/private-redis';
import { postScan } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';

const ALLOCATIONS = 'project_code,txn_ref,paid_on,amount\nP1,T1,2025-01-01,1.00\n';

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await f();
  return { ms: Date.now() - started, value };
}

/**
 * api.md "Operations": with the queue store down, requests that must enqueue work
 * answer 503 within a few seconds and leave nothing half-done; when Redis is back
 * the service works again. Runs on a Redis of its own (the shared one stays up).
 */
describe('Redis down: producers fail fast', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let admin: Headers;
  let dir: string;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    dir = await mkdtemp(join(tmpdir(), 'queue-unavailable-'));
    t = await startTestApp({ workers: false, env: { REDIS_URL: redis.url, IMPORT_DIR: dir } });
    admin = await adminHeaders(t);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers uploads and scans with 503 within 5 s, keeps nothing, and recovers', async () => {
    const db = t.app.get(DataSource);
    const before = await uploadFile(t, admin, 'labor_cost_allocations', ALLOCATIONS);
    expect(before.status).toBe(202);
    expect(await readdir(dir)).toHaveLength(1); // no worker runs here: the upload waits

    await redis.stop();

    const file = await timed(() => uploadFile(t, admin, 'labor_cost_allocations', ALLOCATIONS));
    expect(file.value.status).toBe(503);
    expect(file.ms).toBeLessThan(5_000);
    expect(file.value.body.message).toMatch(/job queue \(Redis\) is unavailable.*not accepted for import.*try again/);

    const json = await timed(() => uploadJson(t, admin, 'labor_cost_allocations', [{ project_code: 'P1', txn_ref: 'T2', paid_on: '2025-01-01', amount: '1' }]));
    expect(json.value.status).toBe(503);
    expect(json.ms).toBeLessThan(5_000);

    const scan = await timed(() => postScan(t, admin, '2026-11-03'));
    expect(scan.value.status).toBe(503);
    expect(scan.ms).toBeLessThan(5_000);

    const metrics = await timed(() => fetch(`${t.baseUrl}/metrics`).then(async (r) => ({ status: r.status, text: await r.text() })));
    expect(metrics.value.status).toBe(200); // still served (without fresh queue depths), not stuck
    expect(metrics.ms).toBeLessThan(5_000);

    // Nothing half-done: the refused uploads are gone from disk and no import waits for a job that does not exist.
    expect(await readdir(dir)).toHaveLength(1);
    const rows = await db.query<Array<{ id: string; status: string; error_message: string | null }>>('SELECT id, status, error_message FROM imports ORDER BY id');
    expect(rows.map((r) => r.status)).toEqual(['queued', 'failed', 'failed']);
    expect(rows[1].error_message).toMatch(/job queue was unavailable/);
    expect((await db.query(`SELECT count(*)::int AS n FROM scans WHERE status IN ('queued', 'running')`))[0].n).toBe(0);

    await redis.start();
    const deadline = Date.now() + 30_000;
    let again = await uploadFile(t, admin, 'labor_cost_allocations', ALLOCATIONS);
    while (again.status !== 202 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      again = await uploadFile(t, admin, 'labor_cost_allocations', ALLOCATIONS);
    }
    expect(again.status).toBe(202);
    expect((await postScan(t, admin, '2026-11-03')).status).toBe(202);
  }, 90_000);
});
