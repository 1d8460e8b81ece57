import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@wage/auth';
import { AlertIntakeService } from '@wage/workflow';
import { adminHeaders, LoggedIn, loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { api, insertAlert, insertProject, insertUnits, intake } from './support/workflow-fixtures';

describe('routing alerts to inspection units', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: { headers: Record<string, string> };
  let lead: LoggedIn;
  let inspector: LoggedIn;

  const unitOf = async (id: number): Promise<{ unit_code: string | null; routing_reason: string | null; due_at: Date | null }> =>
    (await db.query('SELECT unit_code, routing_reason, due_at FROM alerts WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    db = t.app.get(DataSource);
    admin = { headers: await adminHeaders(t) };
    lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B-HY' });
    inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T-HY-1' });
    await insertUnits(db, [
      { code: 'T-HY-1', kind: 'team', region: '420113', streets: ['420113001', '420113002'], parent: 'B-HY' },
      { code: 'B-HY', kind: 'brigade', region: '420113' },
      { code: 'B-WH', kind: 'brigade', region: '420100' },
      { code: 'B-HB', kind: 'brigade', region: '420000' },
    ]);
    await insertProject(db, { code: 'P-TEAM', region: '420113', street: '420113002' });
    await insertProject(db, { code: 'P-BRIG', region: '420113', street: '420113099' });
    await insertProject(db, { code: 'P-CITY', region: '420105', street: null });
    await insertProject(db, { code: 'P-PROV', region: '420501' });
    await insertProject(db, { code: 'P-NONE', region: '110101', street: '110101001' });
    await insertProject(db, { code: 'P-WATER', region: '420113', street: '420113001', industry: 'water' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('routes street team → brigade → city → province → unrouted, storing unit, reason and deadline', async () => {
    const ids: Record<string, number> = {};
    for (const p of ['P-TEAM', 'P-BRIG', 'P-CITY', 'P-PROV', 'P-NONE']) ids[p] = await insertAlert(db, { project: p });
    const ghost = await insertAlert(db, { project: 'P-GHOST' });
    await intake(t, [...Object.values(ids), ghost]);

    expect(await unitOf(ids['P-TEAM'])).toMatchObject({ unit_code: 'T-HY-1', routing_reason: 'street team of street 420113002' });
    expect(await unitOf(ids['P-BRIG'])).toMatchObject({ unit_code: 'B-HY', routing_reason: 'brigade of region 420113' });
    expect(await unitOf(ids['P-CITY'])).toMatchObject({ unit_code: 'B-WH', routing_reason: 'city brigade 420100' });
    expect(await unitOf(ids['P-PROV'])).toMatchObject({ unit_code: 'B-HB', routing_reason: 'province brigade 420000' });
    const none = await unitOf(ids['P-NONE']);
    expect(none.unit_code).toBeNull();
    expect(none.routing_reason).toContain('110101');
    expect((await unitOf(ghost)).routing_reason).toContain('not in the projects data');
    // Acknowledgement deadline: end of a working day after today, in the future.
    expect(new Date((await unitOf(ids['P-TEAM'])).due_at as Date).getTime()).toBeGreaterThan(Date.now());

    const events = await db.query(`SELECT action, note, data FROM alert_events WHERE alert_id = $1`, [ids['P-TEAM']]);
    expect(events).toEqual([expect.objectContaining({ action: 'routed', note: 'street team of street 420113002' })]);
    expect(events[0].data).toMatchObject({ fromUnitCode: null, toUnitCode: 'T-HY-1' });

    const unrouted = await api(t, 'GET', '/routing/unrouted', admin);
    expect(unrouted.status).toBe(200);
    expect(unrouted.body.total).toBe(2);
    expect(unrouted.body.items.map((i: { id: number }) => i.id).sort()).toEqual([ids['P-NONE'], ghost].sort());
    expect((await api(t, 'GET', '/routing/unrouted', lead)).status).toBe(403);
  });

  it('applies the first matching admin override before the default chain', async () => {
    const bad = await api(t, 'POST', '/routing-overrides', admin, { position: 1, industry: 'water', unitCode: 'NOPE' });
    expect(bad.status).toBe(404);
    const o1 = await api(t, 'POST', '/routing-overrides', admin, { position: 1, industry: 'water', minSeverity: 'orange', unitCode: 'B-WH' });
    expect(o1.status).toBe(201);
    const o2 = await api(t, 'POST', '/routing-overrides', admin, { position: 2, regionPrefix: '4201', unitCode: 'B-HB' });
    expect(o2.status).toBe(201);
    expect((await api(t, 'POST', '/routing-overrides', lead, { position: 3, unitCode: 'B-HB' })).status).toBe(403);

    const orange = await insertAlert(db, { project: 'P-WATER', severity: 'orange', rule: 'PAYROLL_MISSING' });
    const yellow = await insertAlert(db, { project: 'P-WATER', severity: 'yellow', rule: 'UNPAID_WORKERS' });
    await intake(t, [orange, yellow]);
    expect(await unitOf(orange)).toMatchObject({ unit_code: 'B-WH', routing_reason: `override #${o1.body.id} (position 1)` });
    expect(await unitOf(yellow)).toMatchObject({ unit_code: 'B-HB', routing_reason: `override #${o2.body.id} (position 2)` });

    // Disabling overrides takes effect at the next explicit re-route.
    expect((await api(t, 'PATCH', `/routing-overrides/${o1.body.id}`, admin, { enabled: false })).status).toBe(200);
    expect((await api(t, 'DELETE', `/routing-overrides/${o2.body.id}`, admin)).status).toBe(204);
    expect((await api(t, 'GET', '/routing-overrides', admin)).body).toHaveLength(1);
    expect(await unitOf(orange)).toMatchObject({ unit_code: 'B-WH' });
    const rr = await api(t, 'POST', '/alerts/reroute', admin);
    expect(rr.status).toBe(200);
    expect(await unitOf(orange)).toMatchObject({ unit_code: 'T-HY-1', routing_reason: 'street team of street 420113001' });
  });

  it('re-routes active alerts after reference data changes, as a logged admin action', async () => {
    const created = await api(t, 'POST', '/inspection-units', admin, {
      unitCode: 'B-DC',
      name: '东城区劳动保障监察大队',
      kind: 'brigade',
      regionCode: '110101',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ unitCode: 'B-DC', streetCodes: [] });
    const [{ id }] = await db.query(`SELECT id FROM alerts WHERE project_code = 'P-NONE'`);
    expect((await unitOf(id)).unit_code).toBeNull(); // nothing moves by itself

    expect((await api(t, 'POST', '/alerts/reroute', lead)).status).toBe(403);
    const rr = await api(t, 'POST', '/alerts/reroute', admin);
    expect(rr.status).toBe(200);
    expect(rr.body).toMatchObject({ changed: 1, unrouted: 1 });
    expect(await unitOf(id)).toMatchObject({ unit_code: 'B-DC', routing_reason: 'brigade of region 110101' });
    const [ev] = await db.query(`SELECT * FROM alert_events WHERE alert_id = $1 AND action = 'rerouted'`, [id]);
    expect(ev).toMatchObject({ actor_kind: 'user', from_status: 'open', to_status: 'open' });
    expect(ev.data).toMatchObject({ fromUnitCode: null, toUnitCode: 'B-DC' });
    // A second re-route with unchanged data changes nothing and logs nothing.
    expect((await api(t, 'POST', '/alerts/reroute', admin)).body).toMatchObject({ changed: 0 });
  });

  it('maintains inspection units and industry bureaus through admin endpoints', async () => {
    expect((await api(t, 'GET', '/inspection-units', lead)).status).toBe(200);
    expect((await api(t, 'GET', '/inspection-units', inspector)).status).toBe(403);
    expect((await api(t, 'POST', '/inspection-units', lead, { unitCode: 'X' })).status).toBe(403);
    const dup = await api(t, 'POST', '/inspection-units', admin, { unitCode: 'B-HY', name: 'x', kind: 'brigade', regionCode: '420113' });
    expect(dup.status).toBe(409);
    const invalid = await api(t, 'POST', '/inspection-units', admin, { unitCode: 'B X', name: '', kind: 'squad', regionCode: '42' });
    expect(invalid.status).toBe(400);
    expect(String(invalid.body.message)).toMatch(/kind/);
    const put = await api(t, 'PUT', '/inspection-units/T-HY-1', admin, { streetCodes: ['420113001', '420113002', '420113003'] });
    expect(put.status).toBe(200);
    expect(put.body.streetCodes).toHaveLength(3);

    const bureau = { bureauCode: 'WH-ZJ', name: '武汉市城乡建设局', regionCode: '420100', industries: ['housing', 'municipal'] };
    expect((await api(t, 'POST', '/industry-bureaus', admin, bureau)).status).toBe(201);
    expect((await api(t, 'GET', '/industry-bureaus/WH-ZJ', lead)).body).toMatchObject({ industries: ['housing', 'municipal'] });
    expect((await api(t, 'PUT', '/industry-bureaus/WH-ZJ', admin, { industries: ['housing'] })).body.industries).toEqual(['housing']);
    expect((await api(t, 'DELETE', '/industry-bureaus/WH-ZJ', admin)).status).toBe(204);
    expect((await api(t, 'GET', '/industry-bureaus/WH-ZJ', admin)).status).toBe(404);
  });

  it("writes each alert once at intake: unit, reason and deadline in one UPDATE, a deadline alone keeping the version", async () => {
    const a = await insertAlert(db, { project: 'P-TEAM' });
    const b = await insertAlert(db, { project: 'P-BRIG' });
    await db.query(`UPDATE alerts SET overdue = true WHERE id = $1`, [a]);
    const intakeService = t.app.get(AlertIntakeService);
    // Row updates of alerts in this transaction so far (pg_stat_xact_user_tables: this transaction's own counts).
    const alertUpdates = async (m: EntityManager): Promise<number> =>
      (await m.query(`SELECT n_tup_upd::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'alerts'`))[0].n;
    const intakeCountingUpdates = (ids: number[]): Promise<number> =>
      db.transaction(async (m) => {
        const before = await alertUpdates(m);
        await intakeService.onScanReconciled(m, { raisedOrReopened: ids, severityChanged: [], cleared: [] });
        return (await alertUpdates(m)) - before;
      });
    const row = async (id: number) =>
      (await db.query('SELECT unit_code, routing_reason, due_at, overdue, version FROM alerts WHERE id = $1', [id]))[0];

    expect(await intakeCountingUpdates([a, b])).toBe(2);
    const routedA = await row(a);
    expect(routedA).toMatchObject({ unit_code: 'T-HY-1', routing_reason: 'street team of street 420113002', overdue: false, version: 2 });
    expect(new Date(routedA.due_at).getTime()).toBeGreaterThan(Date.now());
    expect(await row(b)).toMatchObject({ unit_code: 'B-HY', overdue: false, version: 2 });

    // Reopened with its routing unchanged: only the deadline is written, the version stays.
    await db.query(`UPDATE alerts SET due_at = NULL, overdue = true WHERE id = $1`, [a]);
    expect(await intakeCountingUpdates([a])).toBe(1);
    const again = await row(a);
    expect(again).toMatchObject({ unit_code: 'T-HY-1', overdue: false, version: 2 });
    expect(again.due_at).not.toBeNull();
    expect(await db.query(`SELECT count(*)::int AS n FROM alert_events WHERE alert_id = $1 AND action = 'routed'`, [a])).toEqual([{ n: 1 }]);
  });
});
