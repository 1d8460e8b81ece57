import { getFlowProducerToken, getQueueToken } from '@nestjs/bullmq';
import { createPostgresBackend, FlowProducer, Job, PostgresQueueBackend, Queue, QueueEvents, withBackend } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@wage/config';
import { migrateQueueSchema, postgresQueueConnection, queueConnection, queueSchema, QueueName } from '@wage/queues';
import { createTestEnv, TestEnv } from './support/test-env';
import { startTestApp, TestApp } from './support/test-app';

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** BullMQ's PostgreSQL backend, as the embedded default uses it (QUEUE_BACKEND=postgres). */
describe('queues on PostgreSQL', () => {
  describe('BullMQ itself', () => {
    let env: TestEnv;
    const PG = withBackend(createPostgresBackend);
    let connection: ReturnType<typeof postgresQueueConnection>;
    const closers: Array<{ close(): Promise<void> }> = [];

    beforeAll(async () => {
      env = await createTestEnv();
      await migrateQueueSchema(env.databaseUrl, env.queuePrefix);
      connection = postgresQueueConnection(env.databaseUrl, env.queuePrefix);
    });
    afterAll(async () => {
      for (const c of closers.reverse()) await c.close();
      await env?.destroy();
    });

    it('runs a job, a flow (parent after its children, with their results) and a scheduler', async () => {
      const done: Array<{ name: string; children?: Record<string, unknown> }> = [];
      const queue = new PG.Queue('t', { connection });
      const flows = new PG.FlowProducer({ connection });
      const worker = new PG.Worker(
        't',
        async (job: Job) => {
          const children = job.name === 'parent' ? await job.getChildrenValues() : undefined;
          done.push({ name: job.name, children });
          return `${job.name} ok`;
        },
        { connection, concurrency: 2 },
      );
      closers.push(queue, flows, worker);

      await queue.add('single', { n: 1 });
      await flows.add({ name: 'parent', queueName: 't', children: [{ name: 'c1', queueName: 't' }, { name: 'c2', queueName: 't' }] });
      await queue.upsertJobScheduler('every-300ms', { every: 300 }, { name: 'tick' });
      await queue.upsertJobScheduler('nightly', { pattern: '0 2 * * *', tz: 'Asia/Shanghai' }, { name: 'nightly' });

      await until('the job, the flow and two ticks', () => done.some((d) => d.name === 'parent') && done.filter((d) => d.name === 'tick').length >= 2);
      const names = done.map((d) => d.name);
      expect(names).toContain('single');
      expect(names.indexOf('parent')).toBeGreaterThan(Math.max(names.indexOf('c1'), names.indexOf('c2')));
      expect(Object.values(done.find((d) => d.name === 'parent')?.children ?? {}).sort()).toEqual(['c1 ok', 'c2 ok']);

      const schedulers = await queue.getJobSchedulers();
      const nightly = schedulers.find((s) => s.key === 'nightly');
      expect(nightly).toMatchObject({ pattern: '0 2 * * *', tz: 'Asia/Shanghai' });
      // Next run at 02:00 Shanghai time (18:00 UTC).
      expect(new Date(Number(nightly?.next)).getUTCHours()).toBe(18);
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
      await queue.removeJobScheduler('every-300ms');
    });
  });

  describe('the service with QUEUE_BACKEND=postgres', () => {
    let t: TestApp;
    let events: QueueEvents | undefined;
    beforeAll(async () => {
      t = await startTestApp({ workers: true, env: { QUEUE_BACKEND: 'postgres' } });
    });
    afterAll(async () => {
      await events?.close();
      await t?.close();
    });

    it('gives every queue and the flow producer the PostgreSQL backend, with the schedules in its schema and nothing in Redis', async () => {
      const config = t.app.get(AppConfig);
      for (const name of Object.values(QueueName)) {
        expect(t.app.get<Queue>(getQueueToken(name)).getBackend()).toBeInstanceOf(PostgresQueueBackend);
      }
      expect(t.app.get<FlowProducer>(getFlowProducerToken(QueueName.Scans)).getBackend()).toBeInstanceOf(PostgresQueueBackend);

      const rows = (await t.app.get(DataSource).query(`SELECT queue, scheduler_id AS id, pattern, tz FROM "${queueSchema(config.QUEUE_PREFIX)}".scheduler ORDER BY 1, 2`)) as Array<Record<string, string | null>>;
      expect(rows).toEqual(expect.arrayContaining([{ queue: 'scans', id: 'nightly-scan', pattern: config.SCAN_CRON, tz: config.SCAN_TZ }]));

      // Queue events reach a listener on the same backend: enqueue a scan and hear it finish.
      events = new QueueEvents(QueueName.Scans, { connection: queueConnection(config) });
      await events.waitUntilReady();
      const finished: string[] = [];
      events.on('completed', ({ jobId }) => finished.push(jobId));
      events.on('failed', ({ jobId }) => finished.push(jobId));
      const scans = t.app.get<Queue>(getQueueToken(QueueName.Scans));
      const job = await scans.add('scan.nightly', {});
      await until('the scan job to finish', () => finished.includes(String(job.id)), 60_000);

      const redis = new IORedis(t.env.redisUrl, { maxRetriesPerRequest: 1 });
      try {
        expect(await redis.keys(`${config.QUEUE_PREFIX}:*`)).toEqual([]);
      } finally {
        redis.disconnect();
      }
    });
  });
});
