import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** One read of a report-like request: runs on some connection of the shared snapshot. */
export type SnapshotRead = (m: EntityManager) => Promise<void>;

export interface SnapshotReadOptions {
  /** Connections in all (the one that opens the snapshot included); 1 = everything on one. */
  connections: number;
  /** Statements run at the start of each transaction (SET LOCAL …). */
  settings?: readonly string[];
}

async function begin(runner: QueryRunner, settings: readonly string[], snapshot?: string): Promise<void> {
  await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  // Must be the transaction's first statement after BEGIN: every reader sees exactly the opener's instant.
  if (snapshot) await runner.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
  for (const s of settings) await runner.query(s);
}

/**
 * Runs independent read-only statements in parallel on ONE consistent snapshot
 * (docs/decisions/reports-snapshot-parallel-reads.md): the first connection opens a
 * REPEATABLE READ READ ONLY transaction and exports its snapshot (pg_export_snapshot);
 * helpers join it with SET TRANSACTION SNAPSHOT, so every statement sees the database as
 * of the same instant, as if all ran in one transaction. Reads are taken from a shared
 * queue in order. The opener never waits for a helper's connection: a helper that gets
 * its connection only after the queue is done releases it without joining, so a busy
 * pool slows a report down but cannot deadlock it; a helper that cannot join (the
 * opener's transaction already ended on a failed read) reads nothing and reports nothing.
 * Then `finish` runs on the opener's transaction (after every read), and its result is
 * returned.
 */
export async function readOnOneSnapshot<T>(
  dataSource: DataSource,
  reads: readonly SnapshotRead[],
  options: SnapshotReadOptions,
  finish: (m: EntityManager) => Promise<T>,
): Promise<T> {
  const settings = options.settings ?? [];
  const opener = dataSource.createQueryRunner();
  await opener.connect();
  const queue = [...reads];
  let failure: unknown = null;
  const work = async (m: EntityManager): Promise<void> => {
    for (let read = queue.shift(); read && failure === null; read = queue.shift()) {
      try {
        await read(m);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  let closed = false;
  const joined: Array<Promise<void>> = [];
  try {
    await begin(opener, settings);
    const helpers = Math.max(0, Math.min(options.connections, reads.length) - 1);
    if (helpers > 0) {
      const [{ snapshot }] = (await opener.query('SELECT pg_export_snapshot() AS snapshot')) as Array<{ snapshot: string }>;
      for (let i = 0; i < helpers; i++) {
        const helper = dataSource.createQueryRunner();
        void helper.connect().then(
          () => {
            // Synchronous check and registration: the opener cannot close the snapshot in between.
            if (closed || queue.length === 0) return helper.release();
            joined.push(
              (async () => {
                try {
                  try {
                    await begin(helper, settings, snapshot);
                  } catch {
                    // Could not join: the opener's transaction has ended (a read failed there,
                    // and that failure is the one to report) or this connection is unwell.
                    // Either way the opener does the reads alone; nothing was read here.
                    return;
                  }
                  await work(helper.manager);
                } catch (error) {
                  failure ??= error;
                } finally {
                  await helper.query('ROLLBACK').catch(() => undefined);
                  await helper.release();
                }
              })(),
            );
          },
          // No helper connection: the opener does the work alone.
          () => undefined,
        );
      }
    }
    await work(opener.manager);
    closed = true;
    await Promise.all(joined);
    if (failure !== null) throw failure;
    const result = await finish(opener.manager);
    await opener.query('COMMIT');
    return result;
  } catch (error) {
    closed = true;
    await Promise.all(joined);
    await opener.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await opener.release();
  }
}
