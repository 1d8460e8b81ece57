import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { adminHeaders, loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { noticeFixtures } from './support/notice-fixtures';
import { pdfText } from './support/pdf-text';

/**
 * Joint notices end to end, one app and one scenario in order (each step builds on the
 * last): selection, grouping and numbering, access, acknowledge and reply, re-listing,
 * deadlines, documents. March 2026 has no public holidays: 2026-03-13 is a Friday.
 */
describe('joint notices', () => {
  let t: TestApp;
  let db: DataSource;
  let fx: ReturnType<typeof noticeFixtures>;
  let admin: Record<string, string>;
  let zj1: Record<string, string>;

  const post = async (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${t.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = (path: string, headers: Record<string, string>) => fetch(`${t.baseUrl}/api/v1${path}`, { headers });
  const generate = async (asOf: string): Promise<number> => {
    const res = await post('/notices/generate', { asOf }, admin);
    expect(res.status).toBe(202);
    return ((await res.json()) as { created: number }).created;
  };
  const noticesOf = (bureau: string) =>
    db.query<Array<{ id: number; number: string; issuedOn: string; status: string; alertIds: number[] }>>(
      `SELECT n.id::int AS id, n.number, to_char(n.issued_on, 'YYYY-MM-DD') AS "issuedOn", n.status,
              array_agg(i.alert_id::int ORDER BY i.alert_id) AS "alertIds"
       FROM notices n JOIN notice_items i ON i.notice_id = n.id WHERE n.bureau_code = $1
       GROUP BY n.id ORDER BY n.id`,
      [bureau],
    );

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    db = t.app.get(DataSource);
    fx = noticeFixtures(db);
    await fx.seed();
    admin = await adminHeaders(t);
    zj1 = (await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'ZJ-420101' })).headers;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('selects joint and long-open red alerts and routes them to the matching bureau', async () => {
    expect(await generate('2026-03-13')).toBe(3);
    const a = fx.alerts;
    // joint rule, red open > 5 working days, municipal project falling back to housing
    expect((await noticesOf('ZJ-420101')).map((n) => n.alertIds)).toEqual([[a.deposit, a.redOld, a.municipal].sort((x, y) => x - y)]);
    expect((await noticesOf('SW-420101'))[0].alertIds).toEqual([a.water]);
    // a municipal bureau exists in 420102: no fallback to its housing bureau
    expect((await noticesOf('SZ-420102'))[0].alertIds).toEqual([a.municipalOwnBureau]);
    expect(await noticesOf('ZJ-420102')).toEqual([]);
    // not selected: red open exactly 5 working days, yellow non-joint, resolved, no bureau in region
    const listed = await db.query<Array<{ id: number }>>('SELECT alert_id::int AS id FROM notice_items');
    const ids = listed.map((r) => r.id);
    for (const id of [a.redFive, a.yellow, a.resolvedJoint, a.noBureau]) expect(ids).not.toContain(id);
    for (const n of [...(await noticesOf('ZJ-420101')), ...(await noticesOf('SW-420101'))]) expect(n.number).toBe('〔2026〕第1号');
  });

  it('records the notice on each alert, with outbox and in-app messages', async () => {
    const events = await db.query<Array<{ action: string; data: { number: string } }>>(
      'SELECT action, data FROM alert_events WHERE alert_id = $1',
      [fx.alerts.deposit],
    );
    expect(events).toEqual([expect.objectContaining({ action: 'noticed', data: expect.objectContaining({ number: '〔2026〕第1号' }) })]);
    const outbox = await fx.outboxFor('ZJ-420101', 'joint_notice.created');
    expect(outbox).toHaveLength(1);
    expect(JSON.stringify(outbox[0])).not.toContain('420101199001011234');
    expect(await fx.inAppCount({ bureauCode: 'ZJ-420101' })).toBeGreaterThanOrEqual(1);
  });

  it('adds no second notice when run again the same day', async () => {
    expect(await generate('2026-03-13')).toBe(0);
    expect(await noticesOf('ZJ-420101')).toHaveLength(1);
  });

  it('numbers the next day per bureau and never repeats an alert still unanswered', async () => {
    const added = await fx.alert({ project: 'P-HOUSING', rule: 'ACCOUNT_MISSING', severity: 'red', joint: true, firstSeen: '2026-03-16' });
    expect(await generate('2026-03-16')).toBe(1);
    const [, second] = await noticesOf('ZJ-420101');
    expect(second.number).toBe('〔2026〕第2号');
    // the red alert first seen 03-06 now has 6 working days; day-one alerts are still unanswered
    expect(second.alertIds).toEqual([fx.alerts.redFive, added].sort((x, y) => x - y));
  });

  it('shows a bureau only its own notices, with personal data masked', async () => {
    const other = (await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'ZJ-420102' })).headers;
    const [first] = await noticesOf('ZJ-420101');
    expect((await get(`/notices/${first.id}`, other)).status).toBe(404);
    expect((await post(`/notices/${first.id}/acknowledge`, {}, other)).status).toBe(404);
    const list = (await (await get('/notices', zj1)).json()) as { items: Array<{ bureauCode: string }>; total: number };
    expect(list.total).toBe(2);
    expect(list.items.every((n) => n.bureauCode === 'ZJ-420101')).toBe(true);
    const res = await get(`/notices/${first.id}`, zj1);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain('420101199001011234');
    expect(body).toContain('420101********1234');
    const view = JSON.parse(body) as { projects: Array<{ projectCode: string; alerts: unknown[] }> };
    expect(view.projects.map((p) => p.projectCode)).toEqual(['P-HOUSING', 'P-MUNICIPAL']);
  });

  it('lets the labour side see what is unanswered', async () => {
    const lead = (await loginAs(t, { role: Role.BrigadeLead, unitCode: 'BRIGADE-1' })).headers;
    const res = await get('/notices?unanswered=true', lead);
    const list = (await res.json()) as { items: Array<{ bureauCode: string; status: string }> };
    expect(list.items.map((n) => n.bureauCode)).toEqual(['SW-420101']);
    const all = (await (await get('/notices?status=sent', admin)).json()) as { total: number };
    expect(all.total).toBe(4);
    expect((await get('/notices?status=bogus', admin)).status).toBe(400);
  });

  it('records acknowledgement and reply on the notice and on its alerts', async () => {
    const [first] = await noticesOf('ZJ-420101');
    const ack = await post(`/notices/${first.id}/acknowledge`, {}, zj1);
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { status: string }).status).toBe('acknowledged');

    const bad = await post(`/notices/${first.id}/reply`, { text: '已处理', outcomes: [{ projectCode: 'P-WATER', outcome: 'x' }] }, zj1);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('P-WATER');
    expect((await post(`/notices/${first.id}/reply`, { outcomes: [] }, zj1)).status).toBe(400);

    const text = '已约谈建设单位和总包单位，责令限期整改。';
    const reply = await post(
      `/notices/${first.id}/reply`,
      { text, outcomes: [{ projectCode: 'P-HOUSING', outcome: '专用账户已开立' }] },
      zj1,
    );
    expect(reply.status).toBe(200);
    const view = (await reply.json()) as { status: string; replyText: string; projects: Array<{ projectCode: string; outcome: string | null }> };
    expect(view).toMatchObject({ status: 'replied', replyText: text });
    expect(view.projects.find((p) => p.projectCode === 'P-HOUSING')?.outcome).toBe('专用账户已开立');
    expect((await post(`/notices/${first.id}/reply`, { text }, zj1)).status).toBe(409);

    const events = await db.query<Array<{ action: string; note: string; data: { outcome: string | null } }>>(
      'SELECT action, note, data FROM alert_events WHERE alert_id = $1 ORDER BY id',
      [fx.alerts.deposit],
    );
    expect(events.map((e) => e.action)).toEqual(['noticed', 'bureau_acknowledged', 'bureau_reply']);
    expect(events[2]).toMatchObject({ note: text, data: { outcome: '专用账户已开立' } });

    // the labour side reads the answer on the alert itself
    const alert = (await (await get(`/alerts/${fx.alerts.deposit}`, admin)).json()) as {
      events: Array<{ action: string }>;
      notices: Array<{ number: string; status: string; replyText: string; outcome: string }>;
    };
    expect(alert.notices).toEqual([expect.objectContaining({ number: '〔2026〕第1号', status: 'replied', replyText: text, outcome: '专用账户已开立' })]);
    expect(alert.events.map((e) => e.action)).toContain('bureau_reply');
    // Every field as the API writes a row of its own (timestamps as Date.toJSON does).
    const rows = await db.query(
      `SELECT n.id::int AS id, n.number, n.bureau_code AS "bureauCode", to_char(n.issued_on, 'YYYY-MM-DD') AS "issuedOn", n.status,
              n.reply_due_at AS "replyDueAt", n.acknowledged_at AS "acknowledgedAt", n.replied_at AS "repliedAt", n.reply_text AS "replyText", ni.outcome
         FROM notice_items ni JOIN notices n ON n.id = ni.notice_id WHERE ni.alert_id = $1 ORDER BY n.id`,
      [fx.alerts.deposit],
    );
    expect(alert.notices).toEqual(JSON.parse(JSON.stringify(rows)));
  });

  it('lists an alert again after the reply when it is still active', async () => {
    expect(await generate('2026-03-17')).toBe(1);
    const third = (await noticesOf('ZJ-420101'))[2];
    expect(third.number).toBe('〔2026〕第3号');
    const a = fx.alerts;
    expect(third.alertIds).toEqual([a.deposit, a.redOld, a.municipal].sort((x, y) => x - y));
  });

  it('marks unanswered notices overdue and reminds once', async () => {
    const before = await fx.outboxFor('SW-420101', 'joint_notice.reminder');
    expect(before).toHaveLength(0);
    await fx.runDeadlineCheck(t);
    await fx.runDeadlineCheck(t);
    const [sw] = await noticesOf('SW-420101');
    expect(sw.status).toBe('overdue');
    expect(await fx.outboxFor('SW-420101', 'joint_notice.reminder')).toHaveLength(1);
    // the water alert sits with team TEAM-1 of BRIGADE-1: its brigade lead hears of it
    expect(await fx.inAppCount({ unitCode: 'BRIGADE-1', noticeId: sw.id })).toBe(1);
    const [replied] = await noticesOf('ZJ-420101');
    expect(replied.status).toBe('replied');
  });

  it('restarts numbering each year', async () => {
    await fx.alert({ project: 'P-WATER', rule: 'WATCHLISTED_PARTY', severity: 'orange', joint: true, firstSeen: '2027-01-04' });
    expect(await generate('2027-01-05')).toBe(1);
    const sw = await noticesOf('SW-420101');
    expect(sw.map((n) => n.number)).toEqual(['〔2026〕第1号', '〔2027〕第1号']);
  });

  it('prints the notice as escaped Chinese HTML', async () => {
    const [first] = await noticesOf('ZJ-420101');
    const res = await get(`/notices/${first.id}/document`, zj1);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    for (const s of ['联合督办通知', '〔2026〕第1号', '某区住房和城乡建设局', '劳动保障监察机构', 'P-HOUSING', 'P-MUNICIPAL', '督促施工总承包单位按规定足额存储工资保证金']) {
      expect(html).toContain(s);
    }
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('prints the notice as a PDF whose text carries the project codes', async () => {
    const [first] = await noticesOf('ZJ-420101');
    const res = await get(`/notices/${first.id}/document?format=pdf`, zj1);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('P-HOUSING');
    expect(text).toContain('P-MUNICIPAL');
    expect(text).toContain('联合督办通知');
    expect(text).toContain('〔2026〕第1号');
  }, 60_000);

  it.each([
    ['a bureau officer', () => zj1, {}, 403],
    ['an admin with a bad date', () => admin, { asOf: '2026-13-01' }, 400],
  ])('refuses generation to %s', async (_who, caller, body, status) => {
    expect((await post('/notices/generate', body, caller())).status).toBe(status);
  });
});
