import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { LoggedIn, loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { api, insertAlert, insertProject, insertUnits, intake } from './support/workflow-fixtures';

describe('inspector workflow actions', () => {
  let t: TestApp;
  let db: DataSource;
  let inspector: LoggedIn;
  let colleague: LoggedIn;
  let lead: LoggedIn;
  let stranger: LoggedIn;

  const act = (who: LoggedIn, id: number, body: Record<string, unknown>) => api(t, 'POST', `/alerts/${id}/actions`, who, body);
  const row = async (id: number) => (await db.query('SELECT * FROM alerts WHERE id = $1', [id]))[0];
  const newAlert = async (severity: 'red' | 'orange' | 'yellow' = 'red', project = 'P1'): Promise<number> => {
    const id = await insertAlert(db, { project, severity });
    await intake(t, [id]);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    db = t.app.get(DataSource);
    await insertUnits(db, [
      { code: 'B1', kind: 'brigade', region: '420113' },
      { code: 'T1', kind: 'team', region: '420113', streets: ['420113001'], parent: 'B1' },
      { code: 'B2', kind: 'brigade', region: '420106' },
    ]);
    await insertProject(db, { code: 'P1', region: '420113', street: '420113001' });
    await insertProject(db, { code: 'P2', region: '420113', street: '420113001' });
    inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1' });
    colleague = await loginAs(t, { role: Role.Inspector, unitCode: 'T1' });
    lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1' });
    stranger = await loginAs(t, { role: Role.Inspector, unitCode: 'B2' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('works an alert end to end: acknowledge, start, resolve with a code and recovered wages', async () => {
    const id = await newAlert('red');
    const ackDue = (await row(id)).due_at as Date;

    const ack = await act(inspector, id, { action: 'acknowledge', note: '已受理' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id, status: 'acknowledged', unitCode: 'T1' });
    expect(new Date(ack.body.dueAt).getTime()).toBeGreaterThan(new Date(ackDue).getTime()); // resolve deadline (5 working days)

    expect((await act(inspector, id, { action: 'start' })).body.status).toBe('in_progress');
    const res = await act(inspector, id, { action: 'resolve', resolution: 'wages_paid', recoveredAmount: '31794000.50', workersPaid: 1830 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolution: 'wages_paid', dueAt: null });
    expect(await row(id)).toMatchObject({ recovered_fen: 3179400050, workers_paid: 1830, overdue: false, resolved_by: inspector.principal.id });

    const events = res.body.events.filter((e: { action: string }) => e.action !== 'routed');
    expect(events.map((e: { action: string; fromStatus: string; toStatus: string }) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['acknowledge', 'open', 'acknowledged'],
      ['start', 'acknowledged', 'in_progress'],
      ['resolve', 'in_progress', 'resolved'],
    ]);
    expect(events[0]).toMatchObject({ actorKind: 'user', actorId: inspector.principal.id, note: '已受理' });
    expect(events[2].data).toMatchObject({ resolution: 'wages_paid', recoveredFen: 3179400050, workersPaid: 1830 });
  });

  it('keeps project risk current after actions, counting one month\'s unpaid wages once', async () => {
    await insertProject(db, { code: 'P-RISK', region: '420113', street: '420113001' });
    const red = await insertAlert(db, { project: 'P-RISK', severity: 'red', rule: 'PAY_RATIO_LOW', shortfallFen: 500_000 });
    const orange = await insertAlert(db, { project: 'P-RISK', severity: 'orange', rule: 'UNPAID_WORKERS', shortfallFen: 300_000 });
    await intake(t, [red, orange]);
    const risk = async () => (await db.query('SELECT risk_level, risk_score, shortfall_fen, open_alerts FROM project_risk WHERE project_code = $1', ['P-RISK']))[0];

    expect((await act(inspector, orange, { action: 'acknowledge' })).status).toBe(200);
    // Both alerts report the same month's wages: the larger figure counts, not the sum.
    expect(await risk()).toMatchObject({ risk_level: 'red', risk_score: 60, shortfall_fen: 500_000, open_alerts: 2 });

    expect((await act(inspector, red, { action: 'resolve', resolution: 'wages_paid' })).status).toBe(200);
    expect(await risk()).toMatchObject({ risk_level: 'orange', risk_score: 20, shortfall_fen: 300_000, open_alerts: 1 });
  });

  describe('refuses illegal transitions with 409 naming the current state, and bad fields with 400', () => {
    let id: number;
    beforeAll(async () => {
      id = await newAlert();
    });

    it.each([
      ['start before acknowledging', { action: 'start' }, 409, 'open'],
      ['resolve without a code', { action: 'resolve' }, 400, null],
      ['resolve "other" without a note', { action: 'resolve', resolution: 'other' }, 400, 'note'],
      ['recovered wages with three decimals', { action: 'resolve', resolution: 'wages_paid', recoveredAmount: '1.234' }, 400, null],
      ['a resolution code on acknowledge', { action: 'acknowledge', resolution: 'wages_paid' }, 400, null],
      ['an unknown action', { action: 'fly' }, 400, null],
    ])('on an open alert: %s → %i', async (_case, body, status, mentions) => {
      const res = await act(inspector, id, body);
      expect(res.status).toBe(status);
      if (mentions) expect(JSON.stringify(res.body.message)).toContain(mentions);
    });

    it('once resolved: acknowledge and suppress → 409 naming the state', async () => {
      expect((await act(inspector, id, { action: 'resolve', resolution: 'false_positive', note: '数据重复上报' })).status).toBe(200);
      const again = await act(inspector, id, { action: 'acknowledge' });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('resolved');
      expect((await act(inspector, id, { action: 'suppress', until: '2099-01-01', note: 'x' })).status).toBe(409);
    });
  });

  it('lets brigade leads (not inspectors) reopen a resolved or cleared alert', async () => {
    const id = await newAlert();
    await act(inspector, id, { action: 'resolve', resolution: 'duplicate' });
    const denied = await act(inspector, id, { action: 'reopen' });
    expect(denied.status).toBe(403);
    const reopened = await act(lead, id, { action: 'reopen', note: '工人再次投诉' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', resolution: null });
    expect(reopened.body.dueAt).not.toBeNull();

    const cleared = await newAlert();
    await db.query(`UPDATE alerts SET status = 'cleared', cleared_at = now() WHERE id = $1`, [cleared]);
    expect((await act(lead, cleared, { action: 'reopen' })).body).toMatchObject({ status: 'open', clearedAt: null });
  });

  it('lets leads (not inspectors) assign within the unit scope; comments and suppresses with a reason and a future date', async () => {
    const id = await newAlert();
    // workflow.md: inspectors claim and work alerts; assigning to others is the lead's.
    const denied = await act(inspector, id, { action: 'assign', assignee: colleague.principal.username });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('may not assign');
    expect((await row(id)).assignee_user_id).toBeNull();
    const byName = await act(lead, id, { action: 'assign', assignee: colleague.principal.username });
    expect(byName.status).toBe(200);
    expect(byName.body.assignee).toEqual({ id: colleague.principal.id, username: colleague.principal.username });
    expect((await act(lead, id, { action: 'assign', assignee: lead.principal.id })).body.assignee.id).toBe(lead.principal.id);
    const outside = await act(lead, id, { action: 'assign', assignee: stranger.principal.username });
    expect(outside.status).toBe(400);
    expect((await act(lead, id, { action: 'assign', assignee: 'nobody-here' })).status).toBe(400);

    expect((await act(inspector, id, { action: 'comment' })).status).toBe(400);
    expect((await act(inspector, id, { action: 'comment', note: '已电话联系总包' })).status).toBe(200);

    expect((await act(inspector, id, { action: 'suppress', until: '2099-01-01' })).status).toBe(400);
    expect((await act(inspector, id, { action: 'suppress', until: '2020-01-01', note: '等待仲裁' })).status).toBe(400);
    const muted = await act(inspector, id, { action: 'suppress', until: '2099-01-01', note: '等待仲裁结果' });
    expect(muted.status).toBe(200);
    expect(muted.body).toMatchObject({ status: 'open', suppressedUntil: '2099-01-01' });
    const [ev] = muted.body.events.filter((e: { action: string }) => e.action === 'suppress');
    expect(ev).toMatchObject({ note: '等待仲裁结果', fromStatus: 'open', toStatus: 'open', data: { until: '2099-01-01' } });
  });

  it('hides alerts of other units (404) from actions', async () => {
    const id = await newAlert();
    const res = await act(stranger, id, { action: 'comment', note: 'hello' });
    expect(res.status).toBe(404);
    expect((await act(inspector, 999999, { action: 'comment', note: 'x' })).status).toBe(404);
  });

  it('acknowledges all open, or resolves all active (open, acknowledged, in progress) alerts of one project at once', async () => {
    const a = await newAlert('red', 'P2');
    const b = await newAlert('yellow', 'P2');
    const c = await newAlert('orange', 'P2');
    await act(inspector, c, { action: 'acknowledge' });

    const outsider = await api(t, 'POST', '/projects/P2/alerts/actions', stranger, { action: 'acknowledge' });
    expect(outsider.body).toMatchObject({ affected: 0, alertIds: [] });
    expect((await api(t, 'POST', '/projects/P2/alerts/actions', inspector, { action: 'resolve' })).status).toBe(400);
    expect((await api(t, 'POST', '/projects/P2/alerts/actions', inspector, { action: 'start' })).status).toBe(400);

    const ack = await api(t, 'POST', '/projects/P2/alerts/actions', inspector, { action: 'acknowledge', note: '批量受理' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ projectCode: 'P2', action: 'acknowledge', affected: 2, alertIds: [a, b] });
    await db.query(`UPDATE alerts SET status = 'open' WHERE id = $1`, [a]); // pretend it came back

    await act(inspector, c, { action: 'start' });
    const done = await newAlert('red', 'P2');
    await act(inspector, done, { action: 'resolve', resolution: 'duplicate' });

    const resolve = await api(t, 'POST', '/projects/P2/alerts/actions', lead, { action: 'resolve', resolution: 'project_closed' });
    expect(resolve.body).toMatchObject({ affected: 3, alertIds: [a, b, c] });
    for (const id of [a, b, c]) expect(await row(id)).toMatchObject({ status: 'resolved', resolution: 'project_closed' });
    // Already resolved: left as the inspector resolved it.
    expect(await row(done)).toMatchObject({ status: 'resolved', resolution: 'duplicate' });
  });

  it('keeps alert_events append-only in the database', async () => {
    const id = await newAlert();
    await expect(db.query(`UPDATE alert_events SET note = 'edited' WHERE alert_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM alert_events WHERE alert_id = $1`, [id])).rejects.toThrow(/append-only/);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM alert_events WHERE alert_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('gives 20 concurrent claim-next calls distinct alerts, best first, then 204', async () => {
    await db.query(`UPDATE alerts SET assignee_user_id = $1 WHERE unit_code = 'T1' AND assignee_user_id IS NULL`, [lead.principal.id]);
    const ids: number[] = [];
    for (let i = 0; i < 15; i++) ids.push(await insertAlert(db, { project: 'P1', unitCode: 'T1', severity: i === 7 ? 'red' : 'yellow', shortfallFen: i }));
    const claimers = await Promise.all(Array.from({ length: 20 }, () => loginAs(t, { role: Role.Inspector, unitCode: 'T1' })));
    const results = await Promise.all(claimers.map((c) => api(t, 'POST', '/alerts/claim-next', c)));
    const claimed = results.filter((r) => r.status === 200).map((r) => r.body.id as number);
    expect(results.filter((r) => r.status === 204)).toHaveLength(5);
    expect(claimed).toHaveLength(15);
    expect(new Set(claimed).size).toBe(15);
    expect(claimed.sort()).toEqual([...ids].sort());
    const owners = await db.query(`SELECT assignee_user_id FROM alerts WHERE id = ANY($1)`, [ids]);
    expect(new Set(owners.map((o: { assignee_user_id: string }) => o.assignee_user_id)).size).toBe(15);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM alert_events WHERE action = 'assign' AND alert_id = ANY($1)`, [ids]);
    expect(n).toBe(15);
  });

  it('claims in queue order: severity, then project risk, then shortfall, then age', async () => {
    const me = await loginAs(t, { role: Role.Inspector, unitCode: 'B2' });
    await insertProject(db, { code: 'P3', region: '420106' });
    await insertProject(db, { code: 'P4', region: '420106' });
    await db.query(`INSERT INTO project_risk (project_code, risk_level, risk_score) VALUES ('P4', 'red', 90), ('P3', 'yellow', 10)`);
    const old = new Date('2026-01-01T00:00:00Z');
    const yellow = await insertAlert(db, { project: 'P4', unitCode: 'B2', severity: 'yellow', shortfallFen: 10 ** 9, firstSeenAt: old });
    const lowRisk = await insertAlert(db, { project: 'P3', unitCode: 'B2', severity: 'orange', shortfallFen: 10 ** 8 });
    const bigNew = await insertAlert(db, { project: 'P4', unitCode: 'B2', severity: 'orange', shortfallFen: 500 });
    const smallOld = await insertAlert(db, { project: 'P4', unitCode: 'B2', severity: 'orange', shortfallFen: 100, firstSeenAt: old });
    const smallNew = await insertAlert(db, { project: 'P4', unitCode: 'B2', severity: 'orange', shortfallFen: 100 });
    const order: number[] = [];
    for (let i = 0; i < 5; i++) order.push((await api(t, 'POST', '/alerts/claim-next', me)).body.id);
    expect(order).toEqual([bigNew, smallOld, smallNew, lowRisk, yellow]);
    expect((await api(t, 'POST', '/alerts/claim-next', me)).status).toBe(204);
  });

  // The queue order reads alerts.queue_risk, which the database copies from project_risk
  // (migration AlertQueueRank): a score set, changed or removed after the alerts exist counts at once.
  it('orders by the project risk score set, changed or removed after the alerts were raised', async () => {
    const me = await loginAs(t, { role: Role.Inspector, unitCode: 'B3' });
    await insertProject(db, { code: 'P5', region: '420106' });
    await insertProject(db, { code: 'P6', region: '420106' });
    const p5 = await insertAlert(db, { project: 'P5', unitCode: 'B3', severity: 'orange', shortfallFen: 100 });
    const p6 = await insertAlert(db, { project: 'P6', unitCode: 'B3', severity: 'orange', shortfallFen: 50 });
    const order = async (): Promise<number[]> => ((await api(t, 'GET', '/alerts?status=open', me)).body.items as Array<{ id: number }>).map((i) => i.id);
    expect(await order()).toEqual([p5, p6]); // no scores: the shortfall decides
    await db.query(`INSERT INTO project_risk (project_code, risk_level, risk_score) VALUES ('P6', 'orange', 20)`);
    expect(await order()).toEqual([p6, p5]);
    await db.query(`INSERT INTO project_risk (project_code, risk_level, risk_score) VALUES ('P5', 'orange', 10)`);
    await db.query(`UPDATE project_risk SET risk_score = 30 WHERE project_code = 'P5'`);
    expect(await order()).toEqual([p5, p6]);
    await db.query(`DELETE FROM project_risk WHERE project_code = 'P5'`);
    expect(await order()).toEqual([p6, p5]);
    expect((await api(t, 'POST', '/alerts/claim-next', me)).body.id).toBe(p6);
  });
});
