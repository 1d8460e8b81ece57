import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { adminHeaders, createApiKey, loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { fixtures, idNumber } from './support/fixtures';
import { api, insertAlert, insertProject, insertUnits, intake } from './support/workflow-fixtures';

type Who = { headers: Record<string, string> };
type Caller = 'admin' | 'auditor' | 'lead' | 'inspector' | 'otherInspector' | 'bureau' | 'submitter';

/**
 * Every role against every alert/workflow/routing endpoint: allowed, or refused with
 * 403 (role) / 404 (alert outside scope), and never a row or a count of another scope.
 */
describe('access matrix of the alert workflow', () => {
  let t: TestApp;
  let db: DataSource;
  const who = {} as Record<Caller, Who>;
  const ids = {} as Record<'team' | 'brigade' | 'other' | 'noticed', number>;

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    db = t.app.get(DataSource);
    await insertUnits(db, [
      { code: 'B1', kind: 'brigade', region: '420113' },
      { code: 'T1', kind: 'team', region: '420113', streets: ['420113001'], parent: 'B1' },
      { code: 'B2', kind: 'brigade', region: '420106' },
    ]);
    await insertProject(db, { code: 'PT', region: '420113', street: '420113001' });
    await insertProject(db, { code: 'PB', region: '420113' });
    await insertProject(db, { code: 'PO', region: '420106' });
    ids.team = await insertAlert(db, { project: 'PT', severity: 'red' });
    ids.brigade = await insertAlert(db, { project: 'PB' });
    ids.other = await insertAlert(db, { project: 'PO' });
    ids.noticed = await insertAlert(db, { project: 'PO', rule: 'ACCOUNT_MISSING', severity: 'yellow' });
    await intake(t, Object.values(ids));
    const [n] = await db.query(
      `INSERT INTO notices (bureau_code, number, year, seq, issued_on, issuer_name, reply_due_at)
       VALUES ('BUR1', '联通〔2026〕1号', 2026, 1, '2026-11-20', '人社局', now() + interval '10 days') RETURNING id`,
    );
    await db.query(
      `INSERT INTO notice_items (notice_id, alert_id, project_code, rule, severity, requested_action)
       VALUES ($1, $2, 'PO', 'ACCOUNT_MISSING', 'yellow', '督促开设专用账户')`,
      [n.id, ids.noticed],
    );
    who.admin = { headers: await adminHeaders(t) };
    who.auditor = await loginAs(t, { role: Role.Auditor });
    who.lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1' });
    who.inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1' });
    who.otherInspector = await loginAs(t, { role: Role.Inspector, unitCode: 'B2' });
    who.bureau = await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'BUR1' });
    who.submitter = await createApiKey(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const visible: Record<Caller, Array<keyof typeof ids> | 'denied'> = {
    admin: ['team', 'brigade', 'other', 'noticed'],
    auditor: ['team', 'brigade', 'other', 'noticed'],
    lead: ['team', 'brigade'],
    inspector: ['team'],
    otherInspector: ['other', 'noticed'],
    bureau: ['noticed'],
    submitter: 'denied',
  };

  it.each(Object.keys(visible) as Caller[])('GET /alerts and /alerts/{id} show %s only its scope, totals included', async (caller) => {
    const expected = visible[caller];
    const list = await api(t, 'GET', '/alerts?pageSize=500', who[caller]);
    if (expected === 'denied') {
      expect(list.status).toBe(403);
      expect(list.body).not.toHaveProperty('items');
      expect((await api(t, 'GET', `/alerts/${ids.team}`, who[caller])).status).toBe(403);
      return;
    }
    expect(list.status).toBe(200);
    const want = expected.map((k) => ids[k]).sort();
    expect(list.body.items.map((i: { id: number }) => i.id).sort()).toEqual(want);
    expect(list.body.total).toBe(want.length);
    // Filters cannot widen the scope: asking for another unit gives nothing, not a count.
    const probe = await api(t, 'GET', '/alerts?unitCode=B2', who[caller]);
    expect(probe.body.total).toBe(expected.filter((k) => k === 'other' || k === 'noticed').length);
    const grouped = await api(t, 'GET', '/alerts?groupBy=project', who[caller]);
    const groupedIds = grouped.body.groups.flatMap((g: { alerts: Array<{ id: number }> }) => g.alerts.map((a) => a.id)).sort();
    expect(groupedIds).toEqual(want);
    for (const [key, id] of Object.entries(ids)) {
      const one = await api(t, 'GET', `/alerts/${id}`, who[caller]);
      expect(one.status).toBe(expected.includes(key as keyof typeof ids) ? 200 : 404);
      if (one.status === 404) expect(JSON.stringify(one.body)).not.toContain('PO|');
    }
  });

  it('lets only admins, brigade leads and inspectors act, each within scope (404 outside)', async () => {
    const comment = (c: Caller, id: number) => api(t, 'POST', `/alerts/${id}/actions`, who[c], { action: 'comment', note: '查看' });
    for (const c of ['auditor', 'bureau', 'submitter'] as Caller[]) {
      expect((await comment(c, ids.noticed)).status).toBe(403);
      expect((await api(t, 'POST', '/projects/PO/alerts/actions', who[c], { action: 'acknowledge' })).status).toBe(403);
      expect((await api(t, 'POST', '/alerts/claim-next', who[c])).status).toBe(403);
    }
    expect((await comment('admin', ids.other)).status).toBe(200);
    expect((await comment('lead', ids.team)).status).toBe(200);
    expect((await comment('lead', ids.other)).status).toBe(404);
    expect((await comment('inspector', ids.team)).status).toBe(200);
    expect((await comment('inspector', ids.brigade)).status).toBe(404);
    expect((await comment('otherInspector', ids.team)).status).toBe(404);
    expect((await api(t, 'POST', '/alerts/claim-next', who.admin)).status).toBe(403);

    const bulk = await api(t, 'POST', '/projects/PT/alerts/actions', who.otherInspector, { action: 'acknowledge' });
    expect(bulk.body).toEqual({ projectCode: 'PT', action: 'acknowledge', affected: 0, alertIds: [] });
    expect((await db.query('SELECT status FROM alerts WHERE id = $1', [ids.team]))[0].status).toBe('open');

    // Claim-next takes only the caller's own unit's alerts.
    const claimed = await api(t, 'POST', '/alerts/claim-next', who.inspector);
    expect(claimed.body.id).toBe(ids.team);
    expect((await api(t, 'POST', '/alerts/claim-next', who.inspector)).status).toBe(204);
  });

  it('shows workers masked, unmasked only with can_unmask (audit-logged), and no roster to bureau officers', async () => {
    const id = idNumber(424242);
    await fixtures(db).worker({ project: 'PT', id, name: '张三' });
    await fixtures(db).worker({ project: 'PO', id: idNumber(434343), name: '李四' });
    const masked = await api(t, 'GET', `/alerts/${ids.team}/workers`, who.inspector);
    expect(masked.status).toBe(200);
    expect(masked.body).toMatchObject({ projectCode: 'PT', unmasked: false, total: 1 });
    expect(masked.body.items[0].idNumber).not.toBe(id);
    expect(masked.body.items[0].idNumber).toMatch(/\*/);
    expect((await api(t, 'GET', `/alerts/${ids.team}/workers?unmask=true`, who.inspector)).status).toBe(403);
    expect((await api(t, 'GET', `/alerts/${ids.team}/workers`, who.otherInspector)).status).toBe(404);
    expect((await api(t, 'GET', `/alerts/${ids.team}/workers`, who.submitter)).status).toBe(403);
    const officer = await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'BUR1', canUnmask: true });
    // Bureau officers see the alert and its evidence, never the project's worker roster.
    const roster = await api(t, 'GET', `/alerts/${ids.noticed}/workers`, officer);
    expect(roster.status).toBe(403);
    expect(JSON.stringify(roster.body)).not.toContain('李四');
    expect((await api(t, 'GET', `/alerts/${ids.noticed}/workers?unmask=true`, officer)).status).toBe(403);

    const trusted = await loginAs(t, { role: Role.Inspector, unitCode: 'T1', canUnmask: true });
    const full = await api(t, 'GET', `/alerts/${ids.team}/workers?unmask=true`, trusted);
    expect(full.status).toBe(200);
    expect(full.body.items[0]).toMatchObject({ name: '张三', idNumber: id, bankCard: '6222020200001234567' });
    const logged = await db.query(`SELECT actor_id, data FROM security_events WHERE event = 'pii.unmasked'`);
    expect(logged).toEqual([{ actor_id: trusted.principal.id, data: expect.objectContaining({ alertId: ids.team, projectCode: 'PT' }) }]);
  });

  it('keeps routing administration to admins (auditors and leads read what they need)', async () => {
    const expectStatus = async (method: string, path: string, allowed: Caller[], body?: unknown, ok = 200) => {
      for (const c of Object.keys(visible) as Caller[]) {
        if (c === 'admin' && method !== 'GET') continue; // writes by admin are covered in routing-cases
        const res = await api(t, method, path, who[c], body);
        expect([c, res.status]).toEqual([c, allowed.includes(c) ? ok : 403]);
      }
    };
    await expectStatus('GET', '/inspection-units', ['admin', 'auditor', 'lead']);
    await expectStatus('GET', '/industry-bureaus', ['admin', 'auditor', 'lead']);
    await expectStatus('GET', '/routing-overrides', ['admin', 'auditor']);
    await expectStatus('GET', '/routing/unrouted', ['admin']);
    await expectStatus('POST', '/alerts/reroute', []);
    await expectStatus('POST', '/routing-overrides', [], { position: 1, unitCode: 'B1' });
    await expectStatus('POST', '/inspection-units', [], { unitCode: 'X1', name: 'x', kind: 'team', regionCode: '420113' });
    await expectStatus('PUT', '/industry-bureaus/BUR1', [], { name: 'x' });
    await expectStatus('DELETE', '/inspection-units/B1', []);
  });
});
