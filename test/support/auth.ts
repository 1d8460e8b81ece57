import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@wage/config';
import { hashPassword, Role, User } from '@wage/auth';
import { TestApp } from './test-app';

export const TEST_PASSWORD = 'test-password-0123';

export interface LoginAsOptions {
  role: Role;
  unitCode?: string;
  bureauCode?: string;
  canUnmask?: boolean;
  username?: string;
}

export interface LoggedIn {
  token: string;
  headers: Record<string, string>;
  principal: { id: string; username: string };
}

async function login(t: TestApp, username: string, password: string): Promise<string> {
  const res = await fetch(`${t.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

let passwordHash: Promise<string> | undefined;

/**
 * Creates a user with the given role and scope directly in the test database (no admin
 * call needed), logs in over HTTP and returns ready-to-use headers.
 */
export async function loginAs(t: TestApp, opts: LoginAsOptions): Promise<LoggedIn> {
  const username = opts.username ?? `${opts.role}_${randomBytes(4).toString('hex')}`;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const repo = t.app.get(DataSource).getRepository(User);
  const user = await repo.save(
    repo.create({
      username,
      passwordHash: await passwordHash,
      role: opts.role,
      unitCode: opts.unitCode ?? null,
      bureauCode: opts.bureauCode ?? null,
      canUnmask: opts.canUnmask ?? false,
      disabled: false,
    }),
  );
  const token = await login(t, username, TEST_PASSWORD);
  return { token, headers: { Authorization: `Bearer ${token}` }, principal: { id: user.id, username } };
}

const adminTokens = new WeakMap<TestApp, Promise<string>>();

/** Headers of the bootstrap admin (ADMIN_USERNAME / ADMIN_PASSWORD of the test app). */
export async function adminHeaders(t: TestApp): Promise<Record<string, string>> {
  let token = adminTokens.get(t);
  if (!token) {
    const config = t.app.get(AppConfig);
    token = login(t, config.ADMIN_USERNAME ?? 'admin', config.ADMIN_PASSWORD ?? '');
    adminTokens.set(t, token);
  }
  return { Authorization: `Bearer ${await token}` };
}

/** Creates a submitter API key through the admin API. */
export async function createApiKey(t: TestApp, name?: string): Promise<{ id: string; key: string; headers: Record<string, string> }> {
  const res = await fetch(`${t.baseUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers: { ...(await adminHeaders(t)), 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: name ?? `submitter-${randomBytes(3).toString('hex')}` }),
  });
  if (res.status !== 201) throw new Error(`creating an API key failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; key: string };
  return { id: body.id, key: body.key, headers: { 'X-Api-Key': body.key } };
}
