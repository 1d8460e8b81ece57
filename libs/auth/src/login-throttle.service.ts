import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { AppConfig } from '@wage/config';
import { redisOptions } from '@wage/common';

/** Failed logins allowed per window, per username and per client address. */
export const LOGIN_FAILURE_LIMITS = { perUser: 5, perIp: 30, windowSeconds: 15 * 60 } as const;

/**
 * Brute-force protection in Redis, so every API process shares the counters. A window
 * starts at the first failure; when either counter reaches its limit, further attempts
 * are refused (429) until the window ends, right password or not.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly redis: IORedis;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    this.redis = new IORedis({ ...redisOptions(config.REDIS_URL), maxRetriesPerRequest: 2, lazyConnect: true });
    this.redis.on('error', () => undefined);
    this.prefix = `${config.QUEUE_PREFIX}:auth:login-failures`;
  }

  private keys(username: string, ip: string): [string, string] {
    return [`${this.prefix}:user:${username.toLowerCase()}`, `${this.prefix}:ip:${ip}`];
  }

  /** Seconds until the caller may try again, or 0 when not throttled. */
  async retryAfter(username: string, ip: string): Promise<number> {
    const [userKey, ipKey] = this.keys(username, ip);
    const result = await this.redis
      .multi()
      .get(userKey)
      .ttl(userKey)
      .get(ipKey)
      .ttl(ipKey)
      .exec();
    const v = (result ?? []).map(([, value]) => value as string | number | null);
    const wait = (count: unknown, ttl: unknown, limit: number): number =>
      Number(count ?? 0) >= limit ? Math.max(1, Number(ttl ?? 1)) : 0;
    return Math.max(wait(v[0], v[1], LOGIN_FAILURE_LIMITS.perUser), wait(v[2], v[3], LOGIN_FAILURE_LIMITS.perIp));
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of this.keys(username, ip)) {
      multi.set(key, 0, 'EX', LOGIN_FAILURE_LIMITS.windowSeconds, 'NX').incr(key);
    }
    await multi.exec();
  }

  /** A successful login clears the user's counter (not the address's). */
  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.redis.del(this.keys(username, ip)[0]);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    else this.redis.disconnect();
  }
}
