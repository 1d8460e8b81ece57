import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { AdminBootstrap } from '../libs/auth/src/admin-bootstrap.service';
import { adminHeaders, loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

interface ErrorBody {
  statusCode: number;
  message: string;
}

describe('foundation: users, audit log', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = admin): Promise<Response> =>
    fetch(`${t.baseUrl}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const login = (username: string, password: string): Promise<Response> => call('POST', '/auth/login', { username, password }, {});

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    admin = await adminHeaders(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the first admin exactly once', async () => {
    const rows = (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`)) as Array<{ n: number }>;
    expect(rows[0].n).toBe(1);
  });

  it('creates a user who can then log in; passwords are stored as argon2id', async () => {
    const res = await call('POST', '/users', { username: 'li.inspector', password: 'inspector-pass-1', role: 'inspector', unitCode: '420113-D1' });
    expect(res.status).toBe(201);
    const user = (await res.json()) as Record<string, unknown>;
    expect(user).toMatchObject({ username: 'li.inspector', role: 'inspector', unitCode: '420113-D1', bureauCode: null, disabled: false, canUnmask: false });
    expect(user).not.toHaveProperty('passwordHash');
    const [{ password_hash }] = (await t.app.get(DataSource).query(`SELECT password_hash FROM users WHERE username = 'li.inspector'`)) as Array<{ password_hash: string }>;
    expect(password_hash).toMatch(/^\$argon2id\$/);
    expect((await login('li.inspector', 'inspector-pass-1')).status).toBe(200);
  });

  it('explains what is wrong with a role and scope', async () => {
    const noUnit = await call('POST', '/users', { username: 'no.unit', password: 'long-enough-pw', role: 'brigade_lead' });
    expect(noUnit.status).toBe(400);
    expect(((await noUnit.json()) as ErrorBody).message).toMatch(/unitCode is required for role brigade_lead/);
    const noBureau = await call('POST', '/users', { username: 'no.bureau', password: 'long-enough-pw', role: 'bureau_officer' });
    expect(((await noBureau.json()) as ErrorBody).message).toMatch(/bureauCode is required for role bureau_officer/);
    const bad = await call('POST', '/users', { username: 'x', password: 'short', role: 'boss', extra: 1 });
    const message = ((await bad.json()) as ErrorBody).message;
    for (const field of ['username', 'password', 'role', 'extra']) expect(message).toContain(field);
  });

  it('refuses a duplicate username with 409', async () => {
    const body = { username: 'dup.user', password: 'long-enough-pw', role: 'auditor' };
    expect((await call('POST', '/users', body)).status).toBe(201);
    const again = await call('POST', '/users', body);
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).message).toMatch(/already exists/);
  });

  it('disabling a user refuses their existing token and their next login', async () => {
    const officer = await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'ZJ-01' });
    expect((await call('GET', '/audit', undefined, officer.headers)).status).toBe(403);
    const res = await call('PATCH', `/users/${officer.principal.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ disabled: true });
    const refused = await call('GET', '/audit', undefined, officer.headers);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as ErrorBody).message).toMatch(/disabled/);
    expect((await login(officer.principal.username, 'test-password-0123')).status).toBe(401);
  });

  it('changes role and password, validating the new scope', async () => {
    const { principal } = await loginAs(t, { role: Role.Auditor });
    const missing = await call('PATCH', `/users/${principal.id}`, { role: 'inspector' });
    expect(missing.status).toBe(400);
    const ok = await call('PATCH', `/users/${principal.id}`, { role: 'inspector', unitCode: 'U-7', password: 'a-new-password-9' });
    expect(await ok.json()).toMatchObject({ role: 'inspector', unitCode: 'U-7' });
    expect((await login(principal.username, 'a-new-password-9')).status).toBe(200);
    expect((await call('PATCH', '/users/00000000-0000-4000-8000-000000000000', { disabled: true })).status).toBe(404);
  });

  it('an admin cannot lock themselves out', async () => {
    const me = await loginAs(t, { role: Role.Admin });
    const res = await call('PATCH', `/users/${me.principal.id}`, { disabled: true }, me.headers);
    expect(res.status).toBe(400);
  });

  it('records security events, readable by admins and auditors, newest first', async () => {
    await login('admin', 'not-the-password');
    const auditor = await loginAs(t, { role: Role.Auditor });
    const res = await call('GET', '/audit?event=login.&pageSize=5', undefined, auditor.headers);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: Array<{ event: string; actorName: string }>; total: number; pageSize: number };
    expect(page.pageSize).toBe(5);
    expect(page.items.length).toBeLessThanOrEqual(5);
    expect(page.items[0]).toMatchObject({ event: 'login.succeeded', actorName: auditor.principal.username });
    const all = (await (await call('GET', '/audit?pageSize=500')).json()) as { items: Array<{ event: string }> };
    const events = new Set(all.items.map((e) => e.event));
    for (const e of ['login.failed', 'login.succeeded', 'user.created', 'user.disabled', 'user.changed', 'user.password_changed']) expect(events).toContain(e);
  });

  it('the audit table refuses UPDATE and DELETE', async () => {
    const ds = t.app.get(DataSource);
    await expect(ds.query(`UPDATE security_events SET event = 'x'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM security_events`)).rejects.toThrow(/append-only/);
  });

  // Last: empties the users table.
  it('processes bootstrapping an empty user table together create one admin', async () => {
    const ds = t.app.get(DataSource);
    await ds.query('DELETE FROM users');
    const bootstrap = t.app.get(AdminBootstrap);
    await Promise.all([bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap()]);
    const rows = (await ds.query(`SELECT username, role FROM users`)) as Array<{ username: string; role: string }>;
    expect(rows).toEqual([{ username: 'admin', role: 'admin' }]);
  });
});
