import { startTestApp, TestApp } from './support/test-app';

describe('service boot', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string };
    expect(doc.openapi).toMatch(/^3\./);
  });

  it('answers unknown paths with the error shape of api.md', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/nope`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(typeof body.message).toBe('string');
  });
});
