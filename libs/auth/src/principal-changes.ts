import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, type ClientConfig, type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';
import { PrincipalCache } from './principal-cache';

/** The columns of a user that authenticating a request reads. */
export type UserCredentials = Pick<User, 'id' | 'username' | 'role' | 'unitCode' | 'bureauCode' | 'canUnmask' | 'disabled' | 'tokenVersion'>;

/** The channel migration PrincipalChangeNotify's triggers notify on every write to users or api_keys. */
export const PRINCIPAL_CHANGED_CHANNEL = 'wage_principal_changed';

/** Between a lost listening connection and the next attempt: the n-th failure in a row waits the n-th (then the last) of these. */
const RETRY_MS = [250, 1_000, 5_000];

/**
 * Hears the database's announcements of changes to users and api_keys on one
 * connection of its own (LISTEN) and keeps the process's PrincipalCaches honest: each
 * announcement empties them, and while the connection is not listening the cache is off
 * (every request reads the database, as without a cache). Started by the first request
 * that authenticates, so processes that never authenticate (job workers) hold no
 * connection. docs/decisions/principal-cache-invalidation.md.
 *
 * Written on pg's Client rather than a LISTEN helper package: the cache's correctness
 * rests on knowing exactly when the LISTEN is in force (after it answers) and when it
 * may not be (any error, end, or reconnect), which is these few lines.
 */
@Injectable()
export class PrincipalChanges implements OnApplicationShutdown {
  private readonly logger = new Logger(PrincipalChanges.name);
  /** Users by id, and API keys by the hash of the key. */
  readonly users = new PrincipalCache<UserCredentials>();
  readonly keys = new PrincipalCache<ApiKey>();
  private client: Client | undefined;
  private started = false;
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Starts listening once (idempotent, never throws): until it is listening, the cache stays off. */
  ensureStarted(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.connect();
  }

  private connect(): void {
    const pool = (this.dataSource.driver as unknown as { master: Pool & { options: ClientConfig } }).master;
    // The pool's own connection settings (URL, TLS, session options), one more connection.
    // A connection attempt that hangs (PostgreSQL unreachable) gives up and is retried; the cache stays off meanwhile.
    const client = new Client({ ...pool.options, application_name: 'wage-warning-principal-changes', keepAlive: true, connectionTimeoutMillis: 5_000 });
    this.client = client;
    const lost = (error?: Error): void => {
      if (this.client !== client) return;
      this.client = undefined;
      this.setLive(false);
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
      this.logger.warn(`not hearing user and API key changes (${error?.message ?? 'connection ended'}): every request reads them from the database; retrying in ${wait} ms`);
      this.retry = setTimeout(() => this.connect(), wait);
      this.retry.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => this.invalidate());
    void client
      .connect()
      .then(() => client.query(`LISTEN ${PRINCIPAL_CHANGED_CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        this.failures = 0;
        this.setLive(true);
      })
      .catch((error: Error) => lost(error));
  }

  /** A change this process made itself: forgotten at once, before the notification comes back. */
  invalidate(): void {
    this.users.invalidate();
    this.keys.invalidate();
  }

  private setLive(live: boolean): void {
    this.users.setLive(live);
    this.keys.setLive(live);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    // Ending a connection still being opened aborts it (its pending LISTEN then fails quietly).
    const client = this.client;
    this.client = undefined;
    this.setLive(false);
    await client?.end().catch(() => undefined);
  }
}
