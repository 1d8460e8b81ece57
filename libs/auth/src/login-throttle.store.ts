import IORedis from 'ioredis';
import { DataSource } from 'typeorm';

/** One fixed-window counter: the count after this hit and the seconds left in its window. */
export interface Hit {
  count: number;
  ttlSeconds: number;
}

/**
 * Where the login throttle keeps its counters: Redis when the queues run there, else
 * PostgreSQL. Each hit is ONE atomic operation (count, then decide), so parallel
 * attempts cannot all pass a check made before any of them was counted.
 */
export interface CounterStore {
  readonly name: string;
  hit(key: string, windowSeconds: number): Promise<Hit>;
  /** Takes one count back (a successful login is not an attack on the address). */
  release(key: string): Promise<void>;
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

export class RedisCounterStore implements CounterStore {
  readonly name = 'Redis';
  constructor(private readonly redis: IORedis) {}

  async hit(key: string, windowSeconds: number): Promise<Hit> {
    // MULTI/EXEC runs as one unit: start the window if none, count, read what is left.
    const res = await this.redis.multi().set(key, 0, 'EX', windowSeconds, 'NX').incr(key).ttl(key).exec();
    if (!res) throw new Error('Redis transaction aborted');
    for (const [error] of res) if (error) throw error;
    return { count: Number(res[1][1]), ttlSeconds: Math.max(1, Number(res[2][1])) };
  }

  async release(key: string): Promise<void> {
    await this.redis.eval("local v = tonumber(redis.call('GET', KEYS[1]) or '0') if v > 0 then redis.call('DECR', KEYS[1]) end return 0", 1, key);
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    else this.redis.disconnect();
  }
}

/** Counters in the login_throttle table: one upsert per hit (row lock = atomic). */
export class PostgresCounterStore implements CounterStore {
  readonly name = 'PostgreSQL';
  constructor(private readonly db: DataSource) {}

  async hit(key: string, windowSeconds: number): Promise<Hit> {
    const rows = (await this.db.query(
      `INSERT INTO login_throttle AS t (key, count, expires_at)
       VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN t.expires_at <= now() THEN 1 ELSE t.count + 1 END,
         expires_at = CASE WHEN t.expires_at <= now() THEN EXCLUDED.expires_at ELSE t.expires_at END
       RETURNING count, ceil(extract(epoch FROM expires_at - now()))::int AS ttl`,
      [key, windowSeconds],
    )) as Array<{ count: number; ttl: number }>;
    // Expired windows are kept until the next hit resets them; sweep the old ones now and then.
    if (Math.random() < 0.01) await this.db.query(`DELETE FROM login_throttle WHERE expires_at < now() - interval '1 hour'`);
    return { count: rows[0].count, ttlSeconds: Math.max(1, rows[0].ttl) };
  }

  async release(key: string): Promise<void> {
    await this.db.query('UPDATE login_throttle SET count = count - 1 WHERE key = $1 AND count > 0 AND expires_at > now()', [key]);
  }

  async clear(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }

  async close(): Promise<void> {
    // The pool belongs to TypeORM.
  }
}
