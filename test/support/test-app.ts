import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from '@wage/platform';
import { configureHttpApp, prepareInfrastructure } from '@wage/ops';
import { createTestEnv, TestEnv } from './test-env';

export interface TestApp {
  app: INestApplication;
  env: TestEnv;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Boots the real service (migrations, PostgreSQL, Redis, BullMQ) in this process on a
 * random port, in a database and queue prefix of its own.
 */
export async function startTestApp(options: { workers?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const env = await createTestEnv(options.env);
  await prepareInfrastructure(() => undefined);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ workers: options.workers ?? true }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    env,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      await env.destroy();
    },
  };
}
