import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Transform } from 'class-transformer';
import { HostListEntry, parseHostList, parseTrustProxy, ParsesWith } from './network-lists';
import { IsBase64, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsTimeZone, Matches, Max, Min, ValidateIf } from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const QUEUE_BACKENDS = ['redis', 'postgres'] as const;
export type QueueBackend = (typeof QUEUE_BACKENDS)[number];

/**
 * Every environment variable the service reads, typed and validated once at boot.
 * Nothing else in the code base reads process.env: inject AppConfig instead.
 */
export class AppConfig {
  @IsIn(NODE_ENVS, { message: 'NODE_ENV must be one of development, test, production' })
  NODE_ENV: NodeEnv = 'development';

  /**
   * Unset outside production: the service starts an embedded PostgreSQL in DATA_DIR
   * (see @wage/database embedded-postgres). Required in production.
   */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.DATABASE_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, {
    message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/wage_warning (required in production)',
  })
  DATABASE_URL?: string;

  /** Unset: queues (and the login throttle) run on PostgreSQL, see QUEUE_BACKEND. */
  @ValidateIf((c: AppConfig) => c.REDIS_URL !== undefined || c.QUEUE_BACKEND === 'redis')
  @Matches(/^rediss?:\/\/[^\s]+$/, {
    message: 'REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379 (required when QUEUE_BACKEND=redis)',
  })
  REDIS_URL?: string;

  /** Where BullMQ keeps its jobs: `redis` (production path) or `postgres` (same database). Default set by loadConfig. */
  @IsOptional()
  @IsIn(QUEUE_BACKENDS, { message: 'QUEUE_BACKEND must be redis or postgres' })
  QUEUE_BACKEND?: QueueBackend;

  /** Embedded database, generated development secrets and (by default) uploads. */
  @IsNotEmpty({ message: 'DATA_DIR must be a writable directory path such as ./.data' })
  @IsString()
  DATA_DIR = resolve('.data');

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'QUEUE_PREFIX must be 1-64 characters of letters, digits, "_", "." or "-", such as wage',
  })
  QUEUE_PREFIX = 'wage';

  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'PORT must be an integer TCP port such as 3000' })
  @Min(0, { message: 'PORT must be an integer TCP port between 0 and 65535 such as 3000' })
  @Max(65535, { message: 'PORT must be an integer TCP port between 0 and 65535 such as 3000' })
  PORT = 3000;

  /**
   * HTTP server processes of the API (node:cluster): `1` serves from the process itself,
   * `N` forks N processes sharing PORT, `auto` one per core. Only HTTP is forked: the job
   * workers and schedules of `--with-workers` run once, in the first process
   * (docs/decisions/api-cluster.md).
   */
  @Matches(/^(auto|[1-9]|[1-5]\d|6[0-4])$/, { message: 'API_WORKERS must be auto or a whole number of HTTP processes from 1 to 64, such as 2' })
  API_WORKERS = '1';

  /** First admin, created only when the user table is empty. Required in production. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.ADMIN_USERNAME !== undefined)
  @IsString()
  @Matches(/^[A-Za-z0-9_.@-]{3,64}$/, { message: 'ADMIN_USERNAME must be 3-64 letters, digits or _.@- such as admin' })
  ADMIN_USERNAME?: string;

  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.ADMIN_PASSWORD !== undefined)
  @IsString()
  @Matches(/^.{10,128}$/, { message: 'ADMIN_PASSWORD must be 10-128 characters (required in production)' })
  ADMIN_PASSWORD?: string;

  /** 32 random bytes, base64 (openssl rand -base64 32). Required in production. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.DATA_ENCRYPTION_KEY !== undefined)
  @IsBase64({}, { message: 'DATA_ENCRYPTION_KEY must be 32 bytes in base64; make one with: openssl rand -base64 32' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'DATA_ENCRYPTION_KEY must be 32 bytes in base64; make one with: openssl rand -base64 32',
  })
  DATA_ENCRYPTION_KEY?: string;

  /** Secret that signs access tokens. Required in production. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.JWT_SECRET !== undefined)
  @IsString()
  @Matches(/^.{32,}$/, { message: 'JWT_SECRET must be at least 32 characters (required in production)' })
  JWT_SECRET?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'JWT_TTL_SECONDS must be a whole number of seconds such as 900' })
  @Min(60, { message: 'JWT_TTL_SECONDS must be at least 60' })
  @Max(86400, { message: 'JWT_TTL_SECONDS must be at most 86400' })
  JWT_TTL_SECONDS = 900;

  @IsNotEmpty()
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'SCAN_CRON must be a 5-field cron expression such as "0 2 * * *"' })
  SCAN_CRON = '0 2 * * *';

  /**
   * The zone the cron expressions (SCAN_CRON, NOTICES_CRON, NOTICES_DEADLINE_CRON) are read
   * in, checked against the runtime's time-zone database. Not the business time zone: business
   * dates are always Asia/Shanghai (@wage/calendar, docs/decisions/business-time-zone.md).
   */
  @IsTimeZone({ message: 'SCAN_TZ must be an IANA time zone such as Asia/Shanghai' })
  SCAN_TZ = 'Asia/Shanghai';

  /**
   * The fewest shard jobs a scan fans out to, so several worker processes share it. A
   * province with more than SCAN_SHARD_PROJECTS active projects per shard gets more
   * shards (docs/decisions/scan-range-shards.md). Raise it with the number of worker processes.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'SCAN_SHARDS must be a whole number of shards such as 4' })
  @Min(1, { message: 'SCAN_SHARDS must be between 1 and 64' })
  @Max(64, { message: 'SCAN_SHARDS must be between 1 and 64' })
  SCAN_SHARDS = 2;

  /**
   * The most active projects one shard evaluates: a larger province gets more shards of
   * about this size (at most 64) instead of larger shards, so a shard stays a short
   * transaction (≈ 8 s at 1x, not 75 s for 45k projects), a retry redoes little, and
   * added worker processes have shards to take (docs/decisions/scan-range-shards.md).
   */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'SCAN_SHARD_PROJECTS must be a whole number of projects such as 5000' })
  @Min(100, { message: 'SCAN_SHARD_PROJECTS must be at least 100' })
  SCAN_SHARD_PROJECTS = 5000;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL = 'info';

  /** Where uploads are streamed before an import job reads them; shared by API and workers. Empty: DATA_DIR/imports (set by loadConfig). */
  @IsString({ message: 'IMPORT_DIR must be a writable directory path such as /var/lib/wage/imports' })
  IMPORT_DIR = '';

  /** Largest accepted upload in bytes (default 512 MB); larger files get a 413. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_BYTES must be a whole number of bytes such as 536870912 (512 MB)' })
  @Min(1024, { message: 'IMPORT_MAX_BYTES must be at least 1024' })
  IMPORT_MAX_BYTES = 512 * 1024 * 1024;

  /** The labour bureau named as issuer on joint notices (联合督办通知) to industry bureaus. */
  @IsNotEmpty({ message: 'LABOUR_BUREAU_NAME must be the issuing labour bureau, such as 某区人力资源和社会保障局' })
  @IsString()
  LABOUR_BUREAU_NAME = '劳动保障监察机构';

  /** Contact line printed on joint notices (department, person, phone); empty prints none. */
  @IsOptional()
  @IsString()
  LABOUR_BUREAU_CONTACT = '';

  /** Daily joint-notice grouping and the notice deadline check (time zone SCAN_TZ). */
  @IsNotEmpty()
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'NOTICES_CRON must be a 5-field cron expression such as "0 8 * * *"' })
  NOTICES_CRON = '0 8 * * *';

  @IsNotEmpty()
  @Matches(/^(\S+\s+){4}\S+$/, {
    message: 'NOTICES_DEADLINE_CRON must be a 5-field cron expression such as "0 9 * * *"',
  })
  NOTICES_DEADLINE_CRON = '0 9 * * *';

  /** Webhook retries wait OUTBOX_BACKOFF_MS × 2^(attempt-1) (10 s, 20 s, 40 s, …). */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'OUTBOX_BACKOFF_MS must be a whole number of milliseconds such as 10000' })
  @Min(10, { message: 'OUTBOX_BACKOFF_MS must be between 10 and 3600000' })
  @Max(3_600_000, { message: 'OUTBOX_BACKOFF_MS must be between 10 and 3600000' })
  OUTBOX_BACKOFF_MS = 10_000;

  /** Webhook tries before a message becomes a dead letter. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'OUTBOX_MAX_ATTEMPTS must be a whole number such as 8' })
  @Min(1, { message: 'OUTBOX_MAX_ATTEMPTS must be between 1 and 30' })
  @Max(30, { message: 'OUTBOX_MAX_ATTEMPTS must be between 1 and 30' })
  OUTBOX_MAX_ATTEMPTS = 8;

  /** How often workers look for due webhook messages. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'OUTBOX_SWEEP_MS must be a whole number of milliseconds such as 5000' })
  @Min(50, { message: 'OUTBOX_SWEEP_MS must be between 50 and 600000' })
  @Max(600_000, { message: 'OUTBOX_SWEEP_MS must be between 50 and 600000' })
  OUTBOX_SWEEP_MS = 5_000;

  /** A webhook receiver that has not answered after this long counts as failed. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'OUTBOX_HTTP_TIMEOUT_MS must be a whole number of milliseconds such as 10000' })
  @Min(100, { message: 'OUTBOX_HTTP_TIMEOUT_MS must be between 100 and 120000' })
  @Max(120_000, { message: 'OUTBOX_HTTP_TIMEOUT_MS must be between 100 and 120000' })
  OUTBOX_HTTP_TIMEOUT_MS = 10_000;

  /**
   * Host names and CIDR ranges webhooks may reach although private (intranet receivers);
   * only these may use http. Everything else must be https to a public address.
   */
  @ParsesWith(parseHostList, 'must be comma-separated host names and CIDR ranges such as "hooks.intranet.gov.cn,10.20.0.0/16"')
  WEBHOOK_ALLOWED_HOSTS = '';

  /** Express "trust proxy": false, true, a hop count or proxy addresses (see parseTrustProxy). */
  @ParsesWith(parseTrustProxy, 'must be false, true, a hop count such as 1, or proxy addresses such as "loopback,10.0.0.0/8"')
  TRUST_PROXY = 'false';

  /**
   * When set, GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"; unset, it
   * answers only connections from the machine itself (loopback).
   */
  @ValidateIf((c: AppConfig) => c.METRICS_TOKEN !== '')
  @Matches(/^\S{16,256}$/, { message: 'METRICS_TOKEN must be 16-256 characters without spaces, e.g. from: openssl rand -hex 24' })
  METRICS_TOKEN = '';

  get webhookAllowList(): HostListEntry[] {
    return parseHostList(this.WEBHOOK_ALLOWED_HOSTS);
  }

  get trustProxy(): boolean | number | string[] {
    return parseTrustProxy(this.TRUST_PROXY);
  }

  /** Set by loadConfig when JWT_SECRET or DATA_ENCRYPTION_KEY came from DATA_DIR/secrets.json (not validated: not an env var). */
  generatedSecretsFile?: string;

  /** API_WORKERS as a number of processes (`auto`: the cores Node may use). */
  get apiWorkers(): number {
    return this.API_WORKERS === 'auto' ? availableParallelism() : Number(this.API_WORKERS);
  }

  /** The queue backend after defaults: redis when REDIS_URL is set, else postgres. */
  get queueBackend(): QueueBackend {
    return this.QUEUE_BACKEND ?? (this.REDIS_URL ? 'redis' : 'postgres');
  }

  /** REDIS_URL, for code paths that only run with QUEUE_BACKEND=redis (validation guarantees it there). */
  get redisUrl(): string {
    if (!this.REDIS_URL) throw new Error('REDIS_URL is required when QUEUE_BACKEND=redis');
    return this.REDIS_URL;
  }

  /** DATABASE_URL after boot: the real server's, or the embedded one's (set by startEmbeddedIfNeeded). */
  get databaseUrl(): string {
    if (!this.DATABASE_URL) throw new Error('DATABASE_URL is not set and no embedded PostgreSQL was started (call prepareInfrastructure first)');
    return this.DATABASE_URL;
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}
