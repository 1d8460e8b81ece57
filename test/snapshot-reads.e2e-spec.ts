import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { dataSourceOptions, readOnOneSnapshot } from '@wage/database';
import { createTestEnv, TestEnv } from './support/test-env';

/**
 * readOnOneSnapshot (docs/decisions/reports-snapshot-parallel-reads.md): reads spread
 * over several connections still see one instant, a write committed meanwhile is seen by
 * none of them, and the transactions are read-only.
 */
describe('reads in parallel on one snapshot', () => {
  let env: TestEnv;
  let ds: DataSource;
  let writer: Client;

  beforeAll(async () => {
    env = await createTestEnv();
    ds = new DataSource({ ...dataSourceOptions(env.databaseUrl), extra: { max: 4 } });
    await ds.initialize();
    writer = new Client({ connectionString: env.databaseUrl });
    await writer.connect();
    await writer.query('CREATE TABLE snapshot_probe (n int)');
    await writer.query('INSERT INTO snapshot_probe VALUES (1)');
  });
  afterAll(async () => {
    await writer?.end();
    await ds?.destroy();
    await env?.destroy();
  });

  it('runs reads on several connections that all see the state of the first one', async () => {
    const seen: Array<{ pid: number; rows: number }> = [];
    const read = (sleep: number) => async (m: EntityManager) => {
      const [r] = (await m.query(`SELECT pg_backend_pid() AS pid, pg_sleep(${sleep}), (SELECT count(*)::int FROM snapshot_probe) AS rows`)) as Array<{ pid: number; rows: number }>;
      seen.push({ pid: r.pid, rows: r.rows });
    };
    let committedMeanwhile = false;
    const reads = [
      read(0.3),
      async (m: EntityManager) => {
        // A write committed after the snapshot was taken, while other reads are running.
        await writer.query('INSERT INTO snapshot_probe VALUES (2)');
        committedMeanwhile = true;
        await read(0)(m);
      },
      read(0.3),
      read(0),
    ];
    const finished = await readOnOneSnapshot(ds, reads, { connections: 3, settings: ["SET LOCAL work_mem = '8MB'"] }, async (m) => {
      const [r] = (await m.query(`SELECT current_setting('work_mem') AS wm, (SELECT count(*)::int FROM snapshot_probe) AS rows`)) as Array<{ wm: string; rows: number }>;
      return r;
    });
    expect(committedMeanwhile).toBe(true);
    expect(seen.map((s) => s.rows)).toEqual([1, 1, 1, 1]);
    expect(new Set(seen.map((s) => s.pid)).size).toBeGreaterThan(1);
    expect(finished).toEqual({ wm: '8MB', rows: 1 });
    expect((await writer.query('SELECT count(*)::int AS n FROM snapshot_probe')).rows[0].n).toBe(2);
  });

  it('refuses writes and passes the first failure on, releasing every connection', async () => {
    await expect(
      readOnOneSnapshot(ds, [async (m) => void (await m.query('INSERT INTO snapshot_probe VALUES (3)')), async (m) => void (await m.query('SELECT 1'))], { connections: 2 }, async () => 'done'),
    ).rejects.toThrow(/read-only transaction/);
    // The pool is whole again: as many reads as connections succeed.
    await expect(readOnOneSnapshot(ds, [async () => undefined], { connections: 4 }, async () => 'ok')).resolves.toBe('ok');
    expect((await writer.query('SELECT count(*)::int AS n FROM snapshot_probe')).rows[0].n).toBe(2);
  });

  it("reports the opener's failed read, not a helper that came too late to join the snapshot", async () => {
    // The pool (4) is full but for the opener, so the helper gets a connection only when
    // the failing read hands one back: after that read has ended the opener's transaction.
    const held = await Promise.all([0, 1, 2].map(async () => {
      const r = ds.createQueryRunner();
      await r.connect();
      return r;
    }));
    const failing = async (m: EntityManager): Promise<void> => {
      try {
        await m.query('INSERT INTO snapshot_probe VALUES (4)');
      } catch (error) {
        await held[0].release();
        // Time for the helper to try SET TRANSACTION SNAPSHOT on the ended transaction.
        await new Promise((resolve) => setTimeout(resolve, 300));
        throw error;
      }
    };
    try {
      await expect(readOnOneSnapshot(ds, [failing, async (m) => void (await m.query('SELECT 1'))], { connections: 2 }, async () => 'done')).rejects.toThrow(/read-only transaction/);
    } finally {
      // All of them, the first too if the read did not fail: a held connection would stall the pool's end.
      await Promise.all(held.filter((r) => !r.isReleased).map((r) => r.release()));
    }
    await expect(readOnOneSnapshot(ds, [async () => undefined], { connections: 4 }, async () => 'ok')).resolves.toBe('ok');
  });
});
