import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { loginAs } from './support/auth';
import { fakeRuleEngine, insertProjects, runScan } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';

interface Item {
  id: number;
  projectCode: string;
  projectName: string;
  rule: string;
  severity: string;
  status: string;
  period: string | null;
}

describe('alerts and projects read API', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let adminHeaders: Record<string, string>;
  const get = async (path: string, h = headers): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${t.baseUrl}/api/v1${path}`, { headers: h });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /** Every field of each list item is the detail view's (GET /alerts/{id}) for the same alert. */
  const expectEachItemIsItsDetail = async (items: Array<Record<string, unknown>>): Promise<void> => {
    for (const item of items) {
      const detail = (await get(`/alerts/${String(item.id)}`)).body;
      expect(item).toEqual(Object.fromEntries(Object.keys(item).map((k) => [k, detail[k]])));
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    headers = (await loginAs(t, { role: Role.Auditor })).headers;
    const engine = fakeRuleEngine(t);
    await insertProjects(t, [
      { code: 'A1', region: '420113', name: '甲工程' },
      { code: 'A2', region: '420102' },
      { code: 'A3', region: '440106' },
    ]);
    engine.findings.push(
      { projectCode: 'A1', rule: 'PAY_RATIO_LOW', period: '2026-10-01', severity: 'orange', shortfallFen: 500_000 },
      { projectCode: 'A1', rule: 'NOTICE_BOARD_MISSING', period: null, severity: 'yellow' },
      { projectCode: 'A2', rule: 'PAYROLL_MISSING', period: '2026-10-01', severity: 'red' },
      { projectCode: 'A3', rule: 'PAY_RATIO_LOW', period: '2026-10-01', severity: 'orange', shortfallFen: 900_000 },
      { projectCode: 'A3', rule: 'DEPOSIT_MISSING', period: null, severity: 'orange' },
    );
    adminHeaders = (await loginAs(t, { role: Role.Admin })).headers;
    await runScan(t, adminHeaders, '2026-11-03');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it('lists alerts in queue order: severity, project risk score, shortfall, age', async () => {
    const { status, body } = await get('/alerts');
    expect(status).toBe(200);
    const items = body.items as Item[];
    expect(body.total).toBe(5);
    expect(items.map((i) => `${i.projectCode}:${i.rule}`)).toEqual([
      'A2:PAYROLL_MISSING',
      'A3:PAY_RATIO_LOW', // A3 scores 40, A1 25
      'A3:DEPOSIT_MISSING',
      'A1:PAY_RATIO_LOW',
      'A1:NOTICE_BOARD_MISSING',
    ]);
    expect(Object.keys(items[0]).sort()).toEqual(
      ['id', 'projectCode', 'projectName', 'rule', 'severity', 'status', 'period', 'evidence', 'thresholds', 'unitCode', 'assignee',
        'firstSeenAt', 'lastSeenAt', 'dueAt', 'escalationLevel', 'clearedAt', 'resolution',
        // The console's badges and the bureau reports (issue 14) read these from the list.
        'suppressedUntil', 'overdue', 'recoveredAmount', 'workersPaid', 'conditionStillPresent'].sort(),
    );
    expect(items[0]).toMatchObject({ suppressedUntil: null, overdue: false, recoveredAmount: null, workersPaid: null, conditionStillPresent: null });
    expect(items[3]).toMatchObject({ projectName: '甲工程', period: '2026-10', status: 'open' });
    expect(items[4].period).toBeNull();
  });

  it('answers the list as UTF-8 JSON with its length in bytes, names in Chinese intact (the page travels as bytes)', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/alerts?projectCode=A1`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const text = bytes.toString('utf8');
    // '甲工程' is 9 bytes and 3 characters: a length in characters would cut the body short.
    expect(bytes.length).toBeGreaterThan(text.length);
    const body = JSON.parse(text) as { items: Item[]; total: number; page: number; pageSize: number; nextCursor: string | null };
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 50, nextCursor: null });
    expect(body.items.map((i) => i.projectName)).toEqual(['甲工程', '甲工程']);
    // An empty page: no items, the same envelope.
    const none = await get('/alerts?projectCode=NO-SUCH');
    expect(none).toEqual({ status: 200, body: { items: [], total: 0, page: 1, pageSize: 50, nextCursor: null } });
  });

  it('filters by status, rule, severity, project, region prefix, period and overdue', async () => {
    const total = async (q: string): Promise<unknown> => (await get(`/alerts?${q}`)).body.total;
    expect(await total('status=open,acknowledged')).toBe(5);
    expect(await total('status=cleared')).toBe(0);
    expect(await total('rule=PAY_RATIO_LOW')).toBe(2);
    expect(await total('severity=orange')).toBe(3);
    expect(await total('severity=red,yellow')).toBe(2);
    expect(await total('projectCode=A1')).toBe(2);
    expect(await total('regionCode=4201')).toBe(3);
    expect(await total('period=2026-10')).toBe(3);
    expect(await total('period=2026-09')).toBe(0);
    expect(await total('overdue=true')).toBe(0);
  });

  it('pages and validates page sizes', async () => {
    const page2 = await get('/alerts?page=2&pageSize=2');
    expect(page2.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect((page2.body.items as Item[]).map((i) => i.projectCode)).toEqual(['A3', 'A1']);
    const tooBig = await get('/alerts?pageSize=501');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.message).toMatch(/pageSize must be between 1 and 500/);
    const bad = await get('/alerts?status=gone&period=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/status must be a comma list/);
    expect(bad.body.message).toMatch(/period must be a month/);
  });

  it('pages by nextCursor through the same alerts as page by page, and refuses a bad cursor', async () => {
    const byPage: string[] = [];
    for (let page = 1; page <= 3; page++) byPage.push(...((await get(`/alerts?page=${page}&pageSize=2`)).body.items as Item[]).map((i) => `${i.projectCode}:${i.rule}`));
    const byCursor: string[] = [];
    let cursor: string | null = null;
    const cursors: Array<string | null> = [];
    do {
      const body: Record<string, unknown> = (await get(`/alerts?pageSize=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(body.total).toBe(5);
      byCursor.push(...(body.items as Item[]).map((i) => `${i.projectCode}:${i.rule}`));
      cursor = body.nextCursor as string | null;
      cursors.push(cursor);
    } while (cursor && cursors.length < 10);
    expect(byCursor).toEqual(byPage);
    expect(byCursor).toHaveLength(5);
    // Two full pages with a cursor each, then the short last page without one.
    expect(cursors.map((c) => typeof c)).toEqual(['string', 'string', 'object']);
    // Filters still apply after a cursor: PAY_RATIO_LOW, orange, A3 before A1.
    const first = (await get('/alerts?rule=PAY_RATIO_LOW&pageSize=1')).body;
    const second = (await get(`/alerts?rule=PAY_RATIO_LOW&pageSize=1&cursor=${String(first.nextCursor)}`)).body;
    expect([...(first.items as Item[]), ...(second.items as Item[])].map((i) => i.projectCode)).toEqual(['A3', 'A1']);
    const bad = await get('/alerts?cursor=bm90IGpzb24');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/cursor must be the nextCursor/);
    expect((await get('/alerts?cursor=a%20b')).status).toBe(400);
    expect((await get(`/alerts?groupBy=project&cursor=${String(first.nextCursor)}`)).status).toBe(400);
  });

  it('groups by project', async () => {
    const { body } = await get('/alerts?groupBy=project');
    const groups = body.groups as Array<{ projectCode: string; count: number; riskScore: number; alerts: Item[] }>;
    expect(body.total).toBe(3);
    expect(groups.map((g) => [g.projectCode, g.count, g.riskScore])).toEqual([
      ['A2', 1, 40],
      ['A3', 2, 40],
      ['A1', 2, 25],
    ]);
    expect(groups[1].alerts.map((a) => a.rule)).toEqual(['PAY_RATIO_LOW', 'DEPOSIT_MISSING']);
  });

  it('shows one alert with its history, and 404 for an unknown one', async () => {
    const [{ id }] = await t.app.get(DataSource).query(`SELECT id FROM alerts WHERE fingerprint = 'A1|PAY_RATIO_LOW|2026-10'`);
    const { status, body } = await get(`/alerts/${id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id, projectCode: 'A1', rule: 'PAY_RATIO_LOW', shortfallFen: 500_000, occurrenceCount: 1 });
    expect((body.events as Array<{ action: string }>)[0]).toMatchObject({ action: 'raised', actorKind: 'scan' });
    // The history is JSON that PostgreSQL builds in the detail's one statement: every field
    // as the API writes the rows themselves (a timestamp as Date.toJSON does, ids as numbers).
    const rows = await t.app.get(DataSource).query(
      `SELECT id, at, actor_kind AS "actorKind", actor_id AS "actorId", actor_name AS "actorName", action,
              from_status AS "fromStatus", to_status AS "toStatus", note, data FROM alert_events WHERE alert_id = $1 ORDER BY at, id`,
      [id],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(body.events).toEqual(JSON.parse(JSON.stringify(rows)));
    expect(body).toMatchObject({ notices: [], relatedClues: [] });
    expect((await get('/alerts/999999')).status).toBe(404);
  });

  it('shows a bureau officer nothing outside their notices', async () => {
    const bureau = await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'HOUSING-4201' });
    const { status, body } = await get('/alerts', bureau.headers);
    expect(status).toBe(200);
    expect(body.total).toBe(0);
  });

  it('lists projects by risk and shows one project with its money summary', async () => {
    const list = await get('/projects?regionCode=4201');
    expect(list.status).toBe(200);
    expect((list.body.items as Array<Record<string, unknown>>).map((p) => [p.projectCode, p.riskLevel, p.riskScore, p.shortfall])).toEqual([
      ['A2', 'red', 40, '0.00'],
      ['A1', 'orange', 25, '5000.00'],
    ]);
    expect((await get('/projects?riskLevel=red')).body.total).toBe(1);
    expect((await get('/projects?riskLevel=purple')).status).toBe(400);

    const ds = t.app.get(DataSource);
    await ds.query(
      `INSERT INTO payroll (project_code, id_hash, period, id_enc, id_masked, payable_fen, paid_fen, paid_on)
       VALUES ('A1', '\\x01', '2026-10-01', '\\x01', '420***********0011', 650000, 300000, '2026-11-01'),
              ('A1', '\\x02', '2026-10-01', '\\x02', '420***********0022', 600050, 0, NULL)`,
    );
    await ds.query(
      `INSERT INTO attendance (project_code, id_hash, period, id_enc, id_masked, days_worked)
       VALUES ('A1', '\\x01', '2026-10-01', '\\x01', '420***********0011', 22), ('A1', '\\x02', '2026-10-01', '\\x02', '420***********0022', 0)`,
    );
    const one = await get('/projects/A1');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      project: { projectCode: 'A1', name: '甲工程', contractAmount: '5000000.00' },
      risk: { riskLevel: 'orange', riskScore: 25, shortfall: '5000.00', openAlerts: 2 },
    });
    const monthly = one.body.monthly as Array<Record<string, unknown>>;
    expect(monthly).toHaveLength(12);
    expect(monthly[11]).toEqual({ period: '2026-10', payable: '12500.50', paid: '3000.00', attendanceHeadcount: 1, paidHeadcount: 1, bankTransferred: null });
    expect((one.body.openAlerts as unknown[]).length).toBe(2);
    expect((await get('/projects/NOPE')).status).toBe(404);
  });

  // The list writes its items in SQL (ALERT_ITEM_JSON_SQL), the detail view in TypeScript
  // (toAlertItem): every field of a list item must be the detail's, the rarely set ones too.
  it('lists each alert with the same fields and values as its detail view', async () => {
    const ds = t.app.get(DataSource);
    const assignee = await loginAs(t, { role: Role.Inspector, unitCode: 'U1' });
    await ds.query(
      `UPDATE alerts SET status = 'resolved', resolution = 'wages_paid', recovered_fen = 3179400050, workers_paid = 1830, condition_present = true,
              assignee_user_id = $1, due_at = '2026-11-04T01:02:03.456789Z', cleared_at = '2026-11-05T23:59:59.999999+08:00',
              suppressed_until = '2026-12-01', escalation_level = 2, overdue = true
        WHERE fingerprint = 'A1|NOTICE_BOARD_MISSING'`,
      [assignee.principal.id],
    );
    await ds.query(`UPDATE alerts SET recovered_fen = -5 WHERE fingerprint = 'A2|PAYROLL_MISSING|2026-10'`);
    // The list copies each alert's stored item (migration AlertListItem): a change of the
    // alert by any writer, of its project's name or of its assignee's username reaches the
    // item, and the item cannot be written apart from them.
    await ds.query(
      `UPDATE alerts SET evidence = evidence || '{"note": "改过 \\"quoted\\"", "n": 1.50}', thresholds = '{"ratio": 0.8}' WHERE fingerprint = 'A3|DEPOSIT_MISSING'`,
    );
    await ds.query(`UPDATE alerts SET list_item = '{"stale": true}' WHERE fingerprint = 'A3|DEPOSIT_MISSING'`);
    await ds.query(`UPDATE projects SET name = '乙工程（更名）' WHERE project_code = 'A3'`);
    await ds.query(`UPDATE users SET username = 'renamed-inspector' WHERE id = $1`, [assignee.principal.id]);
    const [a2] = await ds.query(`SELECT * FROM projects WHERE project_code = 'A2'`);
    await ds.query(`DELETE FROM projects WHERE project_code = 'A2'`);
    expect((await get('/alerts?projectCode=A2')).body.items).toMatchObject([{ projectName: null }]);
    const columns = Object.keys(a2).map((c) => `"${c}"`);
    await ds.query(`INSERT INTO projects (${columns.join(', ')}) SELECT (json_populate_record(NULL::projects, $1::json)).*`, [JSON.stringify({ ...a2, name: '丙工程' })]);
    const { body } = await get('/alerts?status=open,resolved&pageSize=500');
    const items = body.items as Array<Record<string, unknown>>;
    expect(items).toHaveLength(5);
    expect(items.find((i) => i.rule === 'NOTICE_BOARD_MISSING')).toMatchObject({
      recoveredAmount: '31794000.50', conditionStillPresent: true, dueAt: '2026-11-04T01:02:03.456Z', assignee: { id: assignee.principal.id },
    });
    expect(items.find((i) => i.rule === 'DEPOSIT_MISSING')).toMatchObject({
      evidence: { note: '改过 "quoted"', n: 1.5 }, thresholds: { ratio: 0.8 }, projectName: '乙工程（更名）',
    });
    expect(items.find((i) => i.rule === 'NOTICE_BOARD_MISSING')).toMatchObject({ assignee: { username: 'renamed-inspector' } });
    expect(items.find((i) => i.projectCode === 'A2')).toMatchObject({ projectName: '丙工程' });
    await expectEachItemIsItsDetail(items);
  });

  // A re-scan updates the alerts it finds again (the list-item trigger rebuilds each item
  // in that UPDATE). Every item must be its alert's, with the new last-seen time.
  it('keeps every item its alert\'s after a re-scan updates the alerts', async () => {
    const ds = t.app.get(DataSource);
    const list = async (): Promise<Array<Record<string, unknown>>> => (await get('/alerts?status=open,resolved&pageSize=500')).body.items as Array<Record<string, unknown>>;
    const before = new Map((await list()).map((i) => [i.id, i]));
    await runScan(t, adminHeaders, '2026-11-04');
    const after = await list();
    expect(after.map((i) => i.id).sort()).toEqual([...before.keys()].sort());
    for (const item of after) expect(item.lastSeenAt).not.toBe(before.get(item.id)?.lastSeenAt);
    await expectEachItemIsItsDetail(after);
    expect(await ds.query(`SELECT count(*)::int AS n FROM alerts WHERE list_item::text = '{}'`)).toEqual([{ n: 0 }]);
  });
});
