import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { DATASET_NAMES, generateDataset, RULE_CODES, VARIANT_IDS, writeDataset } from './index';

// Independent check-digit implementations (not the generator's own) so a bug can't hide.
function idNumberOk(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(id[i]), 0);
  const birth = new Date(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}T00:00:00Z`);
  const plausible = !Number.isNaN(birth.getTime()) && birth.getUTCFullYear() >= 1940 && birth.getUTCFullYear() <= 2010;
  return plausible && birth.toISOString().slice(0, 10).replace(/-/g, '') === id.slice(6, 14) && '10X98765432'[sum % 11] === id[17];
}

function usccOk(code: string): boolean {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  if (code.length !== 18 || [...code].some((c) => !alphabet.includes(c))) return false;
  const sum = w.reduce((s, wi, i) => s + wi * alphabet.indexOf(code[i]), 0);
  return alphabet[(31 - (sum % 31)) % 31] === code[17];
}

/** Minimal CSV reader for the generator's own output (quotes only around commas/quotes). */
function readCsv(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
  const split = (l: string) => (l.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
  const header = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i], v])));
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = createHash('sha256').update(await readFile(join(dir, f))).digest('hex');
  return out;
}

describe('generator', () => {
  const options = { projects: 40, seed: 7, asOf: '2026-11-03', workersPerProject: 20, months: 6 };
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wage-gen-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is deterministic: the same seed gives byte-identical files, another seed does not', async () => {
    await writeDataset(join(root, 'a'), options);
    await writeDataset(join(root, 'b'), options);
    await writeDataset(join(root, 'c'), { ...options, seed: 8 });
    const a = await hashes(join(root, 'a'));
    expect(await hashes(join(root, 'b'))).toEqual(a);
    expect((await hashes(join(root, 'c')))['payroll.csv']).not.toEqual(a['payroll.csv']);
  });

  it('writes every dataset and a manifest covering every rule, with healthy projects raising nothing', async () => {
    const { manifest } = await writeDataset(join(root, 'a'), options);
    for (const name of DATASET_NAMES) expect(manifest.files[name].rows).toBeGreaterThan(0);
    const raised = new Set(manifest.problems.flatMap((p) => p.expected.map((a) => a.code)));
    expect([...raised].sort()).toEqual([...RULE_CODES].sort());
    const severities = new Set(manifest.problems.flatMap((p) => p.expected.map((a) => `${a.code}:${a.severity}`)));
    for (const s of ['PAY_RATIO_LOW:red', 'PAY_RATIO_LOW:orange', 'UNPAID_WORKERS:yellow', 'BELOW_MIN_WAGE:orange', 'COMPLAINT_CLUSTER:yellow', 'LABOR_COST_LAPSE:orange']) {
      expect(severities).toContain(s);
    }
    expect(new Set(manifest.problems.flatMap((p) => p.variants))).toEqual(new Set(VARIANT_IDS));
    expect(manifest.unexpected).toEqual([]);
    expect(manifest.projects.healthyActive).toBeGreaterThan(0);
  });

  it('writes valid ID numbers, credit codes, street codes, cards and amounts', async () => {
    const dir = join(root, 'a');
    const read = async (name: string) => readCsv(await readFile(join(dir, `${name}.csv`), 'utf8'));
    const ids = [
      ...(await read('workers')).flatMap((r) => [r.id_number, r.team_leader_id_number]),
      ...(await read('payroll')).map((r) => r.id_number),
      ...(await read('watchlist')).filter((r) => r.subject_type === 'person').map((r) => r.subject_id),
    ];
    const usccs = [
      ...(await read('enterprises')).map((r) => r.uscc),
      ...(await read('projects')).flatMap((r) => [r.construction_unit_uscc, r.general_contractor_uscc]),
      ...(await read('workers')).map((r) => r.employer_uscc),
      ...(await read('deposits')).map((r) => r.contractor_uscc),
    ];
    expect(ids.length).toBeGreaterThan(1000);
    expect(ids.filter((id) => !idNumberOk(id))).toEqual([]);
    expect(usccs.filter((c) => !usccOk(c))).toEqual([]);
    for (const p of await read('projects')) {
      expect(p.region_code).toMatch(/^\d{6}$/);
      expect(p.street_code.slice(0, 6)).toBe(p.region_code);
      expect(p.street_code).toMatch(/^\d{9}$/);
      expect(p.contract_amount).toMatch(/^\d+\.\d{2}$/);
    }
    for (const w of await read('workers')) expect(w.bank_card_number).toMatch(/^\d{16,19}$/);
    for (const p of await read('payroll')) expect(p.paid_amount).toMatch(/^\d+\.\d{2}$/);
    const units = await read('inspection_units');
    expect(units.some((u) => u.kind === 'brigade')).toBe(true);
    expect(units.filter((u) => u.kind === 'team').every((u) => u.street_codes.split(';').every((s) => s.startsWith(u.region_code)))).toBe(true);
  });

  it('writes bank feeds: valid payee IDs, unique transaction refs per project, blank periods, failed and returned transfers', async () => {
    const { manifest } = await writeDataset(join(root, 'bank'), { ...options, projects: 120 });
    const rows = readCsv(await readFile(join(root, 'bank', 'bank_transfers.csv'), 'utf8'));
    expect(rows.filter((r) => !idNumberOk(r.payee_id_number))).toEqual([]);
    expect(new Set(rows.map((r) => `${r.project_code} ${r.txn_ref}`)).size).toBe(rows.length);
    expect(rows.every((r) => /^\d+\.\d{2}$/.test(r.amount) && r.amount !== '0.00')).toBe(true);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['succeeded', 'failed', 'returned']));
    expect(rows.some((r) => r.period === '')).toBe(true);
    expect(manifest.bankFeedProjects).toBeGreaterThan(10);
    expect(manifest.expectedAlerts.byRule.PAYROLL_UNVERIFIED).toMatchObject({ red: expect.any(Number), orange: expect.any(Number) });
    expect(manifest.expectedAlerts.byRule.ACCOUNT_DIVERSION).toMatchObject({ red: expect.any(Number), orange: expect.any(Number) });
    expect(manifest.unexpected).toEqual([]);
  });

  it('streams the same rows through generateDataset as it writes to files', async () => {
    const { manifest } = await writeDataset(join(root, 'a'), options);
    const data = generateDataset(options);
    let n = 0;
    for await (const row of data.payroll) if (row.project_code) n++;
    expect(n).toBe(manifest.files.payroll.rows);
  });

  it('writes GB18030 CSV with Chinese headers, and JSON arrays with canonical keys', async () => {
    await writeDataset(join(root, 'gb'), { ...options, projects: 5, encoding: 'gb18030', chineseHeaders: true, chineseValues: true });
    const text = iconv.decode(await readFile(join(root, 'gb', 'projects.csv')), 'gb18030');
    expect(text.startsWith('项目编码,项目名称,项目所在区县代码')).toBe(true);
    expect(text).toMatch(/在建/);
    await writeDataset(join(root, 'js'), { ...options, projects: 5, format: 'json' });
    const rows = JSON.parse(await readFile(join(root, 'js', 'workers.json'), 'utf8')) as Record<string, string>[];
    expect(rows[0]).toHaveProperty('id_number');
  });
});
