import { getQueueToken } from '@nestjs/bullmq';
import { ConnectionOptions, Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@wage/config';
import { JobName, QueueName, redisOptions } from '@wage/queues';
import { NOTICES_DEADLINE_SCHEDULER_ID, NOTICES_GENERATE_SCHEDULER_ID } from '@wage/notices';
import { noticeFixtures } from './support/notice-fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** The daily notice jobs as a worker runs them: schedules registered, handlers dispatched. */
describe('joint notice jobs', () => {
  let t: TestApp;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: { NOTICES_CRON: '30 7 * * *' } });
    queue = t.app.get<Queue>(getQueueToken(QueueName.Notices));
    const config = t.app.get(AppConfig);
    events = new QueueEvents(QueueName.Notices, { connection: redisOptions(config.redisUrl) as ConnectionOptions, prefix: config.QUEUE_PREFIX });
    await events.waitUntilReady();
    await noticeFixtures(t.app.get(DataSource)).seed();
  }, 60_000);
  afterAll(async () => {
    await events?.close();
    await t?.close();
  });

  it('registers both daily schedulers in Asia/Shanghai', async () => {
    const schedulers = await queue.getJobSchedulers();
    const byId = new Map(schedulers.map((s) => [s.key, s]));
    expect(byId.get(NOTICES_GENERATE_SCHEDULER_ID)).toMatchObject({ pattern: '30 7 * * *', tz: 'Asia/Shanghai' });
    expect(byId.get(NOTICES_DEADLINE_SCHEDULER_ID)).toMatchObject({ pattern: '0 9 * * *', tz: 'Asia/Shanghai' });
  });

  it('runs the generate and deadline-check jobs through the worker', async () => {
    const gen = await queue.add(JobName.NoticesGenerate, { asOf: '2026-03-13' });
    expect(await gen.waitUntilFinished(events, 30_000)).toEqual({ created: 3 });
    const check = await queue.add(JobName.NoticesDeadlineCheck, {});
    expect(await check.waitUntilFinished(events, 30_000)).toEqual({ overdue: 3, reminded: 3 });
  }, 60_000);
});
