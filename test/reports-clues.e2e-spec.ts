import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { ASSUMED_CLUE_TABLES_DDL, CLUE_CASE_TABLE, CLUE_EVENT_TABLE } from '@wage/reports';
import { adminHeaders, loginAs } from './support/auth';
import { at } from './support/report-fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { api } from './support/workflow-fixtures';

/**
 * Clue-case figures (clues.md, reports.md). The case tables belong to the clue library;
 * where this database has none yet, the assumed tables of libs/reports/src/sql/clue-figures.ts
 * stand in, so the figures' SQL runs either way (rows are written with the assumed column
 * names: align them there when the clue library lands).
 */
describe('reports: clue-case figures', () => {
  let t: TestApp;
  let admin: { headers: Record<string, string> };
  let standIn = false;

  const summary = async (who: { headers: Record<string, string> }, query: string) => {
    const res = await api(t, 'GET', `/reports/summary?${query}`, who);
    expect(res.status).toBe(200);
    return res.body as { rows: Array<Record<string, unknown>>; total: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    admin = { headers: await adminHeaders(t) };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are zero and null while there are no clue cases', async () => {
    const r = await summary(admin, 'from=2026-03-01&to=2026-03-31');
    expect(r.total).toMatchObject({ cluesReceived: 0, cluesClosed: 0, clueClosureRate: null, clueReviewPassRate: null, wagesRecovered: '0.00' });
  });

  it('count received, closed, first-review passes and the approved replies’ wages', async () => {
    const db = t.app.get(DataSource);
    const [{ exists }]: Array<{ exists: boolean }> = await db.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [CLUE_CASE_TABLE]);
    if (!exists) {
      standIn = true;
      await db.query(ASSUMED_CLUE_TABLES_DDL);
    }
    await db.query(`INSERT INTO inspection_units (unit_code, name, kind, region_code, street_codes, parent_unit_code) VALUES
      ('B1', '一区劳动保障监察大队', 'brigade', '420101', '{}', NULL), ('T1', '一区某街道中队', 'team', '420101', '{420101001}', 'B1')`);
    const clue = async (id: string, receivedOn: string, unit: string, closedAt: Date | null, recoveredFen: number | null, workers: number | null) => {
      await db.query(
        `INSERT INTO clues (clue_id, received_on, source, region_code, workers_involved) VALUES ($1, $2, 'national_platform', '420101', 3)`,
        [id, receivedOn],
      );
      await db.query(
        `INSERT INTO ${CLUE_CASE_TABLE} (clue_id, status, unit_code, outcome, recovered_fen, workers_paid, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, closedAt ? 'closed' : 'accepted', unit, closedAt ? 'wages_paid' : null, recoveredFen, workers, closedAt],
      );
    };
    const event = (id: string, action: string, when: Date) =>
      db.query(`INSERT INTO ${CLUE_EVENT_TABLE} (clue_id, at, action) VALUES ($1, $2, $3)`, [id, when, action]);

    // C1: returned at its first review, approved after rework.
    await clue('C1', '2026-03-02', 'T1', at('2026-03-09 10:00'), 200_000, 3);
    for (const [a, w] of [['reply', '03-05'], ['return', '03-06'], ['reply', '03-08'], ['approve', '03-09']]) await event('C1', a, at(`2026-${w} 10:00`));
    // C2: approved at once, no wages involved.
    await clue('C2', '2026-03-03', 'B1', at('2026-03-05 10:00'), null, null);
    await event('C2', 'reply', at('2026-03-04 10:00'));
    await event('C2', 'approve', at('2026-03-05 10:00'));
    // C3 still being worked; C5 closed only in April.
    await clue('C3', '2026-03-20', 'B1', null, null, null);
    await clue('C5', '2026-03-25', 'B1', at('2026-04-05 10:00'), null, null);
    await event('C5', 'approve', at('2026-04-05 10:00'));
    // C4: received in February, approved in March.
    await clue('C4', '2026-02-20', 'T1', at('2026-03-02 10:00'), 10_000, 1);
    await event('C4', 'approve', at('2026-03-02 10:00'));

    const r = await summary(admin, 'from=2026-03-01&to=2026-03-31&groupBy=unit');
    expect(r.total).toMatchObject({
      cluesReceived: 4,
      cluesClosed: 2,
      clueClosureRate: 0.5,
      clueReviewPassRate: 0.6667,
      wagesRecovered: '2100.00',
      workersPaid: 4,
    });
    expect(r.rows.find((row) => row.key === 'T1')).toMatchObject({ cluesReceived: 1, cluesClosed: 1, clueReviewPassRate: 0.5, wagesRecovered: '2100.00' });
    expect(r.rows.find((row) => row.key === 'B1')).toMatchObject({ cluesReceived: 3, cluesClosed: 1, clueClosureRate: 0.3333, clueReviewPassRate: 1 });

    const april = await summary(admin, 'from=2026-03-01&to=2026-04-30');
    expect(april.total).toMatchObject({ cluesReceived: 4, cluesClosed: 3, clueClosureRate: 0.75 });

    const inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1' });
    expect((await summary(inspector, 'from=2026-03-01&to=2026-03-31')).total).toMatchObject({ cluesReceived: 1, cluesClosed: 1, workersPaid: 4 });

    const months = await summary(admin, 'from=2026-02-01&to=2026-03-31&groupBy=month');
    expect(months.rows.map((row) => [row.key, row.cluesReceived, row.wagesRecovered])).toEqual([
      ['2026-02', 1, '0.00'],
      ['2026-03', 4, '2100.00'],
    ]);
    if (standIn) await db.query(`DROP TABLE ${CLUE_EVENT_TABLE}, ${CLUE_CASE_TABLE}`);
  });
});
