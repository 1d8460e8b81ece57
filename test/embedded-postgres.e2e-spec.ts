import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@wage/database';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The launcher behind the embedded default: encoding and locale, joining, stopping, reusing data. */
describe('embedded PostgreSQL', () => {
  let dir: string;
  const password = randomBytes(12).toString('hex');
  const started: EmbeddedPostgres[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wage-embedded-pg-'));
    await chmod(dir, 0o755);
  });
  afterAll(async () => {
    for (const pg of started.reverse()) await pg.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('initialises UTF-8 with C.UTF-8, lets a second starter join, stops cleanly and keeps the data', async () => {
    const first = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), password, database: 'postgres' });
    started.push(first);
    expect(first.owned).toBe(true);
    const [db] = await query<{ encoding: string; collate: string; provider: string; locale: string }>(
      first.url,
      `SELECT pg_encoding_to_char(encoding) AS encoding, datcollate AS collate, datlocprovider AS provider, datlocale AS locale FROM pg_database WHERE datname = 'postgres'`,
    );
    expect(db).toEqual({ encoding: 'UTF8', collate: expect.stringMatching(/^C(\.UTF-8)?$/), provider: 'b', locale: 'C.UTF-8' });
    await query(first.url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('工资')`);
    // Only 127.0.0.1 with a password: a wrong one is refused.
    await expect(query(first.url.replace(encodeURIComponent(password), 'wrong'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);

    const joined = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), password, database: 'postgres' });
    expect(joined).toMatchObject({ owned: false, port: first.port });
    await joined.stop(); // not its cluster: a no-op
    expect((await query<{ v: string }>(first.url, 'SELECT v FROM kept'))[0].v).toBe('工资');

    await first.stop();
    expect(existsSync(join(dir, 'data', 'postgres', 'postmaster.pid'))).toBe(false);

    const again = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), password, database: 'postgres' });
    started.push(again);
    expect(again.owned).toBe(true);
    expect((await query<{ v: string }>(again.url, 'SELECT v FROM kept'))[0].v).toBe('工资');
  });
});
