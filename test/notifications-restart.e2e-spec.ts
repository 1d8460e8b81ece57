import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { configureHttpApp, prepareInfrastructure } from '@wage/ops';
import { OutboxService, verifyWebhookSignature, WebhookSecretService } from '@wage/notifications';
import { AppModule } from '@wage/platform';
import { createTestEnv, deleteRedisPrefix, TestEnv } from './support/test-env';
import { insertUnit, waitFor, WebhookReceiver } from './support/webhook-receiver';

/** One instance of the service on an existing database and queue prefix. */
async function boot(workers: boolean): Promise<INestApplication> {
  await prepareInfrastructure(() => undefined);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ workers }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

describe('the outbox survives a restart', () => {
  let env: TestEnv;
  let receiver: WebhookReceiver;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    env = await createTestEnv({ OUTBOX_BACKOFF_MS: '100', OUTBOX_SWEEP_MS: '100', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await env?.destroy();
    await receiver?.stop();
  });

  it('delivers a message committed before the process stopped, even with the queue state lost', async () => {
    // 1. An API-only process commits a change with its webhook, then stops before any delivery.
    app = await boot(false);
    const db = app.get(DataSource);
    await insertUnit(db, 'U-R', receiver.url('/U-R'));
    const { secret } = await app.get(WebhookSecretService).rotate('unit', 'U-R');
    const outbox = app.get(OutboxService);
    await db.transaction((m) => outbox.enqueue(m, { receiverType: 'unit', receiverCode: 'U-R', event: 'alert.raised', payload: { alertId: 9 } }));
    await app.close();
    app = undefined;
    expect(receiver.received).toHaveLength(0);

    // 2. Redis loses every job (a crash, a flush): the outbox row in PostgreSQL is what counts.
    await deleteRedisPrefix(env.redisUrl, env.queuePrefix);

    // 3. A new worker process on the same database delivers it.
    app = await boot(true);
    const got = await waitFor(() => receiver.on('/U-R')[0], 'delivery by the new worker');
    expect(verifyWebhookSignature(secret, got.body, got.headers['x-signature'] as string)).toBe(true);
    const db2 = app.get(DataSource);
    await waitFor(async () => {
      const [row] = await db2.query(`SELECT status FROM outbox_messages WHERE receiver_code = 'U-R'`);
      return (row as { status: string }).status === 'delivered';
    }, 'delivered status');
    expect(receiver.on('/U-R')).toHaveLength(1);
  });
});
