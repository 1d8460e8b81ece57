import IORedis from 'ioredis';
import { Client } from 'pg';
import { redactUrl } from '@wage/database';
import { redisOptions } from '@wage/queues';

/**
 * Job ids are deterministic and derived from database ids (import 12 → job
 * "import.12"). If a queue prefix that served one database were reused with another
 * (a dropped and recreated database, a second deployment), BullMQ would silently treat
 * new jobs as duplicates of old ones. So the prefix is claimed by the database's
 * instance id, and a process refuses to start on a prefix claimed by another database.
 */
export async function claimQueuePrefix(databaseUrl: string, redisUrl: string, prefix: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let instance: string;
  try {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM service_instance LIMIT 1');
    instance = rows[0].id;
  } finally {
    await db.end();
  }
  const redis = new IORedis({ ...redisOptions(redisUrl), maxRetriesPerRequest: 1 });
  try {
    const key = `${prefix}:service-instance`;
    await redis.set(key, instance, 'NX');
    const owner = await redis.get(key);
    if (owner !== instance) {
      throw new QueuePrefixTakenError(
        `QUEUE_PREFIX "${prefix}" on ${redactUrl(redisUrl)} belongs to another database (instance ${owner}); ` +
          `this database is ${instance}. Use another QUEUE_PREFIX, or delete the keys "${prefix}:*" if the old database is gone.`,
      );
    }
  } finally {
    redis.disconnect();
  }
}

export class QueuePrefixTakenError extends Error {}
