import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import IORedis from 'ioredis';
import { redisOptions } from '@wage/queues';

/** The Redis URL the health check pings (null: queues on PostgreSQL); its own token so tests can point it at a dead port. */
export const HEALTH_REDIS_URL = 'wage:health-redis-url';

/**
 * Pings Redis on a dedicated connection (opened by the first check) that never queues commands while disconnected:
 * when Redis is down the check fails at once (or after the timeout) instead of hanging.
 */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  private readonly redis: IORedis | null;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(HEALTH_REDIS_URL) redisUrl: string | null,
  ) {
    if (!redisUrl) {
      this.redis = null;
      return;
    }
    this.redis = new IORedis({
      ...redisOptions(redisUrl),
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: 1_000,
      disconnectTimeout: 100,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    this.redis.on('error', () => undefined);
  }

  /** Whether the queues run on Redis at all (else /health checks them in PostgreSQL). */
  get enabled(): boolean {
    return this.redis !== null;
  }

  check(key: string, timeoutMs = 1_000) {
    const redis = this.redis;
    return this.health
      .check(key)
      .attempt(async () => {
        if (!redis) throw new Error('queues do not run on Redis (QUEUE_BACKEND=postgres)');
        // Connect on first use: worker processes, which never serve /health, hold no extra connection.
        if (redis.status === 'wait') await redis.connect();
        if (redis.status !== 'ready') throw new Error(`not connected (${redis.status})`);
        await redis.ping();
      })
      .withTimeout(timeoutMs);
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
