import { access, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { idNumberCheckChar, Import } from '@wage/ingest';
import { ImportReaper } from '../libs/ingest/src/import-reaper';
import { adminHeaders } from './support/auth';
import { csv, getImport, Headers, uploadFile, uscc, waitForImport } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';
import { spawnWorker, waitFor, WorkerProcess } from './support/worker-process';

const ROWS = 300_000;

function distinctId(n: number): string {
  const mmdd = String((n % 12) + 1).padStart(2, '0') + String((Math.floor(n / 12) % 28) + 1).padStart(2, '0');
  const first17 = '4201131990' + mmdd + String(Math.floor(n / 336) % 1000).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}

function payrollFile(): string {
  const lines = ['project_code,id_number,period,payable_amount,paid_amount,paid_on,paid_via'];
  for (let i = 0; i < ROWS; i++) {
    const worker = Math.floor(i / 12);
    lines.push(`P${worker % 50},${distinctId(worker)},2024-${String((i % 12) + 1).padStart(2, '0')},5000.00,4000.5,2024-12-01,`);
  }
  return lines.join('\n') + '\n';
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/**
 * api.md: an import never stays queued or running after its worker is gone: it is
 * retried or failed within minutes, and its upload is removed when it ends.
 */
describe('imports: dead jobs are reaped', () => {
  let t: TestApp;
  let admin: Headers;
  let dir: string;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-reaper-'));
    t = await startTestApp({ workers: false, env: { IMPORT_DIR: dir } });
    admin = await adminHeaders(t);
  });
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fails an import whose job vanished from the queue, and removes its upload', async () => {
    const db = t.app.get(DataSource);
    const filePath = join(dir, 'orphan.csv');
    await writeFile(filePath, 'project_code\n');
    const repo = db.getRepository(Import);
    const imp = await repo.save(repo.create({ dataset: 'payroll', atomic: false, filePath, fileName: 'orphan.csv', fileSize: 13, fileFormat: 'csv', submittedByKind: 'user', submittedById: '1', submittedByName: 'admin', status: 'running' }));
    await db.query(`UPDATE imports SET created_at = now() - interval '5 minutes' WHERE id = $1`, [imp.id]);

    expect(await t.app.get(ImportReaper).reap()).toEqual({ failed: [Number(imp.id)] });
    const { body } = await getImport(t, admin, Number(imp.id));
    expect(body.status).toBe('failed');
    expect(body.errorMessage).toMatch(/stopped because its job is gone from the queue.*Upload the file again/);
    expect(await exists(filePath)).toBe(false);
  });

  it('a worker SIGKILLed three times mid-import leaves the import failed within minutes, nothing doubled', async () => {
    const db = t.app.get(DataSource);
    worker = spawnWorker();
    const projects = csv([
      ['project_code', 'name', 'region_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'status'],
      ...Array.from({ length: 50 }, (_, i) => [`P${i}`, '工程', '420113', 'housing', uscc(1), uscc(2), '100', '2024-01-01', 'in_progress']),
    ]);
    const p = await uploadFile(t, admin, 'projects', projects);
    expect((await waitForImport(t, admin, p.body.id, 90_000)).status).toBe('succeeded');

    const up = await uploadFile(t, admin, 'payroll', payrollFile());
    expect(up.status).toBe(202);
    let lastStart: string | null = null;
    for (let kill = 1; kill <= 3; kill++) {
      // A new attempt (another startedAt) that has read rows: kill its worker mid-import.
      await waitFor(
        `attempt ${kill} to be running`,
        async () => {
          const { body } = await getImport(t, admin, up.body.id);
          const b = body as typeof body & { startedAt: string | null };
          if (!['queued', 'running'].includes(b.status)) throw new Error(`import finished before kill ${kill}: ${b.status} ${b.errorMessage}`);
          return b.status === 'running' && b.rowsProcessed > 0 && b.startedAt !== lastStart;
        },
        120_000,
        50,
      );
      lastStart = ((await getImport(t, admin, up.body.id)).body as unknown as { startedAt: string }).startedAt;
      await worker.kill('SIGKILL');
      expect(Number((await db.query('SELECT count(*) AS n FROM payroll'))[0].n)).toBe(0);
      worker = spawnWorker();
    }

    const killedAt = Date.now();
    const done = await waitForImport(t, admin, up.body.id, 240_000);
    expect(Date.now() - killedAt).toBeLessThan(4 * 60_000);
    const payrollRows = Number((await db.query('SELECT count(*) AS n FROM payroll'))[0].n);
    // maxStalledCount is 2: the third stall gives the job up; the reaper then fails the import.
    expect(done.status).toBe('failed');
    expect(done.errorMessage).toMatch(/worker loading it stopped \(killed or frozen\) too many times/);
    expect(payrollRows).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  }, 420_000);
});
