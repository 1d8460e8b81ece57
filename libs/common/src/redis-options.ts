import { RedisOptions } from 'ioredis';

/** How long an enqueue on a request path may wait for Redis before it fails (→ 503). */
export const PRODUCER_TIMEOUT_MS = 3_000;

/**
 * ioredis options from REDIS_URL. `maxRetriesPerRequest: null` is what BullMQ workers
 * require (a blocking command must not fail after N retries).
 */
export function redisOptions(redisUrl: string): RedisOptions {
  const u = new URL(redisUrl);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

/**
 * Options for producers (the Queues and flow producers that request handlers enqueue
 * with): while Redis is unreachable a command fails at once instead of waiting in
 * ioredis' offline queue, and a command Redis does not answer fails after
 * PRODUCER_TIMEOUT_MS; the API then answers 503 instead of hanging. Workers keep
 * redisOptions(): their blocking commands must wait, and they reconnect by themselves.
 */
export function producerRedisOptions(redisUrl: string): RedisOptions {
  return {
    ...redisOptions(redisUrl),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: PRODUCER_TIMEOUT_MS,
    connectTimeout: PRODUCER_TIMEOUT_MS,
    // Reconnect within 2 s once Redis is back (BullMQ's default backs off up to 20 s).
    retryStrategy: (times: number) => Math.min(times * 500, 2_000),
  };
}
