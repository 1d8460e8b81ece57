import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@wage/config';
import { queueConnection, queueSchema } from './queue-backend';

describe('queue backend selection', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'wage-queues-spec-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('maps QUEUE_PREFIX to a plain PostgreSQL schema name', () => {
    expect(queueSchema('wage')).toBe('bullmq_wage');
    expect(queueSchema('Wage-Demo.2')).toBe('bullmq_wage_demo_2');
    expect(queueSchema('x'.repeat(64))).toHaveLength(63);
  });

  it('gives BullMQ Redis options with REDIS_URL, and the database with its schema otherwise', () => {
    const redis = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://u@db:5432/w', REDIS_URL: 'redis://cache:6380/2' });
    expect(queueConnection(redis)).toMatchObject({ host: 'cache', port: 6380, db: 2, maxRetriesPerRequest: null });
    const pg = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://u@db:5432/w', QUEUE_PREFIX: 'wage-demo' });
    expect(queueConnection(pg)).toMatchObject({ connectionString: 'postgres://u@db:5432/w', schema: 'bullmq_wage_demo' });
  });
});
