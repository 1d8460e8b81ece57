import { ConfigError, loadConfig } from './load-config';
import { DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME } from './dev-defaults';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the defaults of api.md to an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/wage_warning',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'wage',
      PORT: 3000,
      SCAN_CRON: '0 2 * * *',
      SCAN_TZ: 'Asia/Shanghai',
      JWT_TTL_SECONDS: 900,
    });
    expect(c.ADMIN_USERNAME).toBe(DEV_ADMIN_USERNAME);
    expect(c.ADMIN_PASSWORD).toBe(DEV_ADMIN_PASSWORD);
    expect(Buffer.from(c.DATA_ENCRYPTION_KEY ?? '', 'base64')).toHaveLength(32);
  });

  it('converts numbers and treats blank values as unset', () => {
    const c = loadConfig({ PORT: '8080', JWT_TTL_SECONDS: '600', QUEUE_PREFIX: '  ' });
    expect(c.PORT).toBe(8080);
    expect(c.JWT_TTL_SECONDS).toBe(600);
    expect(c.QUEUE_PREFIX).toBe('wage');
  });

  it('names every bad variable with an example of a good value', () => {
    const found = problems({ PORT: 'abc', REDIS_URL: 'x', DATABASE_URL: 'mysql://h/db', SCAN_CRON: 'daily' });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: .*such as 3000/),
        expect.stringMatching(/^REDIS_URL: .*redis:\/\/127\.0\.0\.1:6379/),
        expect.stringMatching(/^DATABASE_URL: .*postgres:\/\//),
        expect.stringMatching(/^SCAN_CRON: .*"0 2 \* \* \*"/),
      ]),
    );
    expect(found).toHaveLength(4);
  });

  it('puts all problems into one error message', () => {
    expect(() => loadConfig({ PORT: '70000', QUEUE_PREFIX: 'bad prefix!' })).toThrow(/PORT[\s\S]*QUEUE_PREFIX|QUEUE_PREFIX[\s\S]*PORT/);
  });

  it('requires real secrets in production', () => {
    const found = problems({ NODE_ENV: 'production' });
    for (const name of ['ADMIN_USERNAME', 'ADMIN_PASSWORD', 'DATA_ENCRYPTION_KEY', 'JWT_SECRET']) {
      expect(found.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('accepts a complete production configuration and keeps its secrets', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const c = loadConfig({
      NODE_ENV: 'production',
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'a-very-long-password',
      DATA_ENCRYPTION_KEY: key,
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(c.isProduction).toBe(true);
    expect(c.ADMIN_USERNAME).toBe('root');
    expect(c.DATA_ENCRYPTION_KEY).toBe(key);
  });

  it('refuses a short key or secret', () => {
    const found = problems({ DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'), JWT_SECRET: 'short' });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['DATA_ENCRYPTION_KEY', 'JWT_SECRET']);
  });
});
