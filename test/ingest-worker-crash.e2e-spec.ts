import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { adminHeaders } from './support/auth';
import { idNumberCheckChar } from '@wage/ingest';
import { csv, getImport, Headers, uploadFile, uscc, waitForImport } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const ROWS = 300_000;
const BAD_ROWS = 7;

/** A worker process of the real service, with this test's database and queue prefix. */
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Distinct valid ID numbers for n < 336,000. */
function distinctId(n: number): string {
  const mmdd = String((n % 12) + 1).padStart(2, '0') + String((Math.floor(n / 12) % 28) + 1).padStart(2, '0');
  const first17 = '4201131990' + mmdd + String(Math.floor(n / 336) % 1000).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}

function payrollFile(): string {
  const lines = ['project_code,id_number,period,payable_amount,paid_amount,paid_on,paid_via'];
  for (let i = 0; i < ROWS; i++) {
    const month = (i % 12) + 1;
    const worker = Math.floor(i / 12);
    const bad = i % Math.floor(ROWS / BAD_ROWS) === 1 && i < BAD_ROWS * Math.floor(ROWS / BAD_ROWS);
    lines.push(`P${worker % 50},${distinctId(worker)},2024-${String(month).padStart(2, '0')},${bad ? 'abc' : '5000.00'},4000.5,2024-12-01,`);
  }
  return lines.join('\n') + '\n';
}

/**
 * A worker killed in the middle of an import leaves the tables unchanged (one
 * transaction); BullMQ hands the stalled job to another worker, which loads it all.
 */
describe('imports: a worker killed mid-import', () => {
  let t: TestApp;
  let admin: Headers;
  let first: ChildProcess | undefined;
  let second: ChildProcess | undefined;

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    admin = await adminHeaders(t);
  });
  afterAll(async () => {
    await stop(first, 'SIGKILL');
    await stop(second, 'SIGTERM');
    await t?.close();
  });

  it('leaves data unchanged and the retried job loads exactly the right rows', async () => {
    const db = t.app.get(DataSource);
    first = startWorker();
    const projects = csv([
      ['project_code', 'name', 'region_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'status'],
      ...Array.from({ length: 50 }, (_, i) => [`P${i}`, '工程', '420113', 'housing', uscc(1), uscc(2), '100', '2024-01-01', 'in_progress']),
    ]);
    const p = await uploadFile(t, admin, 'projects', projects);
    expect((await waitForImport(t, admin, p.body.id, 60_000)).status).toBe('succeeded');

    const up = await uploadFile(t, admin, 'payroll', payrollFile());
    expect(up.status).toBe(202);
    for (;;) {
      const { body } = await getImport(t, admin, up.body.id);
      if (body.status === 'running' && body.rowsProcessed > 0) break;
      if (body.status !== 'queued' && body.status !== 'running') throw new Error(`import finished before the kill: ${body.status}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await stop(first, 'SIGKILL');
    const killed = await getImport(t, admin, up.body.id);
    expect(killed.body.status).toBe('running');
    expect(Number((await db.query('SELECT count(*) AS n FROM payroll'))[0].n)).toBe(0);

    second = startWorker();
    const done = await waitForImport(t, admin, up.body.id, 150_000);
    const expected = { total: ROWS, rejected: BAD_ROWS };
    expect(done).toMatchObject({ status: 'succeeded_with_errors', rowsTotal: expected.total, rowsRejected: expected.rejected, rowsAccepted: expected.total - expected.rejected });
    expect(Number((await db.query('SELECT count(*) AS n FROM payroll'))[0].n)).toBe(ROWS - BAD_ROWS);
    expect(Number((await db.query('SELECT count(*) AS n FROM import_errors WHERE import_id = $1', [up.body.id]))[0].n)).toBe(BAD_ROWS);
  }, 240_000);
});
