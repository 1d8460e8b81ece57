import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import IORedis from 'ioredis';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError, loadConfig } from '@wage/config';
import { EmbeddedPostgres, migrateDatabase, redactUrl, startEmbeddedIfNeeded } from '@wage/database';
import { migrateQueueSchema, redisOptions, useQueueBackend } from '@wage/queues';
import { HttpExceptionFilter } from './http-exception.filter';
import { applyHttpSecurity } from './http-security';
import { claimQueuePrefix, QueuePrefixTakenError } from './queue-ownership';
import { jsonParser } from './json-body';
import { httpMetricsMiddleware } from './metrics/http-metrics';
import { createValidationPipe } from './validation.pipe';

/** A startup failure an operator can fix; printed as one line, no stack trace. */
export class StartupError extends Error {}

export async function checkRedis(redisUrl: string, timeoutMs = 3_000): Promise<void> {
  const client = new IORedis({ ...redisOptions(redisUrl), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new StartupError(`Cannot reach Redis at ${redactUrl(redisUrl)} (REDIS_URL): ${(error as Error).message}`);
  } finally {
    client.disconnect();
  }
}

/**
 * Config, database (the embedded one when DATABASE_URL is unset), schema and queue
 * store, checked in that order before Nest starts.
 */
export async function prepareInfrastructure(log: (m: string) => void = console.log): Promise<AppConfig> {
  const config = loadConfig();
  if (config.generatedSecretsFile) {
    log(`JWT_SECRET / DATA_ENCRYPTION_KEY not set: using this installation's own, generated in ${config.generatedSecretsFile} (back it up: personal data is encrypted with it)`);
  }
  try {
    const embedded = await startEmbeddedIfNeeded(config, log);
    if (embedded) stopOnExit(embedded);
    await migrateDatabase(config.databaseUrl, log);
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  useQueueBackend(config.queueBackend);
  if (config.queueBackend === 'postgres') {
    if (config.isProduction) log('Queues run on PostgreSQL (REDIS_URL unset or QUEUE_BACKEND=postgres): fine for small loads; the production path is Redis (README "Profiles").');
    // Jobs live in the service's own database: no second store to reach or to claim.
    try {
      await migrateQueueSchema(config.databaseUrl, config.QUEUE_PREFIX);
    } catch (error) {
      throw new StartupError(`Cannot prepare the job queues in PostgreSQL (QUEUE_BACKEND=postgres): ${(error as Error).message}`);
    }
    return config;
  }
  await checkRedis(config.redisUrl);
  try {
    await claimQueuePrefix(config.databaseUrl, config.redisUrl, config.QUEUE_PREFIX);
  } catch (error) {
    if (error instanceof QueuePrefixTakenError) throw new StartupError(error.message);
    throw error;
  }
  return config;
}

/**
 * Stops an embedded PostgreSQL this process started, after the service has closed:
 * Nest's shutdown hooks close every pool, the event loop empties, and only then
 * (beforeExit) the cluster gets its fast shutdown. A process.exit() (watchdog, crash)
 * still sends it SIGINT from the exit handler registered when it started.
 */
function stopOnExit(embedded: EmbeddedPostgres): void {
  if (!embedded.owned) return;
  process.once('beforeExit', () => {
    void embedded.stop();
  });
}

/** HTTP concerns shared by the production entry points and the e2e tests. */
export function configureHttpApp(app: INestApplication): void {
  applyHttpSecurity(app, app.get(AppConfig));
  app.use(httpMetricsMiddleware);
  app.use(jsonParser); // before Nest's own (which it then leaves out): see json-body.ts
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics', 'console', 'console/*path'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  const doc = new DocumentBuilder()
    .setTitle('Wage-arrears early-warning service')
    .setDescription('Ingest, nightly risk scans, alert workflow and joint notices (see shared/spec/api.md).')
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', name: 'X-Api-Key', in: 'header' }, 'api-key')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
}

export async function createHttpApp(module: unknown): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module as never, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  configureHttpApp(app);
  return app;
}

export async function createWorkerContext(module: unknown): Promise<INestApplicationContext> {
  const ctx = await NestFactory.createApplicationContext(module as never, { bufferLogs: true });
  ctx.useLogger(ctx.get(Logger));
  ctx.enableShutdownHooks();
  // Operators (and the e2e tests) wait for this line before sending traffic or SIGTERM.
  ctx.get(Logger).log('worker started: processing jobs; SIGTERM stops it gracefully');
  return ctx;
}

/**
 * Runs an entry point. Known startup problems print one clear line and exit 1; on
 * SIGTERM a watchdog makes sure the process is gone within 10 s even if a handle hangs.
 */
export function runMain(main: () => Promise<unknown>): void {
  // Nest's shutdown hook closes the app, then re-raises the signal to itself. This
  // listener stays installed so that re-raise does not kill the process by signal: the
  // process then exits by itself (code 0) once every handle is closed.
  let stopping = false;
  const onStop = (): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', onStop);
  process.on('SIGINT', onStop);
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof StartupError) {
      console.error(`wage-warning: ${error.message}`);
    } else {
      console.error('wage-warning: failed to start:', error);
    }
    process.exit(1);
  });
}
