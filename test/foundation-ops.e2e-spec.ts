import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { configureHttpApp, HEALTH_REDIS_URL } from '@wage/ops';
import { AppModule } from '@wage/platform';
import { adminHeaders } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

describe('foundation: /health and /metrics', () => {
  let t: TestApp;
  let redisDown: INestApplication | undefined;
  let redisDownUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    // Same database and queues, but the health check's Redis points at a closed port.
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ workers: false })] })
      .overrideProvider(HEALTH_REDIS_URL)
      .useValue('redis://127.0.0.1:1')
      .compile();
    redisDown = moduleRef.createNestApplication({ bufferLogs: true });
    redisDown.useLogger(redisDown.get(Logger));
    configureHttpApp(redisDown);
    await redisDown.listen(0, '127.0.0.1');
    redisDownUrl = `http://127.0.0.1:${(redisDown.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await redisDown?.close();
    await t?.close();
  });

  it('GET /health is public and 200 when PostgreSQL and Redis answer', async () => {
    const res = await fetch(`${t.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('GET /health is 503 and names Redis when Redis is unreachable', async () => {
    const res = await fetch(`${redisDownUrl}/health`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { message: string; details: Record<string, { status: string }> };
    expect(body.message).toMatch(/redis is down/);
    expect(body.message).not.toMatch(/database/);
    expect(body.details.database.status).toBe('up');
    expect(body.details.redis.status).toBe('down');
  });

  it('answers the API without an ETag (docs/decisions/alert-list-api-cpu.md), the body and its length as before', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/alerts?status=open&pageSize=5`, { headers: await adminHeaders(t) });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
    const body = await res.text();
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(body)).toMatchObject({ items: [], total: 0, page: 1, pageSize: 5, nextCursor: null });
  });

  it('GET /metrics serves process, HTTP and queue metrics in Prometheus text', async () => {
    await fetch(`${t.baseUrl}/api/v1/users`, { headers: await adminHeaders(t) });
    await fetch(`${t.baseUrl}/api/v1/users`);
    const res = await fetch(`${t.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/users",status="200"\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/users",status="401"\} \d+/);
    for (const queue of ['imports', 'scans', 'escalations', 'outbox', 'notices']) {
      expect(text).toContain(`bullmq_jobs{queue="${queue}",state="waiting"} 0`);
    }
  });
});
