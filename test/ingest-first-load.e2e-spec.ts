import { DataSource } from 'typeorm';
import { adminHeaders } from './support/auth';
import { csv, Headers, idNumber, importFile, uscc } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';
import { ImportLimits, SEGMENT_ROWS } from '@wage/ingest';

const HEADER = ['project_code', 'txn_ref', 'paid_on', 'amount'];
const PROJECT_HEADER = ['project_code', 'name', 'region_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'status'];

const ATTENDANCE_HEADER = ['project_code', 'id_number', 'period', 'days_worked'];

const indexesOf = (db: DataSource, table: string): Promise<Array<{ name: string; def: string }>> =>
  db.query('SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = $1 ORDER BY indexname', [table]);

/**
 * A first load into an empty table COPYs segments of new keys straight into it; a key
 * the file repeats in a later segment must still end as the last row (the merge path).
 * Every file here counts as big (deferIndexesFromBytes 0): the table's indexes are
 * dropped for the load and built at the end, and a repeated key makes the loader start
 * over with them (merge/deferred-indexes.ts).
 */
describe('imports: first load of an empty table', () => {
  let t: TestApp;
  let admin: Headers;
  let db: DataSource;
  let limits: ImportLimits;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminHeaders(t);
    db = t.app.get(DataSource);
    limits = t.app.get(ImportLimits);
    limits.deferIndexesFromBytes = 0;
    const projects = csv([PROJECT_HEADER, ['P1', '工程', '420113', 'housing', uscc(1), uscc(2), '100', '2025-01-01', 'in_progress']]);
    expect((await importFile(t, admin, 'projects', projects)).status).toBe('succeeded');
  });
  afterAll(async () => {
    Object.assign(limits, new ImportLimits());
    await t?.close();
  });

  it('loads every row, keeps the last of a key repeated across segments, and re-imports without touching the other rows', async () => {
    const rows = Array.from({ length: SEGMENT_ROWS + 10 }, (_, i) => ['P1', `T${i}`, '2025-01-01', '1.00']);
    rows.push(['P1', 'T5', '2025-01-02', '7.00']); // repeats a key of the first segment
    const text = csv([HEADER, ...rows]);
    const r = await importFile(t, admin, 'labor_cost_allocations', text, 'a.csv');
    expect(r).toMatchObject({ status: 'succeeded', rowsAccepted: SEGMENT_ROWS + 11, rowsRejected: 0 });
    const [{ n, imports }] = await db.query('SELECT count(*)::int AS n, array_agg(DISTINCT last_import_id)::int[] AS imports FROM labor_cost_allocations');
    expect({ n, imports }).toEqual({ n: SEGMENT_ROWS + 10, imports: [r.id] });
    expect(await db.query("SELECT amount_fen, paid_on FROM labor_cost_allocations WHERE txn_ref = 'T5'")).toEqual([{ amount_fen: 700, paid_on: '2025-01-02' }]);

    const again = await importFile(t, admin, 'labor_cost_allocations', text, 'a.csv');
    expect(again).toMatchObject({ status: 'succeeded', rowsAccepted: SEGMENT_ROWS + 11 });
    // Only the repeated key is written again (its segments merge one after the other); it ends as the last row.
    expect(await db.query('SELECT txn_ref, amount_fen FROM labor_cost_allocations WHERE last_import_id = $1', [again.id])).toEqual([{ txn_ref: 'T5', amount_fen: 700 }]);
  }, 60_000);

  it('builds the indexes of a big first load at the end, with the same names and definitions', async () => {
    const before = await indexesOf(db, 'attendance');
    expect(before.length).toBeGreaterThanOrEqual(2);
    const rows = Array.from({ length: SEGMENT_ROWS + 500 }, (_, i) => ['P1', idNumber(i), `2025-${String((i % 12) + 1).padStart(2, '0')}`, String(i % 29)]);
    // idNumber(i) repeats every 7,000 i, 4 months later: every (id, month) key is distinct.
    const r = await importFile(t, admin, 'attendance', csv([ATTENDANCE_HEADER, ...rows, ['P1', idNumber(1), '2025-13', '1']]));
    expect(r).toMatchObject({ status: 'succeeded_with_errors', rowsAccepted: SEGMENT_ROWS + 500, rowsRejected: 1 });
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[SEGMENT_ROWS + 502, 'period', expect.any(String)]]);
    expect(await indexesOf(db, 'attendance')).toEqual(before);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM attendance WHERE last_import_id = $1', [r.id]);
    expect(n).toBe(SEGMENT_ROWS + 500);
    // The primary key is back: a repeat of the same key updates, it does not add a row.
    const again = await importFile(t, admin, 'attendance', csv([ATTENDANCE_HEADER, ['P1', idNumber(0), '2025-01', '30']]));
    expect(again).toMatchObject({ status: 'succeeded', rowsAccepted: 1 });
    expect(await db.query('SELECT days_worked FROM attendance WHERE last_import_id = $1', [again.id])).toEqual([{ days_worked: 30 }]);
    expect(await db.query('SELECT count(*)::int AS n FROM attendance')).toEqual([{ n: SEGMENT_ROWS + 500 }]);
  }, 60_000);
});
