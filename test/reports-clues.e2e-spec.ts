import { Role } from '@wage/auth';
import { Clock } from '@wage/workflow';
import { DataSource } from 'typeorm';
import { adminHeaders, LoggedIn, loginAs } from './support/auth';
import { importClues } from './support/clue-fixtures';
import { at } from './support/report-fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { api, insertProject, insertUnits } from './support/workflow-fixtures';

/**
 * Clue-case figures (clues.md, reports.md) over the real clue tables: the clues are
 * imported through the API, routed by the real intake and worked through
 * POST /clues/:id/actions with the workflow clock set to each step's day.
 */
type Who = { headers: Record<string, string> };

describe('reports: clue-case figures', () => {
  let t: TestApp;
  let admin: Who;
  let inspectorT1: LoggedIn;
  let inspectorB1: LoggedIn;
  let lead: LoggedIn;

  const summary = async (who: Who, query: string) => {
    const res = await api(t, 'GET', `/reports/summary?${query}`, who);
    expect(res.status).toBe(200);
    return res.body as { rows: Array<Record<string, unknown>>; total: Record<string, unknown> };
  };
  /** Sets the workflow clock to a Shanghai local time ('2026-03-05 10:00'), then acts. */
  const actAt = async (when: string, who: Who, id: string, body: Record<string, unknown>) => {
    const clock = t.app.get(Clock);
    clock.travel(at(when).getTime() - clock.now().getTime());
    const res = await api(t, 'POST', `/clues/${id}/actions`, who, body);
    if (res.status !== 200) throw new Error(`${id} ${String(body.action)} at ${when}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const noWages = { action: 'reply', outcome: 'no_arrears_found', note: '经核查未发现欠薪' };

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    admin = { headers: await adminHeaders(t) };
    const db = t.app.get(DataSource);
    await insertUnits(db, [
      { code: 'B1', kind: 'brigade', region: '420101' },
      { code: 'T1', kind: 'team', region: '420101', streets: ['420101001'], parent: 'B1' },
      { code: 'B9', kind: 'brigade', region: '420102' },
    ]);
    await insertProject(db, { code: 'P1', region: '420101', street: '420101001' });
    inspectorT1 = await loginAs(t, { role: Role.Inspector, unitCode: 'T1', username: 'zhang_t1' });
    inspectorB1 = await loginAs(t, { role: Role.Inspector, unitCode: 'B1', username: 'wang_b1' });
    lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1', username: 'lead_b1' });
  });
  afterAll(async () => {
    t?.app.get(Clock).reset();
    await t?.close();
  });

  it('are zero and null while there are no clue cases', async () => {
    const r = await summary(admin, 'from=2026-03-01&to=2026-03-31');
    expect(r.total).toMatchObject({ cluesReceived: 0, cluesClosed: 0, clueClosureRate: null, clueReviewPassRate: null, wagesRecovered: '0.00', workersPaid: 0 });
  });

  it('count received, closed, first-review passes and the approved replies’ wages', async () => {
    // P1's clues route to the street team T1, the others to the region's brigade B1.
    await importClues(t, [
      { clue_id: 'C1', received_on: '2026-03-02', region_code: '420101', project_code: 'P1' },
      { clue_id: 'C2', received_on: '2026-03-03', region_code: '420101' },
      { clue_id: 'C3', received_on: '2026-03-20', region_code: '420101' },
      { clue_id: 'C4', received_on: '2026-02-20', region_code: '420101', project_code: 'P1' },
      { clue_id: 'C5', received_on: '2026-03-25', region_code: '420101' },
    ]);
    const units = await t.app.get(DataSource).query('SELECT clue_id, unit_code FROM clue_cases ORDER BY clue_id');
    expect(units.map((u: { clue_id: string; unit_code: string }) => [u.clue_id, u.unit_code])).toEqual([
      ['C1', 'T1'], ['C2', 'B1'], ['C3', 'B1'], ['C4', 'T1'], ['C5', 'B1'],
    ]);

    // C4: received in February, approved in March at its first review.
    await actAt('2026-02-21 09:00', inspectorT1, 'C4', { action: 'accept' });
    await actAt('2026-02-22 09:00', inspectorT1, 'C4', { action: 'contact', note: '已联系' });
    await actAt('2026-03-01 09:00', inspectorT1, 'C4', { action: 'reply', outcome: 'wages_paid', note: '已支付', recoveredAmount: '100.00', workersPaid: 1 });
    await actAt('2026-03-02 10:00', lead, 'C4', { action: 'approve' });
    // C1: returned at its first review (its first reply's amounts must not count), approved after rework.
    await actAt('2026-03-02 11:00', inspectorT1, 'C1', { action: 'accept' });
    await actAt('2026-03-03 09:00', inspectorT1, 'C1', { action: 'contact', note: '已联系' });
    await actAt('2026-03-05 10:00', inspectorT1, 'C1', { action: 'reply', outcome: 'partially_paid', note: '已支付部分', recoveredAmount: '1500.00', workersPaid: 2 });
    await actAt('2026-03-06 10:00', lead, 'C1', { action: 'return', note: '请补充支付凭证' });
    await actAt('2026-03-08 10:00', inspectorT1, 'C1', { action: 'reply', outcome: 'wages_paid', note: '已足额支付', recoveredAmount: '2000.00', workersPaid: 3 });
    await actAt('2026-03-09 10:00', lead, 'C1', { action: 'approve' });
    // C2: approved at once, no wages involved.
    await actAt('2026-03-03 10:00', inspectorB1, 'C2', { action: 'accept' });
    await actAt('2026-03-03 12:00', inspectorB1, 'C2', { action: 'contact', note: '已联系' });
    await actAt('2026-03-04 10:00', inspectorB1, 'C2', noWages);
    await actAt('2026-03-05 10:00', lead, 'C2', { action: 'approve' });
    // C3 still being worked; C5 closed only in April.
    await actAt('2026-03-21 10:00', inspectorB1, 'C3', { action: 'accept' });
    await actAt('2026-03-26 10:00', inspectorB1, 'C5', { action: 'accept' });
    await actAt('2026-03-27 10:00', inspectorB1, 'C5', { action: 'contact', note: '已联系' });
    await actAt('2026-04-01 10:00', inspectorB1, 'C5', noWages);
    await actAt('2026-04-05 10:00', lead, 'C5', { action: 'approve' });

    const r = await summary(admin, 'from=2026-03-01&to=2026-03-31&groupBy=unit');
    expect(r.total).toMatchObject({
      cluesReceived: 4,
      cluesClosed: 2,
      clueClosureRate: 0.5,
      clueReviewPassRate: 0.6667,
      wagesRecovered: '2100.00',
      workersPaid: 4,
    });
    expect(r.rows.find((row) => row.key === 'T1')).toMatchObject({ cluesReceived: 1, cluesClosed: 1, clueReviewPassRate: 0.5, wagesRecovered: '2100.00', workersPaid: 4 });
    expect(r.rows.find((row) => row.key === 'B1')).toMatchObject({ cluesReceived: 3, cluesClosed: 1, clueClosureRate: 0.3333, clueReviewPassRate: 1, wagesRecovered: '0.00' });

    const april = await summary(admin, 'from=2026-03-01&to=2026-04-30');
    expect(april.total).toMatchObject({ cluesReceived: 4, cluesClosed: 3, clueClosureRate: 0.75, clueReviewPassRate: 0.75 });

    const months = await summary(admin, 'from=2026-02-01&to=2026-03-31&groupBy=month');
    expect(months.rows.map((row) => [row.key, row.cluesReceived, row.wagesRecovered])).toEqual([
      ['2026-02', 1, '0.00'],
      ['2026-03', 4, '2100.00'],
    ]);
  });

  it('show each caller only the clues of their scope', async () => {
    expect((await summary(inspectorT1, 'from=2026-03-01&to=2026-03-31')).total).toMatchObject({ cluesReceived: 1, cluesClosed: 1, workersPaid: 4, wagesRecovered: '2100.00' });
    // An inspector of another brigade sees none of B1's or T1's clue figures.
    const other = await loginAs(t, { role: Role.Inspector, unitCode: 'B9' });
    const r = await summary(other, 'from=2026-02-01&to=2026-04-30&groupBy=unit');
    expect(r.total).toMatchObject({ cluesReceived: 0, cluesClosed: 0, clueReviewPassRate: null, wagesRecovered: '0.00', workersPaid: 0 });
    expect(r.rows.filter((row) => row.key === 'T1' || row.key === 'B1')).toEqual([]);
  });
});
