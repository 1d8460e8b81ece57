import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@wage/config';
import { adminHeaders } from './support/auth';
import { uploadFile } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';

describe('imports: size limit', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-limits-'));
    t = await startTestApp({ workers: false, env: { IMPORT_MAX_BYTES: '4096', IMPORT_DIR: dir } });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a file over IMPORT_MAX_BYTES with a clear 413 and keeps no partial file', async () => {
    expect(t.app.get(AppConfig).IMPORT_DIR).toBe(dir);
    const up = await uploadFile(t, await adminHeaders(t), 'payroll', 'project_code,id_number\n' + 'P1,420113199001011234\n'.repeat(1000));
    expect(up.status).toBe(413);
    expect(up.body.message).toMatch(/larger than the import limit.*4096 bytes.*IMPORT_MAX_BYTES/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a JSON body over the upload limit with 413 naming it, and keeps no partial file', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ project_code: 'P1', txn_ref: `T${i}`, paid_on: '2025-01-01', amount: '1.00' }));
    const res = await fetch(`${t.baseUrl}/api/v1/imports/labor_cost_allocations`, {
      method: 'POST',
      headers: { ...(await adminHeaders(t)), 'Content-Type': 'application/json' },
      body: JSON.stringify(rows),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/JSON body is larger than the limit of 4,096 bytes \(4096 bytes\) for JSON imports/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts a file under the limit', async () => {
    const up = await uploadFile(t, await adminHeaders(t), 'payroll', 'project_code,id_number\n');
    expect(up.status).toBe(202);
  });
});
