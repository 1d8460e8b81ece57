import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { ClueIntakeService } from '@wage/clues';
import { adminHeaders, createApiKey, loginAs } from './support/auth';
import { fixtures, idNumber } from './support/fixtures';
import { listRoutes, RouteInfo } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';
import { insertAlert, insertProject, insertUnits, intake } from './support/workflow-fixtures';

type Caller = 'anonymous' | 'admin' | 'auditor' | 'lead' | 'inspector' | 'otherInspector' | 'bureau' | 'otherBureau' | 'submitter';
const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, Role> = {
  admin: Role.Admin,
  auditor: Role.Auditor,
  lead: Role.BrigadeLead,
  inspector: Role.Inspector,
  otherInspector: Role.Inspector,
  bureau: Role.BureauOfficer,
  otherBureau: Role.BureauOfficer,
  submitter: Role.Submitter,
};

/**
 * How each route is scoped (workflow.md "Who uses the service"):
 *   alert / project / notice   rows filtered by the caller's CallerScope; out of scope = 404
 *   clue                       clue cases, CallerScope.clues (as alerts, no bureau officers); out of scope = 404
 *   report                     figures computed only from records in the caller's CallerScope
 *   import                     a submitter sees only its own imports
 *   own                        the caller's own records (notifications, /auth/me)
 *   role                       no per-unit object: the roles are the whole scope
 *   public                     no credentials
 * `sample` is the concrete path a GET probe uses (parameters filled with in-scope objects).
 */
interface Expectation {
  roles: readonly Role[] | 'public';
  scope: 'alert' | 'project' | 'notice' | 'clue' | 'report' | 'import' | 'own' | 'role' | 'public';
  sample?: string;
}

const { Admin: A, Auditor: AU, BrigadeLead: L, Inspector: I, BureauOfficer: B, Submitter: S } = Role;
const READ_ALERTS = [A, AU, L, I, B];

/**
 * EVERY route of the service. A route that is not here, or whose @Roles differ, fails
 * this test: whoever adds an endpoint must decide its roles and scope here (and, for a
 * scoped object, add an in/out-of-scope probe below).
 */
const EXPECTED: Record<string, Expectation> = {
  'GET /health': { roles: 'public', scope: 'public' },
  'GET /metrics': { roles: 'public', scope: 'public' },
  'POST /api/v1/auth/login': { roles: 'public', scope: 'public' },
  'GET /api/v1/auth/me': { roles: [A, L, I, B, S, AU], scope: 'own' },

  'GET /api/v1/users': { roles: [A, AU], scope: 'role' },
  'POST /api/v1/users': { roles: [A], scope: 'role' },
  'PATCH /api/v1/users/:id': { roles: [A], scope: 'role' },
  'GET /api/v1/api-keys': { roles: [A, AU], scope: 'role' },
  'POST /api/v1/api-keys': { roles: [A], scope: 'role' },
  'DELETE /api/v1/api-keys/:id': { roles: [A], scope: 'role' },
  'GET /api/v1/audit': { roles: [A, AU], scope: 'role' },

  'GET /api/v1/alerts': { roles: READ_ALERTS, scope: 'alert' },
  'GET /api/v1/alerts/:id': { roles: READ_ALERTS, scope: 'alert', sample: '/api/v1/alerts/{team}' },
  'GET /api/v1/alerts/:id/workers': { roles: [A, AU, L, I], scope: 'alert', sample: '/api/v1/alerts/{team}/workers' },
  'POST /api/v1/alerts/:id/actions': { roles: [A, L, I], scope: 'alert' },
  'POST /api/v1/alerts/claim-next': { roles: [I, L], scope: 'alert' },
  'POST /api/v1/alerts/reroute': { roles: [A], scope: 'role' },
  'POST /api/v1/projects/:code/alerts/actions': { roles: [A, L, I], scope: 'alert' },

  'GET /api/v1/projects': { roles: [A, AU, L, I], scope: 'project' },
  'GET /api/v1/projects/:code': { roles: [A, AU, L, I], scope: 'project', sample: '/api/v1/projects/PT' },

  'GET /api/v1/notices': { roles: READ_ALERTS, scope: 'notice' },
  'GET /api/v1/notices/:id': { roles: READ_ALERTS, scope: 'notice', sample: '/api/v1/notices/{notice}' },
  'GET /api/v1/notices/:id/document': { roles: READ_ALERTS, scope: 'notice', sample: '/api/v1/notices/{notice}/document' },
  'POST /api/v1/notices/:id/acknowledge': { roles: [B], scope: 'notice' },
  'POST /api/v1/notices/:id/reply': { roles: [B], scope: 'notice' },
  'POST /api/v1/notices/generate': { roles: [A], scope: 'role' },

  // clues.md "Access": that of alerts, without bureau officers; auditors read only.
  'GET /api/v1/clues': { roles: [A, AU, L, I], scope: 'clue' },
  'GET /api/v1/clues/:clueId': { roles: [A, AU, L, I], scope: 'clue', sample: '/api/v1/clues/XS-T1' },
  'POST /api/v1/clues/:clueId/actions': { roles: [A, L, I], scope: 'clue' },
  'POST /api/v1/clues/claim-next': { roles: [I, L], scope: 'clue' },
  'POST /api/v1/clues/reroute': { roles: [A], scope: 'role' },

  // reports.md "Scope": bureau officers and submitters 403.
  'GET /api/v1/reports/summary': { roles: [A, AU, L, I], scope: 'report' },
  'GET /api/v1/reports/summary.xlsx': { roles: [A, AU, L, I], scope: 'report' },

  'GET /api/v1/imports': { roles: [A, AU, S], scope: 'import' },
  'GET /api/v1/imports/:id': { roles: [A, AU, S], scope: 'import', sample: '/api/v1/imports/{import}' },
  'GET /api/v1/imports/:id/errors.csv': { roles: [A, AU, S], scope: 'import', sample: '/api/v1/imports/{import}/errors.csv' },
  'POST /api/v1/imports/:dataset': { roles: [A, S], scope: 'import' },

  'GET /api/v1/notifications': { roles: READ_ALERTS, scope: 'own' },
  'POST /api/v1/notifications/:id/read': { roles: READ_ALERTS, scope: 'own' },
  'POST /api/v1/notifications/read-all': { roles: READ_ALERTS, scope: 'own' },

  'GET /api/v1/scans': { roles: [A, AU, L, I], scope: 'role' },
  'GET /api/v1/scans/:id': { roles: [A, AU, L, I], scope: 'role', sample: '/api/v1/scans/{scan}' },
  'POST /api/v1/scans': { roles: [A, L], scope: 'role' },

  'GET /api/v1/inspection-units': { roles: [A, AU, L], scope: 'role' },
  'GET /api/v1/inspection-units/:unitCode': { roles: [A, AU, L], scope: 'role', sample: '/api/v1/inspection-units/B1' },
  'POST /api/v1/inspection-units': { roles: [A], scope: 'role' },
  'PUT /api/v1/inspection-units/:unitCode': { roles: [A], scope: 'role' },
  'DELETE /api/v1/inspection-units/:unitCode': { roles: [A], scope: 'role' },
  'GET /api/v1/industry-bureaus': { roles: [A, AU, L], scope: 'role' },
  'GET /api/v1/industry-bureaus/:bureauCode': { roles: [A, AU, L], scope: 'role', sample: '/api/v1/industry-bureaus/BUR1' },
  'POST /api/v1/industry-bureaus': { roles: [A], scope: 'role' },
  'PUT /api/v1/industry-bureaus/:bureauCode': { roles: [A], scope: 'role' },
  'DELETE /api/v1/industry-bureaus/:bureauCode': { roles: [A], scope: 'role' },
  'GET /api/v1/routing-overrides': { roles: [A, AU], scope: 'role' },
  'POST /api/v1/routing-overrides': { roles: [A], scope: 'role' },
  'PATCH /api/v1/routing-overrides/:id': { roles: [A], scope: 'role' },
  'DELETE /api/v1/routing-overrides/:id': { roles: [A], scope: 'role' },
  'GET /api/v1/routing/unrouted': { roles: [A], scope: 'role' },

  'GET /api/v1/region-profiles': { roles: [A, AU, L], scope: 'role' },
  'GET /api/v1/region-profiles/:code': { roles: [A, AU, L], scope: 'role', sample: '/api/v1/region-profiles/national' },
  'PUT /api/v1/region-profiles/:code': { roles: [A], scope: 'role' },
  'GET /api/v1/calendar/:year': { roles: READ_ALERTS, scope: 'role', sample: '/api/v1/calendar/2026' },
  'PUT /api/v1/calendar/:year': { roles: [A], scope: 'role' },

  'GET /api/v1/outbox/dead-letters': { roles: [A, AU], scope: 'role' },
  'POST /api/v1/outbox/:id/replay': { roles: [A], scope: 'role' },
  'GET /api/v1/webhooks': { roles: [A, AU], scope: 'role' },
  'PUT /api/v1/webhooks/:receiverType/:code/secret': { roles: [A], scope: 'role' },
};

describe('access matrix generated from the controllers', () => {
  let t: TestApp;
  let db: DataSource;
  let routes: RouteInfo[];
  const who = {} as Record<Caller, Record<string, string>>;
  const ids: Record<string, number> = {};

  const call = async (method: string, path: string, caller: Caller, body?: unknown): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { ...who[caller], ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const fill = (path: string): string => path.replace(/\{(\w+)\}/g, (_m, k: string) => String(ids[k]));

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    db = t.app.get(DataSource);
    routes = listRoutes(t.app);
    await insertUnits(db, [
      { code: 'B1', kind: 'brigade', region: '420113' },
      { code: 'T1', kind: 'team', region: '420113', streets: ['420113001'], parent: 'B1' },
      { code: 'B2', kind: 'brigade', region: '420106' },
    ]);
    await db.query(`INSERT INTO industry_bureaus (bureau_code, name, region_code, industries) VALUES ('BUR1', '住建局', '420106', '{housing}')`);
    await insertProject(db, { code: 'PT', region: '420113', street: '420113001' });
    await insertProject(db, { code: 'PB', region: '420113' });
    await insertProject(db, { code: 'PO', region: '420106' });
    ids.team = await insertAlert(db, { project: 'PT', severity: 'red' });
    ids.brigade = await insertAlert(db, { project: 'PB' });
    ids.other = await insertAlert(db, { project: 'PO' });
    await intake(t, [ids.team, ids.brigade, ids.other]);
    await fixtures(db).worker({ project: 'PT', id: idNumber(515151), name: '王五' });
    await fixtures(db).worker({ project: 'PO', id: idNumber(525252), name: '赵六' });
    // One notice to BUR1 carrying an alert of T1 (PT) and one of B2 (PO).
    const [n] = await db.query(
      `INSERT INTO notices (bureau_code, number, year, seq, issued_on, issuer_name, reply_due_at)
       VALUES ('BUR1', '联通〔2026〕7号', 2026, 7, '2026-11-20', '人社局', now() + interval '10 days') RETURNING id`,
    );
    ids.notice = Number(n.id);
    await db.query(
      `INSERT INTO notice_items (notice_id, alert_id, project_code, rule, severity, requested_action, evidence)
       VALUES ($1, $2, 'PT', 'PAY_RATIO_LOW', 'red', '督促足额支付', '{"note":"项目甲证据"}'),
              ($1, $3, 'PO', 'PAY_RATIO_LOW', 'orange', '督促足额支付', '{"note":"项目乙证据"}')`,
      [ids.notice, ids.team, ids.other],
    );
    await db.query(
      `INSERT INTO alert_events (alert_id, actor_kind, actor_id, actor_name, action, note) VALUES ($1, 'user', 'x', '检查员', 'comment', '内部意见：疑似转包')`,
      [ids.other],
    );
    who.anonymous = {};
    who.admin = await adminHeaders(t);
    who.auditor = (await loginAs(t, { role: Role.Auditor })).headers;
    who.lead = (await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1' })).headers;
    who.inspector = (await loginAs(t, { role: Role.Inspector, unitCode: 'T1' })).headers;
    who.otherInspector = (await loginAs(t, { role: Role.Inspector, unitCode: 'B2' })).headers;
    who.bureau = (await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'BUR1' })).headers;
    who.otherBureau = (await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'BUR2' })).headers;
    const key = await createApiKey(t);
    who.submitter = key.headers;
    const [imp] = await db.query(
      `INSERT INTO imports (dataset, atomic, file_path, file_name, file_size, file_format, submitted_by_kind, submitted_by_id, submitted_by_name)
       VALUES ('payroll', false, '/nonexistent', 'p.csv', 1, 'csv', 'api_key', $1, 'k') RETURNING id`,
      [key.id],
    );
    ids.import = Number(imp.id);
    const [otherImp] = await db.query(
      `INSERT INTO imports (dataset, atomic, file_path, file_name, file_size, file_format, submitted_by_kind, submitted_by_id, submitted_by_name)
       VALUES ('payroll', false, '/nonexistent', 'p.csv', 1, 'csv', 'api_key', gen_random_uuid()::text, 'other') RETURNING id`,
    );
    ids.otherImport = Number(otherImp.id);
    // One clue of T1 (project PT) and one of B2 (its region), routed by the real intake.
    await db.query(
      `INSERT INTO clues (clue_id, received_on, source, region_code, project_code, workers_involved)
       VALUES ('XS-T1', (now() AT TIME ZONE 'Asia/Shanghai')::date, 'national_platform', '420113', 'PT', 4),
              ('XS-B2', (now() AT TIME ZONE 'Asia/Shanghai')::date, 'hotline', '420106', NULL, 2)`,
    );
    await t.app.get(ClueIntakeService).intakePending();
    const scan = await call('POST', '/api/v1/scans', 'admin', {});
    ids.scan = Number(JSON.parse(scan.text).id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every route with the roles the table expects (a new route must be added to the table)', () => {
    const actual = Object.fromEntries(routes.map((r) => [r.key, r.isPublic ? 'public' : [...(r.roles ?? [])].sort()]));
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([k, e]) => [k, e.roles === 'public' ? 'public' : [...e.roles].sort()]));
    expect(routes.filter((r) => !(r.key in EXPECTED)).map((r) => r.key)).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !(k in actual))).toEqual([]);
    expect(actual).toEqual(expected);
    // Fail closed: nothing but the listed public routes goes without @Roles.
    expect(routes.filter((r) => !r.isPublic && !r.roles?.length).map((r) => r.key)).toEqual([]);
  });

  it('refuses every route to every role it does not list (401 without credentials, 403 by role)', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const e = EXPECTED[r.key];
      if (!e || e.roles === 'public') continue;
      const path = r.path.replace(/:(\w+)/g, '1');
      for (const caller of Object.keys(who) as Caller[]) {
        const allowed = caller !== 'anonymous' && e.roles.includes(ROLE_OF[caller]);
        if (allowed) continue;
        const want = caller === 'anonymous' ? 401 : 403;
        const res = await call(r.method, path, caller);
        if (res.status !== want) wrong.push(`${caller} ${r.key}: ${res.status}, expected ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets every listed role read every GET route (in-scope object)', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.method === 'GET')) {
      const e = EXPECTED[r.key];
      if (!e || e.roles === 'public') continue;
      if (/:\w+/.test(r.path) && !e.sample) {
        wrong.push(`${r.key}: GET route with parameters needs a sample path in the table`);
        continue;
      }
      const path = fill(e.sample ?? r.path);
      for (const caller of Object.keys(who) as Caller[]) {
        if (caller === 'anonymous' || !e.roles.includes(ROLE_OF[caller])) continue;
        // Samples are objects of T1/B1/BUR1: the other unit's and bureau's users are the out-of-scope probes below.
        if (e.sample && e.scope !== 'role' && ['otherInspector', 'otherBureau'].includes(caller)) continue;
        if (e.scope === 'alert' && e.sample && caller === 'bureau') continue;
        const res = await call('GET', path, caller);
        if (res.status >= 400) wrong.push(`${caller} ${path}: ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 404 for objects outside the scope, on every scoped route', async () => {
    const probes: Array<[Caller, string, string, unknown?]> = [
      ['inspector', 'GET', `/api/v1/alerts/${ids.other}`],
      ['inspector', 'GET', `/api/v1/alerts/${ids.brigade}`],
      ['lead', 'GET', `/api/v1/alerts/${ids.other}`],
      ['otherBureau', 'GET', `/api/v1/alerts/${ids.other}`],
      ['inspector', 'GET', `/api/v1/alerts/${ids.other}/workers`],
      ['inspector', 'POST', `/api/v1/alerts/${ids.other}/actions`, { action: 'comment', note: 'x' }],
      ['inspector', 'GET', '/api/v1/projects/PO'],
      ['inspector', 'GET', '/api/v1/projects/PB'],
      ['lead', 'GET', '/api/v1/projects/PO'],
      ['otherBureau', 'GET', `/api/v1/notices/${ids.notice}`],
      ['otherBureau', 'GET', `/api/v1/notices/${ids.notice}/document`],
      ['otherBureau', 'POST', `/api/v1/notices/${ids.notice}/acknowledge`],
      ['otherBureau', 'POST', `/api/v1/notices/${ids.notice}/reply`, { text: '已处理' }],
      ['submitter', 'GET', `/api/v1/imports/${ids.otherImport}`],
      ['submitter', 'GET', `/api/v1/imports/${ids.otherImport}/errors.csv`],
      ['inspector', 'POST', '/api/v1/notifications/999999/read'],
      ['otherInspector', 'GET', '/api/v1/clues/XS-T1'],
      ['otherInspector', 'POST', '/api/v1/clues/XS-T1/actions', { action: 'comment', note: 'x' }],
      ['inspector', 'GET', '/api/v1/clues/XS-B2'],
      ['lead', 'GET', '/api/v1/clues/XS-B2'],
      ['inspector', 'POST', '/api/v1/clues/XS-B2/actions', { action: 'accept' }],
    ];
    const wrong: string[] = [];
    for (const [caller, method, path, body] of probes) {
      const res = await call(method, path, caller, body);
      if (res.status !== 404) wrong.push(`${caller} ${method} ${path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
    // The out-of-scope project action changes nothing and reports nothing.
    const bulk = await call('POST', '/api/v1/projects/PO/alerts/actions', 'inspector', { action: 'acknowledge' });
    expect(JSON.parse(bulk.text)).toMatchObject({ affected: 0, alertIds: [] });
  });

  it("keeps lists, counts and documents to the caller's scope (unit A never sees B's projects, alerts or notice items)", async () => {
    const json = async (path: string, caller: Caller) => JSON.parse((await call('GET', path, caller)).text);
    const projects = await json('/api/v1/projects?pageSize=500', 'inspector');
    expect(projects.items.map((p: { projectCode: string }) => p.projectCode)).toEqual(['PT']);
    expect(projects.total).toBe(1);
    expect((await json('/api/v1/projects?pageSize=500', 'lead')).items.map((p: { projectCode: string }) => p.projectCode).sort()).toEqual(['PB', 'PT']);
    expect((await json('/api/v1/projects?pageSize=500', 'auditor')).total).toBe(3);
    const detail = await json('/api/v1/projects/PT', 'lead');
    expect(detail.openAlerts.map((a: { id: number }) => a.id)).toEqual([ids.team]);

    // Notice: T1's inspector is admitted by the PT item and sees only it, in JSON, counts and the document.
    const notice = await json(`/api/v1/notices/${ids.notice}`, 'inspector');
    expect(notice.projects.map((p: { projectCode: string }) => p.projectCode)).toEqual(['PT']);
    expect(notice).toMatchObject({ projectCount: 1, alertCount: 1 });
    const list = await json('/api/v1/notices', 'inspector');
    expect(list.items).toEqual([expect.objectContaining({ id: ids.notice, projectCount: 1, alertCount: 1 })]);
    const html = (await call('GET', `/api/v1/notices/${ids.notice}/document`, 'inspector')).text;
    expect(html).toContain('PT');
    expect(html).not.toContain('PO');
    expect(html).not.toContain('项目乙');
    const pdf = await fetch(`${t.baseUrl}/api/v1/notices/${ids.notice}/document?format=pdf`, { headers: who.inspector });
    expect(pdf.status).toBe(200);
    const other = await json(`/api/v1/notices/${ids.notice}`, 'otherInspector');
    expect(other.projects.map((p: { projectCode: string }) => p.projectCode)).toEqual(['PO']);
    // The addressed bureau sees the whole notice.
    expect((await json(`/api/v1/notices/${ids.notice}`, 'bureau')).alertCount).toBe(2);
  });

  it("keeps clue lists, counts and report figures to the caller's scope (B2's inspector sees nothing of T1's)", async () => {
    const json = async (path: string, caller: Caller) => JSON.parse((await call('GET', path, caller)).text);
    const ids = (body: { items: Array<{ clueId: string }> }) => body.items.map((i) => i.clueId);
    const [routed] = await db.query(`SELECT string_agg(clue_id || '=' || unit_code, ',' ORDER BY clue_id) AS s FROM clue_cases`);
    expect(routed.s).toBe('XS-B2=B2,XS-T1=T1');
    const other = await json('/api/v1/clues?pageSize=100', 'otherInspector');
    expect(ids(other)).toEqual(['XS-B2']);
    expect(other.total).toBe(1);
    expect((await json('/api/v1/clues?pageSize=100&projectCode=PT', 'otherInspector')).total).toBe(0);
    const mine = await json('/api/v1/clues?pageSize=100', 'inspector');
    expect(ids(mine)).toEqual(['XS-T1']);
    expect(mine.total).toBe(1);
    expect(ids(await json('/api/v1/clues?pageSize=100', 'lead'))).toEqual(['XS-T1']);
    expect((await json('/api/v1/clues?pageSize=100', 'auditor')).total).toBe(2);
    // Claiming the next clue never hands out another unit's case.
    const claim = await call('POST', '/api/v1/clues/claim-next', 'otherInspector');
    expect(claim.text).not.toContain('XS-T1');

    // Reports: the figures of B2's inspector come from B2's records only.
    const report = async (caller: Caller) => json('/api/v1/reports/summary?groupBy=unit', caller);
    const otherReport = await report('otherInspector');
    expect(otherReport.total).toMatchObject({ cluesReceived: 1 });
    expect(otherReport.rows.map((r: { key: string }) => r.key)).toEqual(['B2']);
    const teamReport = await report('inspector');
    expect(teamReport.total).toMatchObject({ cluesReceived: 1 });
    expect(teamReport.rows.map((r: { key: string }) => r.key)).toEqual(['T1']);
    expect((await report('admin')).total).toMatchObject({ cluesReceived: 2 });
  });

  it('shows bureau officers the alert without internal comments and without the roster', async () => {
    const officer = await call('GET', `/api/v1/alerts/${ids.other}`, 'bureau');
    expect(officer.status).toBe(200);
    expect(officer.text).not.toContain('内部意见');
    expect(JSON.parse(officer.text).events.some((e: { action: string }) => e.action === 'comment')).toBe(false);
    expect((await call('GET', `/api/v1/alerts/${ids.other}`, 'otherInspector')).text).toContain('内部意见');
    const roster = await call('GET', `/api/v1/alerts/${ids.other}/workers`, 'bureau');
    expect(roster.status).toBe(403);
    expect(roster.text).not.toContain('赵六');
  });
});
