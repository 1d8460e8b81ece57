import { DataSource } from 'typeorm';
import { ImportLimits } from '@wage/ingest';
import { adminHeaders } from './support/auth';
import { csv, Headers, idNumber, importFile, uscc } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';

const ROWS = 1_200;
/** An ID number with a wrong check digit. */
const WRONG_ID = idNumber(7).slice(0, 17) + (idNumber(7)[17] === '0' ? '1' : '0');
const HEADER = ['project_code', 'id_number', 'period', 'payable_amount', 'paid_amount', 'paid_on', 'paid_via'];

/** Payroll rows: worker w, month m; rows listed in `bad` get the named fault. Row numbers count the header as 1. */
function payroll(bad: Record<number, 'money' | 'id' | 'two' | 'project' | 'long'>): string {
  const rows: string[][] = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    const row = i + 2;
    const month = String((i % 12) + 1).padStart(2, '0');
    const cells = [`P${Math.floor(i / 12) % 5}`, idNumber(Math.floor(i / 12)), `2025-${month}`, '5000.00', '4000.50', `2025-${month}-28`, ''];
    const fault = bad[row];
    if (fault === 'money' || fault === 'two') cells[3] = 'abc';
    if (fault === 'id' || fault === 'two') cells[1] = WRONG_ID;
    if (fault === 'project') cells[0] = 'NOPE';
    if (fault === 'long') cells[6] = 'x'.repeat(80);
    rows.push(cells);
  }
  return csv(rows);
}

/**
 * A big CSV import is parsed, checked and sealed in worker threads (here forced on a
 * small file with small chunks, so that ~40 chunks alternate between 2 threads): the
 * row numbers, the errors and their order, the counts and what is loaded are exactly
 * those of one thread, and a problem in the last chunk of a thread still fails the file.
 */
describe('imports: rows checked in worker threads', () => {
  let t: TestApp;
  let admin: Headers;
  let limits: ImportLimits;
  let db: DataSource;
  const BAD = { 3: 'money', 400: 'two', 777: 'project', [ROWS - 40]: 'id', [ROWS + 1]: 'money' } as const;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminHeaders(t);
    limits = t.app.get(ImportLimits);
    db = t.app.get(DataSource);
    const projects = csv([
      ['project_code', 'name', 'region_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'status'],
      ...Array.from({ length: 5 }, (_, i) => [`P${i}`, '工程', '420113', 'housing', uscc(1), uscc(2), '100', '2024-01-01', 'in_progress']),
    ]);
    expect((await importFile(t, admin, 'projects', projects)).status).toBe('succeeded');
  });
  beforeEach(() => {
    Object.assign(limits, new ImportLimits(), { importThreads: 2, threadsFromBytes: 0, csvChunkBytes: 2048 });
  });
  afterAll(async () => {
    Object.assign(limits, new ImportLimits());
    await t?.close();
  });

  it('reports every bad row with its exact row, column and code, in file order, and loads the rest', async () => {
    const r = await importFile(t, admin, 'payroll', payroll(BAD));
    expect(r).toMatchObject({ status: 'succeeded_with_errors', rowsTotal: ROWS, rowsRejected: 5, rowsAccepted: ROWS - 5 });
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'payable_amount', 'INVALID_MONEY'],
      [400, 'id_number', 'INVALID_ID_NUMBER'],
      [400, 'payable_amount', 'INVALID_MONEY'],
      [777, 'project_code', 'UNKNOWN_PROJECT'],
      [ROWS - 40, 'id_number', 'INVALID_ID_NUMBER'],
      [ROWS + 1, 'payable_amount', 'INVALID_MONEY'],
    ]);
    // Personal numbers stay masked when a thread wrote the message.
    expect(r.errors[1].message).toContain(`${WRONG_ID.slice(0, 6)}********${WRONG_ID.slice(-4)}`);
    expect(r.errors.map((e) => e.message).join(' ')).not.toContain(WRONG_ID);
    expect(Number((await db.query('SELECT count(*) AS n FROM payroll'))[0].n)).toBe(ROWS - 5);

    // The same file in one thread: the same errors, word for word; and nothing changes.
    Object.assign(limits, { importThreads: 1 });
    const serial = await importFile(t, admin, 'payroll', payroll(BAD));
    expect(serial.errors).toEqual(r.errors);
    const [{ n: changes }] = await db.query('SELECT count(*)::int AS n FROM import_changes WHERE import_id = $1', [serial.id]);
    expect(changes).toBe(0);
  });

  it('re-imports through the threads without changing anything, and records a real change', async () => {
    const again = await importFile(t, admin, 'payroll', payroll(BAD));
    expect(again).toMatchObject({ status: 'succeeded_with_errors', rowsAccepted: ROWS - 5 });
    const changed = payroll(BAD).replace(`P0,${idNumber(0)},2025-01,5000.00`, `P0,${idNumber(0)},2025-01,5100.00`);
    const third = await importFile(t, admin, 'payroll', changed);
    const rows: Array<{ import_id: string; natural_key: string }> = await db.query('SELECT import_id, natural_key FROM import_changes WHERE import_id IN ($1, $2)', [again.id, third.id]);
    expect(rows.map((c) => [Number(c.import_id), c.natural_key])).toEqual([[third.id, `P0 / ${idNumber(0).slice(0, 6)}********${idNumber(0).slice(-4)} / 2025-01`]]);
  });

  it('rolls an atomic import back when only the last row, in the last chunk of a thread, is bad', async () => {
    const before = await db.query('SELECT count(*)::int AS n, max(updated_at) AS at FROM payroll');
    const r = await importFile(t, admin, 'payroll', payroll({ [ROWS + 1]: 'money' }).replace(/5000\.00/g, '5200.00'), 'data.csv', '?atomic=true');
    expect(r).toMatchObject({ status: 'failed', rowsAccepted: 0, rowsRejected: 1 });
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[ROWS + 1, 'INVALID_MONEY']]);
    expect(await db.query('SELECT count(*)::int AS n, max(updated_at) AS at FROM payroll')).toEqual(before);
  });

  it('fails the whole file, naming the row, when a thread meets a limit in its last chunk', async () => {
    limits.maxCellChars = 50;
    const r = await importFile(t, admin, 'payroll', payroll({ [ROWS]: 'long' }));
    expect(r.status).toBe('failed');
    expect(r.errorMessage).toMatch(new RegExp(`Row ${ROWS} has a cell of 80 characters: more than the limit of 50 characters per cell`));
  });
});
