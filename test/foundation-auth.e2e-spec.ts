import { Role } from '@wage/auth';
import { adminHeaders, createApiKey, loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

async function post(t: TestApp, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('foundation: authentication and access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ workers: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs the bootstrap admin in and issues a JWT', async () => {
    const res = await post(t, '/api/v1/auth/login', { username: 'admin', password: 'admin-dev-password' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; expiresIn: number };
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(body.expiresIn).toBe(900);
  });

  it('refuses a wrong password with 401 and a clear message', async () => {
    const res = await post(t, '/api/v1/auth/login', { username: 'admin', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ statusCode: 401, message: 'Wrong username or password' });
  });

  it('throttles a username after 5 failures with 429 and Retry-After, even for the right password', async () => {
    const { principal } = await loginAs(t, { role: Role.Auditor });
    for (let i = 0; i < 5; i++) {
      const res = await post(t, '/api/v1/auth/login', { username: principal.username, password: `guess-${i}` });
      expect(res.status).toBe(401);
    }
    const res = await post(t, '/api/v1/auth/login', { username: principal.username, password: 'test-password-0123' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { message: string }).message).toMatch(/Too many failed logins/);
  });

  it('answers 401 without credentials and with a bad token', async () => {
    expect((await fetch(`${t.baseUrl}/api/v1/users`)).status).toBe(401);
    const bad = await fetch(`${t.baseUrl}/api/v1/users`, { headers: { Authorization: 'Bearer not.a.token' } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { message: string }).message).toMatch(/invalid/);
  });

  it('answers 403 for a role the endpoint does not list', async () => {
    const inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'U1' });
    const res = await fetch(`${t.baseUrl}/api/v1/users`, { headers: inspector.headers });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/inspector/);
  });

  it('accepts a submitter key, and refuses it after revocation', async () => {
    const key = await createApiKey(t, 'bank feed');
    // The submitter is authenticated (403 = known but not allowed, not 401).
    expect((await fetch(`${t.baseUrl}/api/v1/users`, { headers: key.headers })).status).toBe(403);
    const admin = await adminHeaders(t);
    const listed = (await (await fetch(`${t.baseUrl}/api/v1/api-keys`, { headers: admin })).json()) as Array<Record<string, unknown>>;
    expect(listed.find((k) => k.id === key.id)).toMatchObject({ name: 'bank feed' });
    expect(JSON.stringify(listed)).not.toContain(key.key);
    const del = await fetch(`${t.baseUrl}/api/v1/api-keys/${key.id}`, { method: 'DELETE', headers: admin });
    expect(del.status).toBe(200);
    const after = await fetch(`${t.baseUrl}/api/v1/users`, { headers: key.headers });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { message: string }).message).toMatch(/revoked/);
  });
});
