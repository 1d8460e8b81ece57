import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Manifest, writeDataset } from '@wage/generator';
import { adminHeaders } from './support/auth';
import { importFile } from './support/ingest';
import { runScan } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';

// Reference data first (routing needs it), then everything that refers to projects.
const ORDER = ['enterprises', 'projects', 'inspection_units', 'industry_bureaus', 'wage_accounts', 'deposits', 'labor_cost_allocations', 'workers', 'attendance', 'payroll', 'clues', 'watchlist', 'bank_transfers'];

interface AlertItem {
  projectCode: string;
  rule: string;
  severity: string;
}

/**
 * The generator's promise, checked through the real service: a generated province loads
 * through the import API without a rejected row, and a scan as of the manifest's date
 * raises exactly the alerts the manifest lists (healthy projects raise none).
 */
describe('generated province: import and scan match the manifest', () => {
  let t: TestApp;
  let dir: string;
  let manifest: Manifest;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wage-province-'));
    ({ manifest } = await writeDataset(dir, { projects: 40, seed: 11, asOf: '2026-11-03', workersPerProject: 12, months: 4 }));
    t = await startTestApp();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every dataset and the scan raises exactly the expected alerts', async () => {
    const headers = await adminHeaders(t);
    for (const dataset of ORDER) {
      const file = manifest.files[dataset].file;
      const view = await importFile(t, headers, dataset, await readFile(join(dir, file)), file);
      expect({ dataset, status: view.status, rejected: view.rowsRejected, errors: view.errors.slice(0, 3) }).toEqual({ dataset, status: 'succeeded', rejected: 0, errors: [] });
      expect(view.rowsAccepted).toBe(manifest.files[dataset].rows);
    }
    const scan = await runScan(t, headers, manifest.asOf);
    expect(scan.status).toBe('succeeded');
    expect(manifest.bankFeedProjects).toBeGreaterThan(0);
    expect(scan.bankFeedProjects).toBe(manifest.bankFeedProjects);

    const items: AlertItem[] = [];
    for (let page = 1; ; page++) {
      const res = await fetch(`${t.baseUrl}/api/v1/alerts?pageSize=500&page=${page}`, { headers });
      const body = (await res.json()) as { items: AlertItem[]; total: number };
      items.push(...body.items);
      if (items.length >= body.total || body.items.length === 0) break;
    }
    const mayAlso = new Set(manifest.problems.flatMap((p) => p.mayAlsoRaise.map((r) => `${p.projectCode} ${r}`)));
    const actual = items
      .filter((a) => !mayAlso.has(`${a.projectCode} ${a.rule}`))
      .map((a) => `${a.projectCode} ${a.rule} ${a.severity}`)
      .sort();
    const expected = manifest.problems.flatMap((p) => p.expected.map((a) => `${p.projectCode} ${a.code} ${a.severity}`)).sort();
    expect(expected.length).toBeGreaterThanOrEqual(25);
    expect(actual).toEqual(expected);
  }, 180_000);

  it('loads a GB18030 export with Chinese headers and Chinese values without a rejected row', async () => {
    const headers = await adminHeaders(t);
    const gbDir = join(dir, 'gb18030');
    const gb = await writeDataset(gbDir, { projects: 8, seed: 12, asOf: '2026-11-03', workersPerProject: 5, months: 2, encoding: 'gb18030', chineseHeaders: true, chineseValues: true });
    for (const dataset of ORDER) {
      const file = gb.manifest.files[dataset].file;
      const view = await importFile(t, headers, dataset, await readFile(join(gbDir, file)), file);
      expect({ dataset, status: view.status, accepted: view.rowsAccepted, errors: view.errors.slice(0, 3) }).toEqual({
        dataset,
        status: 'succeeded',
        accepted: gb.manifest.files[dataset].rows,
        errors: [],
      });
    }
  }, 120_000);
});
