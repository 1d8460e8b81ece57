import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';
import { DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME } from './dev-defaults';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'wage-config-spec-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

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
  it('applies the defaults of api.md to an empty environment: embedded database, queues on PostgreSQL', () => {
    const c = loadConfig({ DATA_DIR: dataDir });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      QUEUE_BACKEND: 'postgres',
      DATA_DIR: dataDir,
      IMPORT_DIR: join(dataDir, 'imports'),
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
    const c = loadConfig({ DATA_DIR: dataDir, PORT: '8080', JWT_TTL_SECONDS: '600', QUEUE_PREFIX: '  ', REDIS_URL: ' ' });
    expect(c.PORT).toBe(8080);
    expect(c.JWT_TTL_SECONDS).toBe(600);
    expect(c.QUEUE_PREFIX).toBe('wage');
    expect(c.QUEUE_BACKEND).toBe('postgres');
  });

  it('runs the queues on Redis when REDIS_URL is set, unless QUEUE_BACKEND says otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:6379' }).QUEUE_BACKEND).toBe('redis');
    expect(loadConfig({ DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_BACKEND: 'postgres' }).QUEUE_BACKEND).toBe('postgres');
    expect(problems({ DATA_DIR: dataDir, QUEUE_BACKEND: 'redis' })).toEqual([expect.stringMatching(/^REDIS_URL: .*required when QUEUE_BACKEND=redis/)]);
    expect(problems({ DATA_DIR: dataDir, QUEUE_BACKEND: 'kafka' })).toEqual([expect.stringMatching(/^QUEUE_BACKEND: .*must be redis or postgres/)]);
  });

  it('generates secrets once per installation into DATA_DIR (mode 0600) and reuses them', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.generatedSecretsFile).toBe(file);
    const again = loadConfig({ DATA_DIR: dataDir });
    expect(again.JWT_SECRET).toBe(first.JWT_SECRET);
    expect(again.DATA_ENCRYPTION_KEY).toBe(first.DATA_ENCRYPTION_KEY);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ JWT_SECRET: first.JWT_SECRET });
    // Another installation gets its own.
    const otherDir = mkdtempSync(join(tmpdir(), 'wage-config-spec-'));
    try {
      const other = loadConfig({ DATA_DIR: otherDir });
      expect(other.JWT_SECRET).not.toBe(first.JWT_SECRET);
      expect(other.DATA_ENCRYPTION_KEY).not.toBe(first.DATA_ENCRYPTION_KEY);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('gives NODE_ENV-unset deployments generated secrets, never a constant, and keeps explicit ones', () => {
    const c = loadConfig({ DATA_DIR: dataDir });
    expect(c.NODE_ENV).toBe('development');
    expect(c.JWT_SECRET?.length).toBeGreaterThanOrEqual(32);
    const explicit = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'j'.repeat(40), DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') });
    expect(explicit.JWT_SECRET).toBe('j'.repeat(40));
    expect(explicit.generatedSecretsFile).toBeUndefined();
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

  it.each(['Asia/Nowhere', 'UTC+8'])('refuses SCAN_TZ "%s": the time zone is checked for real (api.md), not by shape', (tz) => {
    expect(problems({ SCAN_TZ: tz })).toEqual([expect.stringMatching(/^SCAN_TZ: .*Asia\/Shanghai/)]);
  });

  it.each([
    ['1', 1],
    ['4', 4],
    ['64', 64],
  ])('reads API_WORKERS=%s as %d HTTP processes', (value, n) => {
    expect(loadConfig({ DATA_DIR: dataDir, API_WORKERS: value }).apiWorkers).toBe(n);
  });

  it('reads API_WORKERS=auto as one process per core and defaults to one', () => {
    expect(loadConfig({ DATA_DIR: dataDir, API_WORKERS: 'auto' }).apiWorkers).toBe(availableParallelism());
    expect(loadConfig({ DATA_DIR: dataDir }).apiWorkers).toBe(1);
  });

  it.each(['0', '65', 'two', '1.5', '-1'])('refuses API_WORKERS "%s" with an example of a good value', (value) => {
    expect(problems({ API_WORKERS: value })).toEqual([expect.stringMatching(/^API_WORKERS: .*auto.*such as 2/)]);
  });

  it('puts all problems into one error message', () => {
    expect(() => loadConfig({ PORT: '70000', QUEUE_PREFIX: 'bad prefix!' })).toThrow(/PORT[\s\S]*QUEUE_PREFIX|QUEUE_PREFIX[\s\S]*PORT/);
  });

  it('requires real secrets and a real database in production', () => {
    const found = problems({ NODE_ENV: 'production', DATA_DIR: dataDir });
    for (const name of ['ADMIN_USERNAME', 'ADMIN_PASSWORD', 'DATA_ENCRYPTION_KEY', 'JWT_SECRET', 'DATABASE_URL']) {
      expect(found.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('accepts a complete production configuration and keeps its secrets', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const c = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://wage@db.internal:5432/wage_warning',
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'a-very-long-password',
      DATA_ENCRYPTION_KEY: key,
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(c.isProduction).toBe(true);
    expect(c.ADMIN_USERNAME).toBe('root');
    expect(c.DATA_ENCRYPTION_KEY).toBe(key);
    expect(c.generatedSecretsFile).toBeUndefined();
  });

  it('refuses a short key or secret', () => {
    const found = problems({ DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'), JWT_SECRET: 'short' });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['DATA_ENCRYPTION_KEY', 'JWT_SECRET']);
  });
});
