import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { QueueName } from '@wage/queues';
import { Clock, escalationJobId } from '@wage/workflow';
import { adminHeaders, LoggedIn, loginAs } from './support/auth';
import { fakeRuleEngine, insertProjects, runScan } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';
import { api, insertUnits } from './support/workflow-fixtures';

/**
 * issue #5 "done when": an inspector works a queue end to end through the API (claim,
 * acknowledge, start, resolve with a code), the lead sees what is overdue, all with the
 * audit trail, and nothing of another unit is visible to them.
 */
describe('an alert from scan to resolution', () => {
  let t: TestApp;
  let db: DataSource;
  let inspector: LoggedIn;
  let lead: LoggedIn;
  let otherLead: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    db = t.app.get(DataSource);
    await insertUnits(db, [
      { code: 'B1', kind: 'brigade', region: '420113' },
      { code: 'T1', kind: 'team', region: '420113', streets: ['420113001'], parent: 'B1' },
      { code: 'B2', kind: 'brigade', region: '420106' },
    ]);
    await insertProjects(t, [{ code: 'P1' }, { code: 'P2' }, { code: 'P3', region: '420106' }]);
    await db.query(`UPDATE projects SET street_code = '420113001' WHERE project_code = 'P1'`);
    inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1' });
    lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1' });
    otherLead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B2' });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    t?.app.get(Clock).reset();
    await t?.close();
  });

  it('routes, works, resolves and escalates with the audit trail', async () => {
    const engine = fakeRuleEngine(t);
    engine.findings.push(
      { projectCode: 'P1', rule: 'ACCOUNT_MISSING', period: null, severity: 'red', shortfallFen: 500_00 },
      { projectCode: 'P2', rule: 'ACCOUNT_MISSING', period: null, severity: 'orange' },
      { projectCode: 'P3', rule: 'ACCOUNT_MISSING', period: null, severity: 'yellow' },
    );
    const report = await runScan(t, await adminHeaders(t), '2026-11-20');
    expect(report.status).toBe('succeeded');

    const mine = await api(t, 'GET', '/alerts', inspector);
    expect(mine.body.total).toBe(1);
    const [p1] = mine.body.items;
    expect(p1).toMatchObject({ projectCode: 'P1', unitCode: 'T1', status: 'open', assignee: null });
    expect(p1.dueAt).not.toBeNull();
    const inbox = await api(t, 'GET', '/notifications', inspector);
    expect(inbox.body.items.map((n: { alertId: number | null }) => n.alertId)).toContain(p1.id);

    const claimed = await api(t, 'POST', '/alerts/claim-next', inspector);
    expect(claimed.body).toMatchObject({ id: p1.id, assignee: { id: inspector.principal.id } });
    for (const step of [{ action: 'acknowledge' }, { action: 'start' }]) {
      expect((await api(t, 'POST', `/alerts/${p1.id}/actions`, inspector, step)).status).toBe(200);
    }
    const done = await api(t, 'POST', `/alerts/${p1.id}/actions`, inspector, {
      action: 'resolve',
      resolution: 'advance_paid_by_gc',
      recoveredAmount: 500,
      workersPaid: 12,
    });
    expect(done.body).toMatchObject({ status: 'resolved', resolution: 'advance_paid_by_gc' });
    const actions: string[] = done.body.events.map((e: { action: string }) => e.action);
    expect(actions).toContain('routed');
    expect(actions.slice(-4)).toEqual(['assign', 'acknowledge', 'start', 'resolve']);

    // The P2 alert (brigade B1) is never acknowledged: its deadline passes.
    const leads = await api(t, 'GET', '/alerts', lead);
    expect(leads.body.items.map((a: { projectCode: string }) => a.projectCode).sort()).toEqual(['P1', 'P2']);
    const p2 = leads.body.items.find((a: { projectCode: string }) => a.projectCode === 'P2');
    t.app.get(Clock).travel(30 * 24 * 3600 * 1000);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Escalations));
    await (await queue.getJob(escalationJobId(p2.id, 1)))?.promote();
    const resolvedTimer = await queue.getJob(escalationJobId(p1.id, 1));
    await resolvedTimer?.promote();
    for (let i = 0; i < 100; i++) {
      const overdue = await api(t, 'GET', '/alerts?overdue=true', lead);
      if (overdue.body.total === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const overdue = await api(t, 'GET', '/alerts?overdue=true', lead);
    expect(overdue.body.items).toEqual([expect.objectContaining({ id: p2.id, escalationLevel: 1 })]);
    expect((await api(t, 'GET', '/notifications', lead)).body.items.map((n: { alertId: number }) => n.alertId)).toContain(p2.id);
    expect((await api(t, 'GET', '/alerts?overdue=true', otherLead)).body.total).toBe(0);
    expect((await api(t, 'GET', `/alerts/${p2.id}`, otherLead)).status).toBe(404);
  });
});
