import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { JobName, QueueName } from '@wage/queues';
import { Clock, ESCALATION_SWEEP_SCHEDULER_ID, EscalationSweepService, escalationJobId } from '@wage/workflow';
import { LoggedIn, loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { api, insertAlert, insertProject, insertUnits, intake } from './support/workflow-fixtures';

const DAY = 24 * 3600 * 1000;

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** workflow.md "Deadlines and escalation": the database is the truth about deadlines. */
describe('deadline sweep, re-armed timers and the remaining workflow gaps', () => {
  let t: TestApp;
  let db: DataSource;
  let queue: Queue;
  let clock: Clock;
  let inspector: LoggedIn;
  let lead: LoggedIn;
  let admin: LoggedIn;

  const alert = async (id: number) =>
    (await db.query('SELECT status, overdue, escalation_level, due_at FROM alerts WHERE id = $1', [id]))[0];
  const fireAt = async (id: number, level: number): Promise<number | null> => {
    const job = await queue.getJob(escalationJobId(id, level));
    return job ? job.timestamp + (job.delay ?? 0) : null;
  };
  const newAlert = async (severity: 'red' | 'orange' | 'yellow' = 'red'): Promise<number> => {
    const id = await insertAlert(db, { project: 'P1', severity });
    await intake(t, [id]);
    return id;
  };
  const act = (who: LoggedIn, id: number, body: Record<string, unknown>) => api(t, 'POST', `/alerts/${id}/actions`, who, body);
  const sweep = () => t.app.get(EscalationSweepService).sweep();

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    db = t.app.get(DataSource);
    queue = t.app.get<Queue>(getQueueToken(QueueName.Escalations));
    clock = t.app.get(Clock);
    await insertUnits(db, [
      { code: 'B1', kind: 'brigade', region: '420113' },
      { code: 'T1', kind: 'team', region: '420113', streets: ['420113001'], parent: 'B1' },
      { code: 'T9', kind: 'team', region: '420113', streets: ['420113009'], parent: 'B1' },
    ]);
    await insertProject(db, { code: 'P1', region: '420113', street: '420113001' });
    inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1' });
    lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1' });
    admin = await loginAs(t, { role: Role.Admin });
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    clock?.reset();
    await t?.close();
  });

  it('registers the sweep as a job scheduler of the escalations queue', async () => {
    const scheduler = await queue.getJobScheduler(ESCALATION_SWEEP_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ name: JobName.EscalationSweep });
  });

  it('escalates an alert whose timer was deleted from Redis, and leaves live timers alone', async () => {
    const lost = await newAlert('red');
    const live = await newAlert('red');
    const lostJob = await queue.getJob(escalationJobId(lost, 1));
    expect(lostJob).toBeTruthy();
    await lostJob!.remove(); // a lost job / Redis restored from an old snapshot

    // Before the deadline the sweep does nothing.
    expect((await sweep()).escalated).toBe(0);
    expect(await alert(lost)).toMatchObject({ overdue: false, escalation_level: 0 });

    clock.travel(3 * DAY + 2 * DAY); // past the 1-working-day acknowledgement deadline, weekend or not
    const result = await sweep();
    expect(result.escalated).toBe(1);
    expect(await alert(lost)).toMatchObject({ status: 'open', overdue: true, escalation_level: 1 });
    const [ev] = await db.query(`SELECT actor_kind, data FROM alert_events WHERE alert_id = $1 AND action = 'escalated'`, [lost]);
    expect(ev).toMatchObject({ actor_kind: 'system', data: { level: 1 } });
    // The lead is told, as with a timer, and the next level has its timer again.
    const notes: Array<{ user_id: string }> = await db.query(`SELECT user_id FROM notifications WHERE alert_id = $1`, [lost]);
    expect(notes.filter((n) => n.user_id === lead.principal.id)).toHaveLength(1);
    expect(await fireAt(lost, 2)).not.toBeNull();
    // The alert with a live timer is the timer's job, not the sweep's.
    expect(await alert(live)).toMatchObject({ escalation_level: 0 });
    expect(await (await queue.getJob(escalationJobId(live, 1)))?.getState()).toBe('delayed');

    // A second sweep escalates nothing twice.
    expect((await sweep()).escalated).toBe(0);
    expect((await alert(lost)).escalation_level).toBe(1);

    // The next level's timer lost too: escalated again only after the repeat interval.
    await (await queue.getJob(escalationJobId(lost, 2)))!.remove();
    expect((await sweep()).escalated).toBe(0);
    clock.travel(8 * DAY);
    expect((await sweep()).escalated).toBeGreaterThanOrEqual(1);
    expect((await alert(lost)).escalation_level).toBe(2);
  });

  it('the scheduled sweep job runs through the worker and counts job outcomes per queue on /metrics', async () => {
    const job = await queue.add(JobName.EscalationSweep, {});
    await until('the sweep job to complete', async () => (await job.getState()) === 'completed' || null);
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(text).toMatch(/bullmq_job_outcomes_total\{queue="escalations",outcome="completed"\} [1-9]/);
  });

  it('re-arms the timer of a reopened alert from its new deadline (the old next-level timer goes)', async () => {
    const id = await newAlert('yellow');
    expect((await act(inspector, id, { action: 'acknowledge' })).status).toBe(200);
    const yellowDue = new Date((await alert(id)).due_at).getTime();
    expect((await act(inspector, id, { action: 'resolve', resolution: 'wages_paid' })).status).toBe(200);
    // The old life's timer, still pending for the 20-working-day deadline.
    await (await queue.getJob(escalationJobId(id, 1)))?.remove();
    await queue.add(JobName.EscalationCheck, { alertId: id, level: 1 }, { jobId: escalationJobId(id, 1), delay: yellowDue - Date.now() });

    const reopened = await act(lead, id, { action: 'reopen', note: '工人再次投诉' });
    expect(reopened.status).toBe(200);
    const newDue = new Date(reopened.body.dueAt).getTime();
    expect(newDue).toBeLessThan(yellowDue);
    expect(Math.abs(((await fireAt(id, 1)) ?? 0) - newDue)).toBeLessThan(60_000);
  });

  it('lists suppressedUntil, overdue, recoveredAmount and workersPaid on every item and in the detail', async () => {
    const muted = await newAlert('orange');
    expect((await act(inspector, muted, { action: 'suppress', until: '2099-12-31', note: '仲裁中' })).status).toBe(200);
    const paid = await newAlert('red');
    const res = await act(inspector, paid, { action: 'resolve', resolution: 'wages_paid', recoveredAmount: '31794000.1', workersPaid: 1830 });
    expect(res.body).toMatchObject({ recoveredAmount: '31794000.10', workersPaid: 1830 });
    await db.query(`UPDATE alerts SET overdue = true WHERE id = $1`, [muted]);

    const list = await api(t, 'GET', '/alerts?pageSize=500', inspector);
    const item = (id: number) => list.body.items.find((i: { id: number }) => i.id === id);
    expect(item(muted)).toMatchObject({ suppressedUntil: '2099-12-31', overdue: true, recoveredAmount: null, workersPaid: null });
    expect(item(paid)).toMatchObject({ suppressedUntil: null, overdue: false, recoveredAmount: '31794000.10', workersPaid: 1830 });
    const overdueOnly = await api(t, 'GET', '/alerts?overdue=true&pageSize=500', inspector);
    expect(overdueOnly.body.items.map((i: { id: number }) => i.id)).toContain(muted);
    const grouped = await api(t, 'GET', '/alerts?groupBy=project', inspector);
    expect(grouped.body.groups[0].alerts[0]).toHaveProperty('suppressedUntil');
  });

  it('refuses to delete a unit that still has active alerts (409 with the count), so they never disappear', async () => {
    const denied = await api(t, 'DELETE', '/inspection-units/T1', admin);
    expect(denied.status).toBe(409);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM alerts WHERE unit_code = 'T1' AND status IN ('open', 'acknowledged', 'in_progress')`);
    expect(denied.body.message).toContain(`${n} active alert(s)`);
    expect((await api(t, 'DELETE', '/inspection-units/B1', admin)).status).toBe(409); // its teams would dangle
    expect((await api(t, 'DELETE', '/inspection-units/T9', admin)).status).toBe(204);
    // An alert of a unit that vanished anyway (e.g. before this check) shows in the unrouted queue.
    const orphan = await insertAlert(db, { project: 'P1', unitCode: 'GONE-UNIT' });
    const unrouted = await api(t, 'GET', '/routing/unrouted?pageSize=200', admin);
    expect(unrouted.body.items.map((i: { id: number }) => i.id)).toContain(orphan);
  });
});
