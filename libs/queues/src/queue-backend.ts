import { ConnectionOptions, createPostgresBackend, PostgresPoolConfig, runMigrations, setDefaultBackendFactory } from 'bullmq';
import { Client } from 'pg';
import { AppConfig, QueueBackend } from '@wage/config';
import { producerRedisOptions, redisOptions } from '@wage/common';

/**
 * BullMQ's PostgreSQL backend keeps every queue in one schema of the service's own
 * database; the schema plays the part of Redis's key prefix, so QUEUE_PREFIX still
 * separates deployments (and test runs). Schema names are plain identifiers.
 */
export function queueSchema(prefix: string): string {
  return `bullmq_${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

/**
 * Connection options for BullMQ on PostgreSQL. Every Queue, Worker and QueueEvents
 * builds its own small pool from them (plus one LISTEN connection per worker), so the
 * pool is kept small: 5 queues × (queue + worker) stay far below max_connections.
 */
export function postgresQueueConnection(databaseUrl: string, prefix: string): PostgresPoolConfig {
  return { connectionString: databaseUrl, schema: queueSchema(prefix), max: 3, application_name: 'wage-warning-queues' } as PostgresPoolConfig;
}

/**
 * The `connection` that BullModule, and any Queue/QueueEvents a test opens, passes to BullMQ.
 * On Redis a producer (a queue that request paths add jobs to) fails fast instead of
 * queueing commands offline; a worker waits for Redis to come back.
 */
export function queueConnection(config: AppConfig, kind: 'producer' | 'worker' = 'worker'): ConnectionOptions {
  if (config.queueBackend === 'redis') {
    return (kind === 'producer' ? producerRedisOptions(config.redisUrl) : redisOptions(config.redisUrl)) as ConnectionOptions;
  }
  return postgresQueueConnection(config.databaseUrl, config.QUEUE_PREFIX) as unknown as ConnectionOptions;
}

/**
 * Points every BullMQ class of this process (the ones @nestjs/bullmq creates for queues,
 * workers, flow producers and queue events included, since it never passes a backend of
 * its own) at the configured backend. Process-wide by BullMQ's design: one process runs
 * one backend.
 */
export function useQueueBackend(backend: QueueBackend): void {
  setDefaultBackendFactory(backend === 'postgres' ? (createPostgresBackend as Parameters<typeof setDefaultBackendFactory>[0]) : undefined);
}

/**
 * Creates or upgrades BullMQ's tables in the queue schema (BullMQ's own migrator, under
 * its advisory lock), before any queue connects: the backend only reads the ledger.
 */
export async function migrateQueueSchema(databaseUrl: string, prefix: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await runMigrations(client, queueSchema(prefix));
  } finally {
    await client.end();
  }
}
