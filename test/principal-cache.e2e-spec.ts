import { Client } from 'pg';
import { Role } from '@wage/auth';
import { PrincipalChanges } from '../libs/auth/src/principal-changes';
import { adminHeaders, createApiKey, loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The rows a request authenticates with are kept in the API process only while it hears
 * every change to them (docs/decisions/principal-cache-invalidation.md). Changes are
 * made here the way another API process or an operator would make them — SQL on another
 * connection — and must still end access within the notification's delivery, never
 * when an entry would have aged out (60 s).
 */
describe('principal cache: changes to users and API keys end access at once', () => {
  let t: TestApp;
  let other: Client;
  let changes: PrincipalChanges;

  const status = async (headers: Record<string, string>, path = '/api/v1/auth/me'): Promise<number> => (await fetch(`${t.baseUrl}${path}`, { headers })).status;
  /** The status once it is `want`, polling for at most `ms` (a notification is a few ms away); else the last one. */
  const eventually = async (want: number, headers: Record<string, string>, path?: string, ms = 2_000): Promise<number> => {
    const until = Date.now() + ms;
    let last = await status(headers, path);
    while (last !== want && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
      last = await status(headers, path);
    }
    return last;
  };
  const until = async (check: () => boolean, ms = 5_000): Promise<boolean> => {
    const end = Date.now() + ms;
    while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return check();
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    other = new Client({ connectionString: t.env.databaseUrl });
    await other.connect();
    changes = t.app.get(PrincipalChanges);
  });
  afterAll(async () => {
    await other?.end();
    await t?.close();
  });

  it('keeps the user row between requests once it hears changes', async () => {
    const u = await loginAs(t, { role: Role.Inspector, unitCode: 'U1' });
    expect(await status(u.headers)).toBe(200);
    expect(await until(() => changes.users.isLive)).toBe(true);
    expect(await status(u.headers)).toBe(200);
    expect(changes.users.get(u.principal.id)).toMatchObject({ id: u.principal.id, disabled: false, role: Role.Inspector });
  });

  it('a user disabled by another connection is refused within the notification, not the cache age', async () => {
    const u = await loginAs(t, { role: Role.Inspector, unitCode: 'U1' });
    expect(await status(u.headers)).toBe(200);
    expect(await status(u.headers)).toBe(200);
    expect(changes.users.get(u.principal.id)).toBeDefined();
    await other.query('UPDATE users SET disabled = true WHERE id = $1', [u.principal.id]);
    expect(await eventually(401, u.headers)).toBe(401);
  });

  it('a role change by another connection ends the token (token version) within the notification', async () => {
    const u = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'U1' });
    expect(await status(u.headers)).toBe(200);
    await other.query(`UPDATE users SET role = 'inspector', token_version = token_version + 1 WHERE id = $1`, [u.principal.id]);
    expect(await eventually(401, u.headers)).toBe(401);
  });

  it('a change through this process’s own API is seen by the very next request', async () => {
    const u = await loginAs(t, { role: Role.Inspector, unitCode: 'U1' });
    expect(await status(u.headers)).toBe(200);
    expect(await status(u.headers)).toBe(200);
    const res = await fetch(`${t.baseUrl}/api/v1/users/${u.principal.id}`, {
      method: 'PATCH',
      headers: { ...(await adminHeaders(t)), 'Content-Type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(res.status).toBe(200);
    expect(await status(u.headers)).toBe(401);
  });

  it('an API key revoked by another connection is refused within the notification', async () => {
    const key = await createApiKey(t);
    expect(await status(key.headers, '/api/v1/imports')).toBe(200);
    expect(await status(key.headers, '/api/v1/imports')).toBe(200);
    await other.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [key.id]);
    expect(await eventually(401, key.headers, '/api/v1/imports')).toBe(401);
  });

  it('while it cannot hear changes it keeps nothing, and it listens again by itself', async () => {
    const u = await loginAs(t, { role: Role.Inspector, unitCode: 'U1' });
    expect(await status(u.headers)).toBe(200);
    expect(await until(() => changes.users.isLive)).toBe(true);
    // The listening connection dies (a PostgreSQL restart, a proxy's idle cut).
    await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'wage-warning-principal-changes' AND datname = current_database()`);
    expect(await until(() => !changes.users.isLive, 2_000)).toBe(true);
    expect(await status(u.headers)).toBe(200);
    expect(changes.users.get(u.principal.id)).toBeUndefined();
    expect(await until(() => changes.users.isLive)).toBe(true);
    expect(await status(u.headers)).toBe(200);
    await other.query('UPDATE users SET disabled = true WHERE id = $1', [u.principal.id]);
    expect(await eventually(401, u.headers)).toBe(401);
  });
});
