import IORedis from 'ioredis';
import { Role } from '@wage/auth';
import { LOGIN_FAILURE_LIMITS, LoginThrottle } from '../libs/auth/src/login-throttle.service';
import { RedisCounterStore } from '../libs/auth/src/login-throttle.store';
import { loginAs, TEST_PASSWORD } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

function login(t: TestApp, username: string, password: string): Promise<Response> {
  return fetch(`${t.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

const tally = (statuses: number[]): Record<number, number> => statuses.reduce<Record<number, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});

// The same behaviour on both stores the throttle can use (it follows QUEUE_BACKEND).
describe.each(['postgres', 'redis'] as const)('login throttle on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ workers: false, env: { QUEUE_BACKEND: backend } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('only slows the named admin down (a one-minute window), so nobody can lock it out for long', async () => {
    for (let i = 0; i < LOGIN_FAILURE_LIMITS.perUser; i++) {
      const res = await login(t, 'admin', `wrong-${i}`);
      expect(res.status).toBe(401);
    }
    const blocked = await login(t, 'admin', 'admin-dev-password');
    expect(blocked.status).toBe(429);
    const wait = Number(blocked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LOGIN_FAILURE_LIMITS.adminWindowSeconds);
    expect(((await blocked.json()) as { message: string }).message).toMatch(/Too many failed logins/);
  });

  it('lets at most 5 of 40 parallel wrong passwords reach the password check; the rest get 429', async () => {
    const { principal } = await loginAs(t, { role: Role.Auditor });
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => login(t, principal.username, `guess-${i}`).then((r) => r.status)));
    expect(tally(statuses)).toEqual({ 401: LOGIN_FAILURE_LIMITS.perUser, 429: 40 - LOGIN_FAILURE_LIMITS.perUser });
    // Locked for the 15-minute window, right password or not.
    const right = await login(t, principal.username, TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(LOGIN_FAILURE_LIMITS.adminWindowSeconds);
  });

  if (backend === 'redis') {
    it('answers a clear 503 within a few seconds when Redis does not answer', async () => {
      const throttle = t.app.get(LoginThrottle);
      // Swap the store for one whose Redis is unreachable (port 1): what a Redis outage looks like to it.
      const dead = new IORedis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 500 });
      dead.on('error', () => undefined);
      const live = (throttle as unknown as { store: unknown }).store;
      (throttle as unknown as { store: unknown }).store = new RedisCounterStore(dead);
      try {
        const started = Date.now();
        const res = await login(t, 'admin', 'admin-dev-password');
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(res.status).toBe(503);
        expect(((await res.json()) as { message: string }).message).toMatch(/Login is unavailable for now: its attempt counter \(Redis\) does not answer/);
      } finally {
        (throttle as unknown as { store: unknown }).store = live;
        dead.disconnect();
      }
    });
  }
});
