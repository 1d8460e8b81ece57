import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { QueueName } from '@wage/queues';
import { NIGHTLY_SCAN_SCHEDULER_ID } from '@wage/scans';
import { loadBenchData } from '../bench/scan-data';
import { loginAs } from './support/auth';
import { postScan, runScan, waitForScan } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';
import { spawnWorker, waitFor, WorkerProcess } from './support/worker-process';

/**
 * Real worker processes (apps/worker) share scans with the API process, which runs no
 * workers itself: one worker vs three give the same alerts, a worker killed mid-shard
 * does not break or duplicate anything, and the nightly schedule exists once.
 */
describe('scans across worker processes', () => {
  let t: TestApp;
  let ds: DataSource;
  let queue: Queue;
  let headers: Record<string, string>;
  const workers: WorkerProcess[] = [];
  let baseline: { byRule: unknown; alerts: unknown[] };

  const snapshot = (): Promise<unknown[]> =>
    ds.query(`SELECT fingerprint, status, severity, evidence, thresholds, shortfall_fen, rule_version FROM alerts ORDER BY fingerprint`);
  const start = async (n: number): Promise<void> => {
    const before = (await queue.getWorkers()).length;
    for (let i = 0; i < n; i++) workers.push(spawnWorker({ SCAN_SHARDS: '4' }));
    await waitFor(`${n} worker(s) to connect`, async () => (await queue.getWorkers()).length >= before + n * 1);
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: false, env: { SCAN_SHARDS: '4' } });
    ds = t.app.get(DataSource);
    queue = t.app.get<Queue>(getQueueToken(QueueName.Scans));
    headers = (await loginAs(t, { role: Role.Admin })).headers;
    const db = new Client({ connectionString: t.env.databaseUrl });
    await db.connect();
    await loadBenchData(db, 400, '2026-10-01');
    await db.end();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await t?.close();
  });

  it('one worker process scans the province', async () => {
    await start(1);
    const scan = await runScan(t, headers, '2026-11-03');
    expect(scan.status).toBe('succeeded');
    expect(scan.alertsRaised).toBeGreaterThan(0);
    baseline = { byRule: scan.byRule, alerts: await snapshot() };
  });

  it('three worker processes produce exactly the same alerts', async () => {
    await start(2);
    const scan = await runScan(t, headers, '2026-11-03');
    expect(scan).toMatchObject({ status: 'succeeded', alertsRaised: 0, alertsCleared: 0, alertsUpdated: baseline.alerts.length });
    expect(scan.byRule).toEqual(baseline.byRule);
    expect(await snapshot()).toEqual(baseline.alerts);
  });

  it('registers the nightly schedule exactly once however many workers started', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toEqual([NIGHTLY_SCAN_SCHEDULER_ID]);
    expect(schedulers[0]).toMatchObject({ pattern: '0 2 * * *', tz: 'Asia/Shanghai', name: 'scan.nightly' });
  });

  it('finishes a scan whose worker was killed mid-shard, without duplicate alerts', async () => {
    await Promise.all(workers.splice(1).map((w) => w.kill('SIGTERM')));
    const victim = workers[0];
    // Hold the shards at their read of the open alerts so the kill lands inside a shard
    // (not projects: the request itself reads them to split the shards' ranges).
    const lock = new Client({ connectionString: t.env.databaseUrl });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE alerts IN ACCESS EXCLUSIVE MODE');
    const { body } = await postScan(t, headers, '2026-11-03');
    await waitFor('a shard to be running', async () => (await queue.getActive()).some((j) => j.name === 'scan.shard'));
    await victim.kill('SIGKILL');
    workers.splice(0, 1);
    await lock.query('COMMIT');
    await lock.end();
    await start(1);
    const scan = await waitForScan(t, headers, body.id, 180_000);
    expect(scan.error ?? null).toBeNull();
    expect(scan).toMatchObject({ status: 'succeeded', alertsRaised: 0, alertsCleared: 0, alertsUpdated: baseline.alerts.length });
    expect(scan.byRule).toEqual(baseline.byRule);
    expect(await snapshot()).toEqual(baseline.alerts);
    const [dupes] = await ds.query(
      `SELECT count(*)::int AS n FROM (SELECT alert_id FROM alert_events WHERE action = 'raised' GROUP BY alert_id HAVING count(*) > 1) d`,
    );
    expect(dupes.n).toBe(0);
  });
});
