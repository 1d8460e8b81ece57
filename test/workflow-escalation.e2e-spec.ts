import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { QueueName } from '@wage/queues';
import { AlertIntakeService, Clock, escalationJobId } from '@wage/workflow';
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

describe('escalation of overdue alerts', () => {
  let t: TestApp;
  let db: DataSource;
  let queue: Queue;
  let inspector: LoggedIn;
  let lead: LoggedIn;

  const alert = async (id: number) => (await db.query('SELECT status, overdue, escalation_level, due_at FROM alerts WHERE id = $1', [id]))[0];
  const jobState = async (id: number, level: number): Promise<string | null> => {
    const job = await queue.getJob(escalationJobId(id, level));
    return job ? job.getState() : null;
  };
  const fire = async (id: number, level: number): Promise<void> => {
    const job = await queue.getJob(escalationJobId(id, level));
    if (!job) throw new Error(`no timer for alert ${id} level ${level}`);
    await job.promote();
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    db = t.app.get(DataSource);
    queue = t.app.get<Queue>(getQueueToken(QueueName.Escalations));
    await insertUnits(db, [
      { code: 'B1', kind: 'brigade', region: '420113', webhookUrl: 'http://127.0.0.1:9/hook' },
      { code: 'T1', kind: 'team', region: '420113', streets: ['420113001'], parent: 'B1' },
    ]);
    await insertProject(db, { code: 'P1', region: '420113', street: '420113001' });
    inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1' });
    lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1' });
  });
  afterAll(async () => {
    t?.app.get(Clock).reset();
    await t?.close();
  });

  it('sets one timer per (alert, level), however often it is scheduled', async () => {
    const id = await insertAlert(db, { project: 'P1', severity: 'red' });
    await intake(t, [id]);
    await intake(t, [id]);
    expect(await jobState(id, 1)).toBe('delayed');
    const jobs = await queue.getJobs(['delayed', 'waiting', 'active']);
    expect(jobs.filter((j) => j.id === escalationJobId(id, 1))).toHaveLength(1);
  });

  it('brings the timer forward when an acknowledged alert becomes more severe', async () => {
    const id = await insertAlert(db, { project: 'P1', severity: 'yellow' });
    await intake(t, [id]);
    expect((await api(t, 'POST', `/alerts/${id}/actions`, inspector, { action: 'acknowledge' })).status).toBe(200);
    await fire(id, 1); // early: waits again until the yellow resolve deadline (20 working days)
    await until('the timer to wait for the resolve deadline', async () => (await jobState(id, 1)) === 'delayed');
    const fireAt = async () => {
      const job = await queue.getJob(escalationJobId(id, 1));
      return (job?.timestamp ?? 0) + (job?.delay ?? 0);
    };
    const yellowDue = new Date((await alert(id)).due_at).getTime();
    expect(Math.abs((await fireAt()) - yellowDue)).toBeLessThan(60_000);

    await db.query(`UPDATE alerts SET severity = 'red' WHERE id = $1`, [id]);
    const intakeService = t.app.get(AlertIntakeService);
    await intakeService.armTimers(
      await db.transaction((m) => intakeService.onScanReconciled(m, { raisedOrReopened: [], severityChanged: [id], cleared: [] })),
    );
    const redDue = new Date((await alert(id)).due_at).getTime();
    expect(redDue).toBeLessThan(yellowDue);
    expect(Math.abs((await fireAt()) - redDue)).toBeLessThan(60_000);
  });

  it('escalates an alert past its deadline, notifies the brigade lead, and sets the next level', async () => {
    const overdue = await insertAlert(db, { project: 'P1', severity: 'red' });
    const resolvedInTime = await insertAlert(db, { project: 'P1', severity: 'red' });
    const early = await insertAlert(db, { project: 'P1', severity: 'orange' });
    const muted = await insertAlert(db, { project: 'P1', severity: 'orange' });
    await intake(t, [overdue, resolvedInTime, early, muted]);

    // A timer that fires before the deadline waits again, under the same id.
    await fire(early, 1);
    await until('the early timer to wait again', async () => (await jobState(early, 1)) === 'delayed');
    expect(await alert(early)).toMatchObject({ overdue: false, escalation_level: 0 });

    const ok = await api(t, 'POST', `/alerts/${resolvedInTime}/actions`, inspector, { action: 'resolve', resolution: 'wages_paid' });
    expect(ok.status).toBe(200);
    expect((await api(t, 'POST', `/alerts/${muted}/actions`, inspector, { action: 'suppress', until: '2099-12-31', note: '仲裁中' })).status).toBe(200);

    t.app.get(Clock).travel(30 * DAY); // every deadline has passed
    await fire(overdue, 1);
    await fire(resolvedInTime, 1);
    await fire(muted, 1);

    await until('the escalation', async () => (await alert(overdue)).escalation_level === 1);
    expect(await alert(overdue)).toMatchObject({ status: 'open', overdue: true, escalation_level: 1 });
    const [ev] = await db.query(`SELECT * FROM alert_events WHERE alert_id = $1 AND action = 'escalated'`, [overdue]);
    expect(ev).toMatchObject({ actor_kind: 'system', from_status: 'open', to_status: 'open', data: { level: 1 } });
    const notes = await db.query(`SELECT user_id, title FROM notifications WHERE alert_id = $1`, [overdue]);
    expect(notes).toEqual([expect.objectContaining({ user_id: lead.principal.id })]);
    const [hook] = await db.query(`SELECT receiver_code, event FROM outbox_messages WHERE dedupe_key = $1`, [`alert.overdue:${overdue}:1`]);
    expect(hook).toEqual({ receiver_code: 'B1', event: 'alert.overdue' });
    expect(await jobState(overdue, 2)).toBe('delayed');

    // Resolved in time: the timer fired, re-checked, and did nothing.
    await until('the resolved alert timer to finish', async () => (await jobState(resolvedInTime, 1)) === null);
    expect(await alert(resolvedInTime)).toMatchObject({ status: 'resolved', overdue: false, escalation_level: 0 });
    // Suppressed: waits until the day after the suppression.
    await until('the suppressed timer to wait again', async () => (await jobState(muted, 1)) === 'delayed');
    expect(await alert(muted)).toMatchObject({ overdue: false, escalation_level: 0 });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM alert_events WHERE action = 'escalated' AND alert_id <> $1`, [overdue]);
    expect(n).toBe(0);

    // The next level fires again while the alert stays overdue.
    await fire(overdue, 2);
    await until('the second escalation', async () => (await alert(overdue)).escalation_level === 2);
  });
});
