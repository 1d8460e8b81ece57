import { Injectable, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@wage/config';
import { redisOptions } from '@wage/common';
import { CounterStore, PostgresCounterStore, RedisCounterStore } from './login-throttle.store';

/**
 * Login attempts allowed per window, per username and per client address. The named
 * admin account (ADMIN_USERNAME) gets a one-minute window instead of fifteen, so that
 * anyone who knows its name can slow it down but never lock it out for long
 * (docs/decisions/login-throttle.md).
 */
export const LOGIN_FAILURE_LIMITS = { perUser: 5, perIp: 30, windowSeconds: 15 * 60, adminWindowSeconds: 60 } as const;

/** A login must answer, even with its store down: a clear 503 after this long at most. */
const STORE_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Brute-force protection shared by every API process. Every attempt is counted BEFORE
 * the password is checked, in one atomic step per counter: of 40 parallel guesses at
 * most 5 reach the password check, the rest get 429. A successful login clears the
 * user's counter and takes its attempt back from the address's.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly store: CounterStore;
  private readonly prefix: string;
  private readonly admin: string | undefined;

  constructor(config: AppConfig, @InjectDataSource() db: DataSource) {
    if (config.queueBackend === 'redis') {
      const redis = new IORedis({
        ...redisOptions(config.redisUrl),
        // First login connects: worker processes, which never log anyone in, hold no connection.
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        commandTimeout: 2_000,
        connectTimeout: 2_000,
        retryStrategy: (times) => Math.min(times * 200, 2_000),
      });
      redis.on('error', () => undefined);
      this.store = new RedisCounterStore(redis);
    } else {
      this.store = new PostgresCounterStore(db);
    }
    this.prefix = `${config.QUEUE_PREFIX}:auth:login-attempts`;
    this.admin = config.ADMIN_USERNAME?.toLowerCase();
  }

  private keys(username: string, ip: string): { user: string; ip: string } {
    return { user: `${this.prefix}:user:${username.toLowerCase()}`, ip: `${this.prefix}:ip:${ip}` };
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(work(), STORE_TIMEOUT_MS);
    } catch (error) {
      throw new ServiceUnavailableException(
        `Login is unavailable for now: its attempt counter (${this.store.name}) does not answer (${(error as Error).message}); try again in a minute`,
      );
    }
  }

  /**
   * Counts this attempt; returns 0 when it may go on to the password check, else the
   * seconds until the caller may try again.
   */
  attempt(username: string, ip: string): Promise<number> {
    const keys = this.keys(username, ip);
    const userWindow = username.toLowerCase() === this.admin ? LOGIN_FAILURE_LIMITS.adminWindowSeconds : LOGIN_FAILURE_LIMITS.windowSeconds;
    return this.guarded(async () => {
      const [user, addr] = await Promise.all([this.store.hit(keys.user, userWindow), this.store.hit(keys.ip, LOGIN_FAILURE_LIMITS.windowSeconds)]);
      const wait = (hit: { count: number; ttlSeconds: number }, limit: number): number => (hit.count > limit ? hit.ttlSeconds : 0);
      return Math.max(wait(user, LOGIN_FAILURE_LIMITS.perUser), wait(addr, LOGIN_FAILURE_LIMITS.perIp));
    });
  }

  /** A successful login: the user's counter starts over, the address gets its attempt back. */
  recordSuccess(username: string, ip: string): Promise<void> {
    const keys = this.keys(username, ip);
    return this.guarded(async () => {
      await Promise.all([this.store.clear(keys.user), this.store.release(keys.ip)]);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
