import { DataSource } from 'typeorm';
import { adminHeaders } from './support/auth';
import { csv, Headers, importFile, uscc } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';
import { SEGMENT_ROWS } from '@wage/ingest';

const HEADER = ['project_code', 'txn_ref', 'paid_on', 'amount'];
const PROJECT_HEADER = ['project_code', 'name', 'region_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'status'];

/**
 * A first load into an empty table COPYs segments of new keys straight into it; a key
 * the file repeats in a later segment must still end as the last row (the merge path).
 */
describe('imports: first load of an empty table', () => {
  let t: TestApp;
  let admin: Headers;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminHeaders(t);
    db = t.app.get(DataSource);
    const projects = csv([PROJECT_HEADER, ['P1', '工程', '420113', 'housing', uscc(1), uscc(2), '100', '2025-01-01', 'in_progress']]);
    expect((await importFile(t, admin, 'projects', projects)).status).toBe('succeeded');
  });
  afterAll(async () => {
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
});
