import ExcelJS from 'exceljs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ImportLimits } from '@wage/ingest';
import { adminHeaders } from './support/auth';
import { csv, Headers, importFile, uploadJson, uscc, waitForImport } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';

const ALLOCATION_HEADER = ['project_code', 'txn_ref', 'paid_on', 'amount'];
const allocations = (n: number, from = 0): string[][] => Array.from({ length: n }, (_, i) => ['P1', `T${from + i}`, '2025-01-01', '1.00']);

/**
 * api.md: a file that cannot be parsed within the limits fails with a message naming
 * the limit. Each limit is lowered for its test (ImportLimits is a provider).
 */
describe('imports: parsing limits', () => {
  let t: TestApp;
  let admin: Headers;
  let limits: ImportLimits;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-parse-limits-'));
    t = await startTestApp({ env: { IMPORT_DIR: dir } });
    admin = await adminHeaders(t);
    limits = t.app.get(ImportLimits);
    const projects = csv([
      ['project_code', 'name', 'region_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'status'],
      ['P1', '工程', '420113', 'housing', uscc(1), uscc(2), '100', '2024-01-01', 'in_progress'],
    ]);
    expect((await importFile(t, admin, 'projects', projects)).status).toBe('succeeded');
  });
  afterEach(() => {
    Object.assign(limits, new ImportLimits());
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const failsWith = async (content: string | Buffer, message: RegExp, fileName = 'data.csv'): Promise<void> => {
    const r = await importFile(t, admin, 'labor_cost_allocations', content, fileName);
    expect(r.status).toBe('failed');
    expect(r.errorMessage).toMatch(message);
    expect(await readdir(dir)).toEqual([]); // the upload is removed when the import ends
  };

  it('refuses more columns than the limit (default 256)', async () => {
    const header = [...ALLOCATION_HEADER, ...Array.from({ length: 300 }, (_, i) => `extra_${i}`)];
    await failsWith(csv([header, ['P1', 'C1', '2025-01-01', '1']]), /Row 1 has 304 cells: more than the limit of 256 columns per file/);
  });

  it('refuses a cell longer than the limit', async () => {
    limits.maxCellChars = 50;
    await failsWith(csv([ALLOCATION_HEADER, ['P1', 'X'.repeat(60), '2025-01-01', '1']]), /Row 2 has a cell of 60 characters: more than the limit of 50 characters per cell/);
  });

  it('refuses a record longer than the limit (an unclosed quote does not swallow the file)', async () => {
    limits.maxRecordChars = 200;
    const text = csv([ALLOCATION_HEADER, ['P1', 'Q1', '2025-01-01', '1']]) + 'P1,"never closed,2025-01-01,1\n' + csv(allocations(50));
    await failsWith(text, /Row 3 is longer than the limit of 200 characters per row \(is a closing quote " missing\?\)/);
  });

  it('refuses more rows than the limit, importing nothing', async () => {
    limits.maxRows = 5;
    await failsWith(csv([ALLOCATION_HEADER, ...allocations(6, 1000)]), /more than the limit of 5 data rows per import/);
    const c = new Client({ connectionString: t.env.databaseUrl });
    await c.connect();
    expect((await c.query(`SELECT count(*)::int AS n FROM labor_cost_allocations WHERE txn_ref LIKE 'T10%'`)).rows[0].n).toBe(0);
    await c.end();
  });

  it('gives up after more row errors than the limit, listing the first ones', async () => {
    limits.maxErrors = 3;
    const bad = Array.from({ length: 10 }, (_, i) => ['P1', `E${i}`, 'not-a-date', '1']);
    const r = await importFile(t, admin, 'labor_cost_allocations', csv([ALLOCATION_HEADER, ...bad]));
    expect(r.status).toBe('failed');
    expect(r.errorMessage).toMatch(/more than the limit of 3 row errors, so nothing was imported/);
    expect(r.errors.length).toBeGreaterThanOrEqual(4);
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'paid_on', code: 'INVALID_DATE' });
  });

  it('refuses an .xlsx that unpacks beyond the limit', async () => {
    limits.maxXlsxUnpackedBytes = 20_000;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(ALLOCATION_HEADER);
    for (const row of allocations(2_000)) ws.addRow(row);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    await failsWith(xlsx, /unpacks to more than the limit of 20,000 bytes for Excel imports/, 'big.xlsx');
  });

  it('stops an import that runs past the job timeout', async () => {
    limits.jobTimeoutMs = 1;
    await failsWith(csv([ALLOCATION_HEADER, ...allocations(10, 2000)]), /took longer than the limit of 1 ms per import \(job timeout\), so nothing was imported/);
  });

  it('stops a database step that runs past the statement timeout', async () => {
    limits.statementTimeoutMs = 500;
    const blocker = new Client({ connectionString: t.env.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE labor_cost_allocations IN ACCESS EXCLUSIVE MODE');
      await failsWith(csv([ALLOCATION_HEADER, ...allocations(3, 3000)]), /one database step took longer than the limit of 500 ms \(statement timeout\)/);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  });

  it('loads a JSON body larger than the 100 kB body-parser default (streamed, numbers kept as written)', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => ({ project_code: 'P1', txn_ref: `J${i}`, paid_on: '2025-01-01', amount: 12345678901.23 }));
    expect(JSON.stringify(rows).length).toBeGreaterThan(200_000);
    const up = await uploadJson(t, admin, 'labor_cost_allocations', rows);
    expect(up.status).toBe(202);
    expect(await waitForImport(t, admin, up.body.id)).toMatchObject({ status: 'succeeded', rowsAccepted: 3_000 });
    const c = new Client({ connectionString: t.env.databaseUrl });
    await c.connect();
    expect((await c.query(`SELECT amount_fen::text AS fen FROM labor_cost_allocations WHERE txn_ref = 'J7'`)).rows[0].fen).toBe('1234567890123');
    await c.end();
  });

  it('refuses a JSON body over the JSON limit with a 413 naming it', async () => {
    limits.maxJsonBytes = 10_000;
    const up = await uploadJson(t, admin, 'labor_cost_allocations', allocations(500).map(([p, r, d, a]) => ({ project_code: p, txn_ref: r, paid_on: d, amount: a })));
    expect(up.status).toBe(413);
    expect(up.body.message).toMatch(/larger than the limit of 10,000 bytes .*for JSON imports/);
  });

  it('fails a JSON file that is not an array of objects, with a message saying so', async () => {
    await failsWith('[{"project_code": "P1"}, 5]', /must be an array of objects.*element 2 \(row 3\) is not an object/, 'data.json');
    await failsWith('[{"project_code": "P1",', /The body is not valid JSON/, 'data.json');
  });
});
