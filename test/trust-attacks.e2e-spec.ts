import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { parseHostList } from '@wage/config';
import { OutboxService, postWebhook } from '@wage/notifications';
import { adminHeaders, loginAs, TEST_PASSWORD } from './support/auth';
import { fixtures } from './support/fixtures';
import { csv, idNumber, importFile, uploadFile, uscc } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';
import { insertUnit, waitFor } from './support/webhook-receiver';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** A receiver that counts hits and answers what a test tells it (status, headers, a body of n bytes). */
class Receiver {
  hits: string[] = [];
  answer: { status: number; headers?: Record<string, string>; bytes?: number } = { status: 200 };
  private server?: Server;
  port = 0;
  constructor(private readonly host: string) {}
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.hits.push(req.url ?? '/');
      req.resume();
      req.on('end', () => {
        res.writeHead(this.answer.status, { 'Content-Type': 'text/plain', ...this.answer.headers });
        res.end('x'.repeat(this.answer.bytes ?? 2));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, this.host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }
  url(path: string, scheme = 'http'): string {
    return `${scheme}://${this.host}:${this.port}${path}`;
  }
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('trust: the attacks of issue 10 are refused over HTTP', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: Record<string, string>;
  /** 127.0.0.1 is allow-listed (an "intranet" receiver); 127.0.0.2 is plain loopback. */
  let allowed: Receiver;
  let internal: Receiver;

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, text, body: json, headers: res.headers };
  };
  const createKey = async (body: Record<string, unknown>) => {
    const res = await call('POST', '/api/v1/api-keys', admin, body);
    expect(res.status).toBe(201);
    return { ...res.body, headers: { 'X-Api-Key': res.body.key as string } } as {
      id: string; key: string; datasets: string[]; projectCodes: string[] | null; contractorUscc: string | null; headers: Record<string, string>;
    };
  };

  beforeAll(async () => {
    allowed = await new Receiver('127.0.0.1').start();
    internal = await new Receiver('127.0.0.2').start();
    t = await startTestApp({
      env: {
        OUTBOX_BACKOFF_MS: '100',
        OUTBOX_SWEEP_MS: '100',
        OUTBOX_MAX_ATTEMPTS: '1',
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        METRICS_TOKEN,
        TRUST_PROXY: 'loopback',
      },
    });
    db = t.app.get(DataSource);
    admin = await adminHeaders(t);
    await insertUnit(db, 'B420113', null);
    const f = fixtures(db);
    await f.project({ code: 'P-MINE', region: '420113', generalContractor: uscc(1) });
    await f.project({ code: 'P-OTHER', region: '420113', generalContractor: uscc(2) });
  });
  afterAll(async () => {
    await t?.close();
    await allowed?.stop();
    await internal?.stop();
  });

  describe('scoped submitter keys', () => {
    it('creates a key with its scopes (default datasets when none are given) and refuses admin-only datasets', async () => {
      const plain = await createKey({ name: 'bank feed' });
      expect(plain.datasets).toEqual(['wage_accounts', 'deposits', 'labor_cost_allocations', 'workers', 'attendance', 'payroll', 'bank_transfers']);
      expect(plain).toMatchObject({ projectCodes: null, contractorUscc: null });
      const scoped = await createKey({ name: 'contractor', datasets: ['payroll', 'projects'], contractorUscc: uscc(1) });
      expect(scoped).toMatchObject({ datasets: ['payroll', 'projects'], contractorUscc: uscc(1) });
      const listed = (await call('GET', '/api/v1/api-keys', admin)).body as Array<{ id: string; datasets: string[]; key?: string }>;
      expect(listed.find((k) => k.id === scoped.id)).toMatchObject({ datasets: ['payroll', 'projects'] });
      expect(listed.find((k) => k.id === scoped.id)).not.toHaveProperty('key');
      for (const ds of ['inspection_units', 'industry_bureaus', 'watchlist']) {
        const res = await call('POST', '/api/v1/api-keys', admin, { name: 'x', datasets: [ds] });
        expect([ds, res.status]).toEqual([ds, 400]);
      }
    });

    it('refuses a key that tries to rewrite a unit (403) and nothing changes', async () => {
      const key = await createKey({ name: 'contractor key' });
      const before = await db.query('SELECT * FROM inspection_units ORDER BY unit_code');
      const units = csv([['unit_code', 'name', 'kind', 'region_code', 'street_codes', 'parent_unit_code', 'webhook_url'], ['B420113', '大队', 'brigade', '420113', '420113001', '', 'http://127.0.0.1:9/steal']]);
      const res = await uploadFile(t, key.headers, 'inspection_units', units);
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('admins only');
      for (const ds of ['industry_bureaus', 'watchlist', 'projects', 'enterprises']) {
        expect([ds, (await uploadFile(t, key.headers, ds, 'a,b\n1,2\n')).status]).toEqual([ds, 403]);
      }
      expect(await db.query('SELECT * FROM inspection_units ORDER BY unit_code')).toEqual(before);
      expect(await db.query(`SELECT count(*)::int AS n FROM imports WHERE submitted_by_id = $1`, [key.id])).toEqual([{ n: 0 }]);
    });

    it("loads a contractor key's rows only for its own projects (PROJECT_NOT_ALLOWED for the others)", async () => {
      const key = await createKey({ name: 'general contractor', datasets: ['payroll', 'projects'], contractorUscc: uscc(1) });
      const header = ['project_code', 'id_number', 'period', 'payable_amount', 'paid_amount', 'paid_on'];
      const result = await importFile(t, key.headers, 'payroll', csv([header, ['P-MINE', idNumber(1), '2026-10', '5000.00', '5000.00', '2026-11-05'], ['P-OTHER', idNumber(2), '2026-10', '5000.00', '5000.00', '2026-11-05'], ['P-NONE', idNumber(3), '2026-10', '1.00', '1.00', '2026-11-05']]));
      expect(result).toMatchObject({ status: 'succeeded_with_errors', rowsAccepted: 1, rowsRejected: 2 });
      expect(result.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual(['3:project_code:PROJECT_NOT_ALLOWED', '4:project_code:PROJECT_NOT_ALLOWED']);
      expect(await db.query('SELECT project_code FROM payroll ORDER BY project_code')).toEqual([{ project_code: 'P-MINE' }]);

      // A projects row cannot take over another contractor's project, nor create one under another contractor.
      const projHeader = ['project_code', 'name', 'region_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'status'];
      const projects = await importFile(t, key.headers, 'projects', csv([projHeader,
        ['P-OTHER', '抢来的项目', '420113', 'housing', uscc(9), uscc(1), '100.00', '2025-01-01', 'in_progress'],
        ['P-NEW2', '别人的新项目', '420113', 'housing', uscc(9), uscc(2), '100.00', '2025-01-01', 'in_progress'],
        ['P-NEW1', '自己的新项目', '420113', 'housing', uscc(9), uscc(1), '100.00', '2025-01-01', 'in_progress']]));
      expect(projects.errors.map((e) => `${e.row}:${e.code}`)).toEqual(['2:PROJECT_NOT_ALLOWED', '3:PROJECT_NOT_ALLOWED']);
      expect(await db.query(`SELECT project_code, name, general_contractor_uscc AS gc FROM projects WHERE project_code IN ('P-OTHER', 'P-NEW1', 'P-NEW2') ORDER BY 1`)).toEqual([
        { project_code: 'P-NEW1', name: '自己的新项目', gc: uscc(1) },
        { project_code: 'P-OTHER', name: '项目 P-OTHER', gc: uscc(2) },
      ]);

      const listedKey = await createKey({ name: 'listed', datasets: ['payroll'], projectCodes: ['P-OTHER'] });
      const listed = await importFile(t, listedKey.headers, 'payroll', csv([header, ['P-MINE', idNumber(4), '2026-10', '1.00', '1.00', '2026-11-05'], ['P-OTHER', idNumber(5), '2026-10', '1.00', '1.00', '2026-11-05']]));
      expect(listed.errors.map((e) => `${e.row}:${e.code}`)).toEqual(['2:PROJECT_NOT_ALLOWED']);
      expect((await uploadFile(t, listedKey.headers, 'attendance', 'a\n1\n')).status).toBe(403);
    });
  });

  it('never shows a full ID or bank number in an import error, in JSON or errors.csv', async () => {
    const good = idNumber(7);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const noDate = '420113199013450012';
    const card = '62220202000012345678901234567890123';
    const rows = csv([
      ['project_code', 'id_number', 'name', 'employer_uscc', 'entered_on', 'bank_card_number', 'team_leader_id_number'],
      ['P-MINE', wrongCheck, '张三', uscc(1), '2026-01-01', '', ''],
      ['P-MINE', noDate, '李四', uscc(1), '2026-01-01', '', ''],
      ['P-MINE', good, '王五', uscc(1), '2026-01-01', card, '4201131990'],
    ]);
    const result = await importFile(t, admin, 'workers', rows);
    expect(result.errors.map((e) => `${e.row}:${e.column}:${e.code}`).sort()).toEqual([
      '2:id_number:INVALID_ID_NUMBER',
      '3:id_number:INVALID_ID_NUMBER',
      '4:bank_card_number:INVALID_BANK_NUMBER',
      '4:team_leader_id_number:INVALID_ID_NUMBER',
    ]);
    expect(result.errors).toHaveLength(4);
    const csvText = (await call('GET', `/api/v1/imports/${result.id}/errors.csv`, admin)).text;
    const detail = JSON.stringify((await call('GET', `/api/v1/imports/${result.id}`, admin)).body);
    for (const text of [csvText, detail]) {
      for (const secret of [wrongCheck, noDate, card, '4201131990', '19901345']) expect(text).not.toContain(secret);
      expect(text).toContain(`420113********${wrongCheck.slice(-4)}`);
    }
  });

  describe('webhook targets', () => {
    const refused = [
      'http://127.0.0.2/hook',
      'https://127.0.0.2/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://100.100.100.200/latest/meta-data/',
      'https://10.1.2.3/hook',
      'https://172.16.0.1/hook',
      'https://192.168.1.1/hook',
      'https://0.0.0.0/hook',
      'https://[::1]/hook',
      'https://[fd00::1]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:127.0.0.2]/hook',
      'https://[::ffff:a9fe:a9fe]/hook',
      'http://8.8.8.8/hook',
    ];

    it('refuses every private or metadata URL when units or bureaus are imported (row error) or saved (400)', async () => {
      const header = ['unit_code', 'name', 'kind', 'region_code', 'webhook_url'];
      const result = await importFile(t, admin, 'inspection_units', csv([header, ...refused.map((url, i) => [`X${i}`, '大队', 'brigade', '420113', url]), ['XOK', '大队', 'brigade', '420113', 'https://8.8.8.8/hook'], ['XINTRA', '大队', 'brigade', '420113', allowed.url('/intranet')]]));
      expect(result.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual(refused.map((_u, i) => `${i + 2}:webhook_url:WEBHOOK_NOT_ALLOWED`));
      expect((await db.query(`SELECT unit_code FROM inspection_units WHERE unit_code LIKE 'X%' ORDER BY 1`)).map((r: { unit_code: string }) => r.unit_code)).toEqual(['XINTRA', 'XOK']);
      const bureaus = await importFile(t, admin, 'industry_bureaus', csv([['bureau_code', 'name', 'region_code', 'industries', 'webhook_url'], ['ZJX', '住建局', '420113', 'housing', 'https://169.254.169.254/']]));
      expect(bureaus.errors.map((e) => e.code)).toEqual(['WEBHOOK_NOT_ALLOWED']);
      for (const url of refused) {
        const res = await call('PUT', '/api/v1/inspection-units/XOK', admin, { webhookUrl: url });
        expect([url, res.status]).toEqual([url, 400]);
      }
      expect((await call('POST', '/api/v1/industry-bureaus', admin, { bureauCode: 'ZJY', name: '住建局', regionCode: '420113', industries: ['housing'], webhookUrl: 'https://[::1]/x' })).status).toBe(400);
      expect((await db.query(`SELECT webhook_url FROM inspection_units WHERE unit_code = 'XOK'`))[0].webhook_url).toBe('https://8.8.8.8/hook');
    });

    it('refuses at send time a stored URL that reaches inside, follows no redirect and keeps no response body', async () => {
      // URLs stored before these checks, straight in the table.
      await insertUnit(db, 'U-INTERNAL', internal.url('/hook', 'https'));
      await insertUnit(db, 'U-REDIRECT', allowed.url('/redirect'));
      for (const code of ['U-INTERNAL', 'U-REDIRECT']) expect((await call('PUT', `/api/v1/webhooks/unit/${code}/secret`, admin)).status).toBe(200);
      const send = (code: string) => db.transaction((m) => t.app.get(OutboxService).enqueue(m, { receiverType: 'unit', receiverCode: code, event: 'alert.raised', payload: { alertId: 1 } }));
      const final = (code: string) =>
        waitFor(async () => {
          const [r] = await db.query(`SELECT status, last_status_code, last_error FROM outbox_messages WHERE receiver_code = $1`, [code]);
          return r && r.status !== 'pending' ? r : null;
        }, `${code} outcome`);

      await send('U-INTERNAL');
      expect(await final('U-INTERNAL')).toMatchObject({ status: 'dead', last_status_code: null, last_error: expect.stringContaining('127.0.0.2') });
      expect(internal.hits).toEqual([]);

      allowed.answer = { status: 302, headers: { Location: internal.url('/after-redirect') }, bytes: 64 * 1024 };
      await send('U-REDIRECT');
      expect(await final('U-REDIRECT')).toMatchObject({ status: 'dead', last_status_code: 302, last_error: 'HTTP 302' });
      expect(internal.hits).toEqual([]);
      expect(allowed.hits).toEqual(['/redirect']);
    });

    it('connects to the address it checked (pinned lookup) and reads at most a few KB', async () => {
      allowed.answer = { status: 200, bytes: 5 * 1024 * 1024 };
      const allow = parseHostList('receiver.test');
      const pinned = await postWebhook({
        url: `http://receiver.test:${allowed.port}/pinned`,
        allow,
        headers: {},
        body: '{}',
        timeoutMs: 5_000,
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      });
      expect(pinned).toEqual({ statusCode: 200 });
      expect(allowed.hits).toContain('/pinned');
      const rebound = await postWebhook({
        url: `https://public.example:${allowed.port}/x`,
        allow: [],
        headers: {},
        body: '{}',
        timeoutMs: 5_000,
        resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }],
      });
      expect(rebound).toMatchObject({ error: expect.stringContaining('127.0.0.1') });
    });
  });

  describe('tokens', () => {
    const me = (headers: Record<string, string>) => call('GET', '/api/v1/auth/me', headers);

    it('ends older tokens on a password change, a role change and disabling (401)', async () => {
      const user = await loginAs(t, { role: Role.Inspector, unitCode: 'B420113' });
      expect((await me(user.headers)).status).toBe(200);
      expect((await call('PATCH', `/api/v1/users/${user.principal.id}`, admin, { password: 'a-new-password-456' })).status).toBe(200);
      const old = await me(user.headers);
      expect(old.status).toBe(401);
      expect(old.body.message).toContain('log in again');
      const login = await call('POST', '/api/v1/auth/login', {}, { username: user.principal.username, password: 'a-new-password-456' });
      expect(login.status).toBe(200);
      const fresh = { Authorization: `Bearer ${login.body.accessToken as string}` };
      expect((await me(fresh)).status).toBe(200);
      expect((await call('PATCH', `/api/v1/users/${user.principal.id}`, admin, { role: 'brigade_lead' })).status).toBe(200);
      expect((await me(fresh)).status).toBe(401);

      const other = await loginAs(t, { role: Role.Auditor });
      expect((await call('PATCH', `/api/v1/users/${other.principal.id}`, admin, { disabled: true })).status).toBe(200);
      expect((await call('PATCH', `/api/v1/users/${other.principal.id}`, admin, { disabled: false })).status).toBe(200);
      expect((await me(other.headers)).status).toBe(401);
      expect((await call('POST', '/api/v1/auth/login', {}, { username: other.principal.username, password: TEST_PASSWORD })).status).toBe(200);
    });
  });

  describe('the HTTP surface', () => {
    it('sends security headers on the API, the docs and the console', async () => {
      for (const path of ['/api/v1/auth/me', '/api/docs', '/health']) {
        const res = await fetch(`${t.baseUrl}${path}`);
        expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('keeps /metrics behind METRICS_TOKEN', async () => {
      expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
      expect((await fetch(`${t.baseUrl}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const ok = await fetch(`${t.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('http_request_duration_seconds');
    });

    it('records the client address behind a trusted proxy (TRUST_PROXY)', async () => {
      await fetch(`${t.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.77' },
        body: JSON.stringify({ username: 'nobody-proxy', password: 'wrong-password' }),
      });
      const rows = await db.query(`SELECT ip FROM security_events WHERE event = 'login.failed' AND actor_name = 'nobody-proxy'`);
      expect(rows).toEqual([{ ip: '203.0.113.77' }]);
    });
  });
});
