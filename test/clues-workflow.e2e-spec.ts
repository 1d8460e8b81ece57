import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { shanghaiDate } from '@wage/calendar';
import { ClueEscalationService, clueTimerJobId } from '@wage/clues';
import { QueueName } from '@wage/queues';
import { DEFAULT_THRESHOLDS, RegionProfileService } from '@wage/rules';
import { Clock } from '@wage/workflow';
import { adminHeaders, createApiKey, LoggedIn, loginAs } from './support/auth';
import { importClues, today } from './support/clue-fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { api, insertAlert, insertProject, insertUnits, intake } from './support/workflow-fixtures';

const HOUR = 3600 * 1000;

describe('clue cases: intake, lifecycle, deadlines, escalation, access', () => {
  let t: TestApp;
  let db: DataSource;
  let inspector: LoggedIn;
  let inspector2: LoggedIn;
  let brigadeInspector: LoggedIn;
  let lead: LoggedIn;
  let otherInspector: LoggedIn;
  let auditor: LoggedIn;
  let admin: { headers: Record<string, string> };

  const act = (who: { headers: Record<string, string> }, id: string, body: Record<string, unknown>) => api(t, 'POST', `/clues/${id}/actions`, who, body);
  const get = (who: { headers: Record<string, string> }, id: string) => api(t, 'GET', `/clues/${id}`, who);
  const events = async (id: string): Promise<string[]> =>
    (await db.query('SELECT action FROM clue_events WHERE clue_id = $1 ORDER BY at, id', [id])).map((r: { action: string }) => r.action);

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    db = t.app.get(DataSource);
    await insertUnits(db, [
      { code: 'B1', kind: 'brigade', region: '420113', webhookUrl: 'http://127.0.0.1:9/hook' },
      { code: 'T1', kind: 'team', region: '420113', streets: ['420113001'], parent: 'B1' },
      { code: 'T2', kind: 'team', region: '420113', streets: ['420113002'], parent: 'B1' },
      { code: 'B9', kind: 'brigade', region: '420102' },
    ]);
    await insertProject(db, { code: 'P1', region: '420113', street: '420113001' });
    await insertProject(db, { code: 'P2', region: '420113', street: '420113002' });
    inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1', username: 'zhang_t1' });
    inspector2 = await loginAs(t, { role: Role.Inspector, unitCode: 'T2', username: 'li_t2' });
    brigadeInspector = await loginAs(t, { role: Role.Inspector, unitCode: 'B1', username: 'wang_b1' });
    lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1', username: 'lead_b1' });
    otherInspector = await loginAs(t, { role: Role.Inspector, unitCode: 'B9' });
    auditor = await loginAs(t, { role: Role.Auditor });
    admin = { headers: await adminHeaders(t) };
    await importClues(t, [
      { clue_id: 'XS-001', region_code: '420113', project_code: 'P1', workers_involved: '12', amount_claimed: '86000.00', summary: '拖欠工资三个月' },
      { clue_id: 'XS-002', region_code: '420113', summary: '某装修公司拖欠工资' },
      { clue_id: 'XS-003', region_code: '110101' },
      { clue_id: 'XS-004', region_code: '420113', project_code: 'P1', summary: '同一诉求重复反映' },
      { clue_id: 'XS-HOL', region_code: '420113', project_code: 'P1', received_on: '2026-09-18', source: 'hotline' },
      { clue_id: 'XS-UNK', region_code: '420113', project_code: 'NOPE-9' },
    ]);
  });
  afterAll(async () => {
    t?.app.get(Clock).reset();
    await t?.close();
  });

  it('makes one case per imported clue, routed like the project’s alerts or by region, with the reason logged', async () => {
    const rows = await db.query('SELECT clue_id, status, unit_code, routing_reason FROM clue_cases ORDER BY clue_id');
    expect(rows.map((r: { clue_id: string; unit_code: string | null }) => [r.clue_id, r.unit_code])).toEqual([
      ['XS-001', 'T1'],
      ['XS-002', 'B1'],
      ['XS-003', null],
      ['XS-004', 'T1'],
      ['XS-HOL', 'T1'],
      ['XS-UNK', 'B1'],
    ]);
    const one = await get(inspector, 'XS-001');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      clueId: 'XS-001',
      status: 'received',
      unitCode: 'T1',
      projectCode: 'P1',
      projectName: '项目 P1',
      workersInvolved: 12,
      amountClaimed: '86000.00',
      summary: '拖欠工资三个月',
      routingReason: 'project P1: street team of street 420113001',
      nextStep: 'accept',
      escalationLevel: 0,
      outcome: null,
    });
    expect(one.body.events).toEqual([expect.objectContaining({ action: 'received', actorKind: 'system', toStatus: 'received' })]);
    expect((await get(lead, 'XS-UNK')).body.routingReason).toBe("project NOPE-9 is not in the projects data; by the clue's region: brigade of region 420113");
    // The unrouted queue: admins find it, with the reason.
    const unrouted = await api(t, 'GET', '/clues?unrouted=true', admin);
    expect(unrouted.body.items.map((i: { clueId: string }) => i.clueId)).toEqual(['XS-003']);
    expect((await get(admin, 'XS-003')).body.routingReason).toContain('no inspection unit covers region 110101');
    // The unit heard of its new cases.
    // (One notification per intake batch; the sweep may take part of an import as its own batch.)
    const notes = await db.query(`SELECT body FROM notifications WHERE user_id = $1 AND title LIKE '%新线索%'`, [inspector.principal.id]);
    expect(notes.map((x: { body: string }) => x.body).join(', ').split(', ').sort()).toEqual(['XS-001', 'XS-004', 'XS-HOL']);
  });

  it('counts deadlines on the PRC calendar across a weekend, a make-up workday and the National Day holiday', async () => {
    const c = (await get(inspector, 'XS-HOL')).body;
    // Received Friday 18 Sep 2026: accept by the next working day, the make-up Sunday 20 Sep;
    // reply 15 working days later skipping 25–27 Sep and 1–7 Oct, counting Saturday 10 Oct.
    expect(shanghaiDate(new Date(c.deadlines.accept))).toBe('2026-09-20');
    expect(shanghaiDate(new Date(c.deadlines.reply))).toBe('2026-10-15');
    expect(new Date(c.deadlines.reply).toISOString()).toBe('2026-10-15T15:59:59.999Z');
    expect(c).toMatchObject({ overdue: true, dueSoon: false });
    // A clue received today must be accepted by the end of the next working day: due soon, not overdue.
    const fresh = (await get(inspector, 'XS-001')).body;
    expect(fresh).toMatchObject({ overdue: false, dueSoon: true });
    const list = await api(t, 'GET', '/clues?overdue=true', inspector);
    expect(list.body.items.map((i: { clueId: string }) => i.clueId)).toEqual(['XS-HOL']);
    const soon = await api(t, 'GET', '/clues?dueSoon=true', inspector);
    expect(soon.body.items.map((i: { clueId: string }) => i.clueId).sort()).toEqual(['XS-001', 'XS-004']);

    // A region profile can shorten the reply deadline: 10 working days in 420102.
    await t.app.get(RegionProfileService).upsert('420102', '江岸区', { ...DEFAULT_THRESHOLDS, sla: { ...DEFAULT_THRESHOLDS.sla, clueReplyDays: 10 } }, 'test');
    await importClues(t, [{ clue_id: 'XS-JA', region_code: '420102', received_on: '2026-09-18' }]);
    const ja = (await get(admin, 'XS-JA')).body;
    expect(ja.unitCode).toBe('B9');
    expect(shanghaiDate(new Date(ja.deadlines.reply))).toBe('2026-10-09');
  });

  it('drives a clue through every transition, with return and rework, and answers 409 naming the state', async () => {
    const wrong = await act(inspector, 'XS-001', { action: 'contact', note: '电话联系' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.message).toContain('received');

    const accepted = await act(inspector, 'XS-001', { action: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', nextStep: 'contact', assignee: { username: 'zhang_t1' } });
    const acceptedAt = new Date(accepted.body.acceptedAt).getTime();
    expect(new Date(accepted.body.deadlines.contact).getTime()).toBe(acceptedAt + 24 * HOUR);

    expect((await act(inspector, 'XS-001', { action: 'contact' })).status).toBe(400);
    const contacted = await act(inspector, 'XS-001', { action: 'contact', note: '已电话联系投诉人王某' });
    expect(contacted.body).toMatchObject({ status: 'contacted', nextStep: 'reply' });

    const noAmounts = await act(inspector, 'XS-001', { action: 'reply', outcome: 'wages_paid', note: '已支付' });
    expect(noAmounts.status).toBe(400);
    expect(noAmounts.body.message).toContain('outcome wages_paid needs recoveredAmount (yuan)');
    expect(noAmounts.body.message).toContain('outcome wages_paid needs workersPaid');
    const replied = await act(inspector, 'XS-001', { action: 'reply', outcome: 'wages_paid', note: '已足额支付', recoveredAmount: '12500.50', workersPaid: 5 });
    expect(replied.body).toMatchObject({ status: 'replied', nextStep: 'review', outcome: 'wages_paid', recoveredAmount: '12500.50', workersPaid: 5 });

    expect((await act(inspector, 'XS-001', { action: 'approve' })).status).toBe(403);
    expect((await act(lead, 'XS-001', { action: 'return' })).status).toBe(400);
    const returned = await act(lead, 'XS-001', { action: 'return', note: '请补充支付凭证' });
    expect(returned.body).toMatchObject({ status: 'contacted', outcome: null, recoveredAmount: null, firstReview: 'returned', returnCount: 1, nextStep: 'reply' });

    const reworked = await act(inspector, 'XS-001', { action: 'reply', outcome: 'partially_paid', note: '已支付部分', recoveredAmount: '8000', workersPaid: 3 });
    expect(reworked.body).toMatchObject({ status: 'replied', recoveredAmount: '8000.00', workersPaid: 3 });
    const closed = await act(lead, 'XS-001', { action: 'approve' });
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'partially_paid', nextDeadline: null, dueSoon: false, overdue: false, firstReview: 'returned' });
    expect(await db.query('SELECT recovered_fen, workers_paid FROM clue_cases WHERE clue_id = $1', ['XS-001'])).toEqual([{ recovered_fen: 800000, workers_paid: 3 }]);

    const again = await act(inspector, 'XS-001', { action: 'accept' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('closed');
    expect((await act(inspector, 'XS-001', { action: 'comment', note: '已回访' })).status).toBe(200);
    expect(await events('XS-001')).toEqual(['received', 'accept', 'contact', 'reply', 'return', 'reply', 'approve', 'comment']);
  });

  it('keeps the events append-only and a re-import changing the clue’s fields but never its state', async () => {
    await expect(db.query(`UPDATE clue_events SET note = 'x' WHERE clue_id = 'XS-001'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM clue_events WHERE clue_id = 'XS-001'`)).rejects.toThrow(/append-only/);
    await importClues(t, [{ clue_id: 'XS-001', region_code: '420113', project_code: 'P1', workers_involved: '14', summary: '补充：涉及14人' }]);
    const c = (await get(lead, 'XS-001')).body;
    expect(c).toMatchObject({ status: 'closed', workersInvolved: 14, summary: '补充：涉及14人', outcome: 'partially_paid' });
    expect(c.events).toHaveLength(8);
  });

  it('merges a duplicate, extends once, and assigns only to someone who can see the case', async () => {
    expect((await act(inspector, 'XS-004', { action: 'merge', duplicateOf: 'XS-001' })).status).toBe(403);
    const merged = await act(lead, 'XS-004', { action: 'merge', duplicateOf: 'XS-001', note: '与XS-001为同一诉求' });
    expect(merged.body).toMatchObject({ status: 'closed', outcome: 'duplicate', duplicateOf: 'XS-001' });
    expect((await get(lead, 'XS-001')).body.duplicates).toEqual(['XS-004']);
    expect(await events('XS-001')).toContain('merged_in');

    const before = (await get(lead, 'XS-002')).body;
    const extended = await act(lead, 'XS-002', { action: 'extend', note: '涉及多方，需延期核查' });
    expect(extended.status).toBe(200);
    const days = (await db.query(`SELECT count(*)::int AS n FROM generate_series($1::date + 1, $2::date, '1 day') d`, [
      shanghaiDate(new Date(before.deadlines.reply)),
      shanghaiDate(new Date(extended.body.deadlines.reply)),
    ]))[0].n;
    expect(days).toBeGreaterThanOrEqual(21); // 15 working days are at least three calendar weeks
    expect(extended.body).toMatchObject({ extended: true, extensionReason: '涉及多方，需延期核查' });
    const twice = await act(lead, 'XS-002', { action: 'extend', note: '再次延期' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('only once');

    const outsider = await act(lead, 'XS-002', { action: 'assign', assignee: 'zhang_t1' });
    expect(outsider.status).toBe(400);
    const assigned = await act(lead, 'XS-002', { action: 'assign', assignee: 'wang_b1' });
    expect(assigned.body.assignee).toMatchObject({ username: 'wang_b1' });
    expect((await api(t, 'GET', '/clues?assignee=me', brigadeInspector)).body.items.map((i: { clueId: string }) => i.clueId)).toEqual(['XS-002']);
  });

  it('claims the oldest deadline first, and concurrent claims never collide', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({ clue_id: `CL-${i}`, region_code: '420113', project_code: 'P2', received_on: today(t) }));
    rows[5].received_on = shanghaiDate(new Date(t.app.get(Clock).now().getTime() - 20 * 24 * HOUR));
    await importClues(t, rows);
    // CL-5 is overdue, so its timer escalates it at once; claim-next skips a row locked by an
    // escalation in progress (SKIP LOCKED), so wait until that is done.
    const end = Date.now() + 15_000;
    while ((await db.query(`SELECT escalation_level FROM clue_cases WHERE clue_id = 'CL-5'`))[0].escalation_level < 1) {
      if (Date.now() > end) throw new Error('CL-5 was not escalated');
      await new Promise((r) => setTimeout(r, 100));
    }
    const first = await api(t, 'POST', '/clues/claim-next', inspector2);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ clueId: 'CL-5', assignee: { username: 'li_t2' } });
    const mate = await loginAs(t, { role: Role.Inspector, unitCode: 'T2' });
    const claims = await Promise.all(Array.from({ length: 9 }, (_, i) => api(t, 'POST', '/clues/claim-next', i % 2 ? inspector2 : mate)));
    const got = claims.filter((c) => c.status === 200).map((c) => c.body.clueId as string);
    expect(got).toHaveLength(7);
    expect(new Set(got).size).toBe(7);
    expect(claims.filter((c) => c.status === 204)).toHaveLength(2);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM clue_events WHERE clue_id LIKE 'CL-%' AND action = 'assign'`);
    expect(n).toBe(8);
  });

  it('shows out-of-scope users nothing', async () => {
    const list = await api(t, 'GET', '/clues', otherInspector);
    // B9 sees its own clue only (region 420102), nothing of B1 and its teams.
    expect(list.body).toMatchObject({ items: [expect.objectContaining({ clueId: 'XS-JA', unitCode: 'B9' })], total: 1 });
    expect((await get(otherInspector, 'XS-001')).status).toBe(404);
    expect((await act(otherInspector, 'XS-002', { action: 'comment', note: '?' })).status).toBe(404);
    expect((await api(t, 'GET', '/clues', inspector2)).body.items.every((i: { unitCode: string }) => i.unitCode === 'T2')).toBe(true);
    expect((await get(inspector2, 'XS-001')).status).toBe(404);
    const leadTotal = (await api(t, 'GET', '/clues?pageSize=500', lead)).body.total;
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM clue_cases WHERE unit_code IN ('B1', 'T1', 'T2')`);
    expect(leadTotal).toBe(n);
    const officer = await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'HB1' });
    expect((await api(t, 'GET', '/clues', officer)).status).toBe(403);
    expect((await get(officer, 'XS-001')).status).toBe(403);
    const key = await createApiKey(t);
    expect((await api(t, 'GET', '/clues', key)).status).toBe(403);
    expect((await get(auditor, 'XS-003')).status).toBe(200);
    expect((await act(auditor, 'XS-002', { action: 'comment', note: '审计' })).status).toBe(403);
  });

  it('lists the project’s clues on its page and on its alerts, within scope', async () => {
    const alertId = await insertAlert(db, { project: 'P1', rule: 'COMPLAINT_CLUSTER', severity: 'red' });
    await intake(t, [alertId]);
    const alert = await api(t, 'GET', `/alerts/${alertId}`, inspector);
    expect(alert.body.relatedClues.map((c: { clueId: string }) => c.clueId)).toEqual(['XS-001', 'XS-004', 'XS-HOL']);
    expect(alert.body.relatedClues[0]).toMatchObject({ clueId: 'XS-001', status: 'closed', outcome: 'partially_paid' });
    const project = await api(t, 'GET', '/projects/P1', lead);
    expect(project.body.relatedClues.map((c: { clueId: string }) => c.clueId)).toEqual(['XS-001', 'XS-004', 'XS-HOL']);
    // The alert's list is JSON built in its detail statement, the project's rows: the same values, deadlines written alike.
    expect(alert.body.relatedClues).toEqual(project.body.relatedClues);
    expect(alert.body.relatedClues.some((c: { nextDeadline: string | null }) => c.nextDeadline !== null)).toBe(true);
    const other = await api(t, 'GET', '/projects/P1', otherInspector);
    expect(other.body.relatedClues ?? []).toEqual([]);
    // Working one never closes the other.
    expect((await api(t, 'GET', `/alerts/${alertId}`, inspector)).body.status).toBe('open');
  });

  it('reroutes open cases only on the admin’s explicit, logged action', async () => {
    const busy = await api(t, 'DELETE', '/inspection-units/B1', admin);
    expect(busy.status).toBe(409);
    // No active alerts here: the 409 names only what blocks the deletion (the open clue cases, the teams).
    expect(busy.body.message).toMatch(/still has \d+ open clue case\(s\)/);
    expect(busy.body.message).not.toContain('active alert');
    await insertUnits(db, [{ code: 'BJ', kind: 'brigade', region: '110101' }]);
    expect((await get(admin, 'XS-003')).body.unitCode).toBeNull();
    const res = await api(t, 'POST', '/clues/reroute', admin);
    expect(res.body).toMatchObject({ changed: 1, unrouted: 0 });
    const c = (await get(admin, 'XS-003')).body;
    expect(c.unitCode).toBe('BJ');
    expect(c.events.at(-1)).toMatchObject({ action: 'rerouted', data: { fromUnitCode: null, toUnitCode: 'BJ' } });
  });

  it('escalates a missed contact deadline once, notifying the brigade lead', async () => {
    await importClues(t, [{ clue_id: 'XS-LATE', region_code: '420113', project_code: 'P1' }]);
    expect((await act(inspector, 'XS-LATE', { action: 'accept' })).status).toBe(200);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Escalations));
    t.app.get(Clock).travel(25 * HOUR); // the 24-hour contact clock has run out
    const job = await queue.getJob(clueTimerJobId('XS-LATE', 1));
    expect(job).toBeDefined();
    await job?.promote();
    const escalation = t.app.get(ClueEscalationService);
    const end = Date.now() + 15_000;
    while ((await db.query(`SELECT escalation_level FROM clue_cases WHERE clue_id = 'XS-LATE'`))[0].escalation_level < 1) {
      if (Date.now() > end) throw new Error('timed out waiting for the escalation');
      await new Promise((r) => setTimeout(r, 100));
    }
    await escalation.sweep(); // the sweep finds nothing more to do for this deadline
    await escalation.check('XS-LATE', 1);
    const c = (await get(lead, 'XS-LATE')).body;
    expect(c).toMatchObject({ status: 'accepted', overdue: true, escalationLevel: 1, nextStep: 'contact' });
    expect(c.events.filter((e: { action: string }) => e.action === 'escalated')).toEqual([
      expect.objectContaining({ actorKind: 'system', data: expect.objectContaining({ level: 1, step: 'contact' }) }),
    ]);
    const notes = await db.query(`SELECT user_id FROM notifications WHERE title LIKE '%XS-LATE%'`);
    expect(notes).toEqual([{ user_id: lead.principal.id }]);
    const [hook] = await db.query(`SELECT receiver_code, event FROM outbox_messages WHERE dedupe_key = 'clue.overdue:XS-LATE:1'`);
    expect(hook).toEqual({ receiver_code: 'B1', event: 'clue.overdue' });
    // Contacting late moves the case on to its reply deadline, which has not passed.
    const contacted = await act(inspector, 'XS-LATE', { action: 'contact', note: '超时后联系上投诉人' });
    expect(contacted.body).toMatchObject({ status: 'contacted', overdue: false, escalationLevel: 1 });
  });
});
