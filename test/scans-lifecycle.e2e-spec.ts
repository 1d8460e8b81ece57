import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { shanghaiDate } from '@wage/calendar';
import { ScanFinalizeService, ScanJobs, ScanShardService } from '@wage/scans';
import { loginAs } from './support/auth';
import { fakeRuleEngine, insertProjects, postScan, runScan, waitForScan } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';

interface AlertRow {
  id: number;
  fingerprint: string;
  status: string;
  severity: string;
  occurrence_count: number;
  cleared_by_scan_id: number | null;
  clear_reason: string | null;
}

describe('scans: identity, re-evaluation, clearing and reopening', () => {
  let t: TestApp;
  let ds: DataSource;
  let headers: Record<string, string>;
  let engine: ReturnType<typeof fakeRuleEngine>;

  const alerts = (): Promise<AlertRow[]> =>
    ds.query(`SELECT id, fingerprint, status, severity, occurrence_count, cleared_by_scan_id, clear_reason FROM alerts ORDER BY fingerprint`);
  const events = (id: number): Promise<Array<{ action: string; data: Record<string, unknown> | null }>> =>
    ds.query(`SELECT action, data FROM alert_events WHERE alert_id = $1 AND action IN ('raised', 'severity_changed', 'cleared', 'reopened') ORDER BY id`, [id]);

  beforeAll(async () => {
    t = await startTestApp({ env: { SCAN_SHARDS: '3' } });
    ds = t.app.get(DataSource);
    // Admins may scan back-dated days (brigade leads only today: see scans-decisions).
    headers = (await loginAs(t, { role: Role.Admin })).headers;
    engine = fakeRuleEngine(t);
    await insertProjects(t, [{ code: 'P1' }, { code: 'P2' }, { code: 'P3', status: 'suspended' }, { code: 'P4', status: 'completed' }, { code: 'P5', status: 'planned' }]);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it('raises one alert per fingerprint and reports counts by rule', async () => {
    engine.findings.push(
      { projectCode: 'P1', rule: 'PAY_RATIO_LOW', period: '2026-10-01', severity: 'orange', shortfallFen: 120_000 },
      { projectCode: 'P2', rule: 'NOTICE_BOARD_MISSING', period: null, severity: 'yellow' },
      { projectCode: 'P3', rule: 'PAYROLL_MISSING', period: '2026-10-01', severity: 'red' },
      { projectCode: 'P4', rule: 'PAYROLL_MISSING', period: '2026-10-01', severity: 'red' },
    );
    const scan = await runScan(t, headers, '2026-11-03');
    expect(scan).toMatchObject({ status: 'succeeded', asOf: '2026-11-03', period: '2026-10', projectsScanned: 3, alertsRaised: 3 });
    expect(scan.byRule).toEqual({ PAY_RATIO_LOW: 1, NOTICE_BOARD_MISSING: 1, PAYROLL_MISSING: 1 });
    const rows = await alerts();
    // P4 is completed: not scanned, so no alert for it.
    expect(rows.map((r) => r.fingerprint)).toEqual(['P1|PAY_RATIO_LOW|2026-10', 'P2|NOTICE_BOARD_MISSING', 'P3|PAYROLL_MISSING|2026-10']);
    expect((await events(rows[0].id)).map((e) => e.action)).toEqual(['raised']);
    const [risk] = await ds.query(`SELECT risk_level, risk_score, shortfall_fen, open_alerts FROM project_risk WHERE project_code = 'P1'`);
    expect(risk).toEqual({ risk_level: 'orange', risk_score: 20, shortfall_fen: 120_000, open_alerts: 1 });
  });

  it('updates an existing alert instead of duplicating it, recording a severity change', async () => {
    engine.findings[0].severity = 'red';
    const riskRow = async (code: string): Promise<Record<string, unknown>> =>
      (await ds.query(`SELECT xmin::text, xmax::text, risk_level, risk_score, updated_at FROM project_risk WHERE project_code = $1`, [code]))[0];
    const p2Before = await riskRow('P2');
    const scan = await runScan(t, headers, '2026-11-04');
    expect(scan).toMatchObject({ status: 'succeeded', alertsRaised: 0, alertsUpdated: 3, alertsCleared: 0 });
    // P1's risk moved with its severity; P2's did not, and the scan neither rewrote nor
    // locked its row (an inspector's action on P2 need not wait for a finalize).
    expect(await riskRow('P1')).toMatchObject({ risk_level: 'red', risk_score: 40 });
    expect(await riskRow('P2')).toEqual({ ...p2Before, xmax: '0' });
    const p1 = (await alerts())[0];
    expect(p1).toMatchObject({ status: 'open', severity: 'red', occurrence_count: 2 });
    expect(await events(p1.id)).toEqual([
      { action: 'raised', data: { severity: 'orange' } },
      { action: 'severity_changed', data: { from: 'orange', to: 'red' } },
    ]);
  });

  it('re-evaluates open period alerts for their own period and clears them when the condition is gone', async () => {
    // As of December (today for these tests: later scans may not be older), P = 2026-11:
    // the October alerts are re-evaluated for October only.
    engine.calls.length = 0;
    engine.findings.splice(0, 1); // P1 paid October's wages late
    const scan = await runScan(t, headers, '2026-12-01');
    expect(scan).toMatchObject({ status: 'succeeded', alertsCleared: 1 });
    const octoberCalls = engine.calls.filter((c) => c.period === '2026-10-01');
    expect([...new Set(octoberCalls.flatMap((c) => c.rules ?? []))].sort()).toEqual(['PAYROLL_MISSING', 'PAY_RATIO_LOW']);
    expect(octoberCalls.flatMap((c) => c.projects).sort()).toEqual(['P1', 'P3']);
    const rows = await alerts();
    expect(rows[0]).toMatchObject({ fingerprint: 'P1|PAY_RATIO_LOW|2026-10', status: 'cleared', cleared_by_scan_id: scan.id, clear_reason: 'condition no longer holds' });
    expect(rows[2]).toMatchObject({ fingerprint: 'P3|PAYROLL_MISSING|2026-10', status: 'open', occurrence_count: 3 });
    const [risk] = await ds.query(`SELECT risk_level, risk_score, open_alerts FROM project_risk WHERE project_code = 'P1'`);
    expect(risk).toEqual({ risk_level: null, risk_score: 0, open_alerts: 0 });
  });

  it('reopens the same row when a cleared condition returns', async () => {
    engine.findings.push({ projectCode: 'P1', rule: 'PAY_RATIO_LOW', period: '2026-10-01', severity: 'orange' });
    const scan = await runScan(t, headers, '2026-12-01');
    expect(scan).toMatchObject({ status: 'succeeded', alertsRaised: 1 });
    const rows = await alerts();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ status: 'open', cleared_by_scan_id: null, clear_reason: null });
    expect((await events(rows[0].id)).map((e) => e.action)).toEqual(['raised', 'severity_changed', 'cleared', 'reopened']);
  });

  it('does not clear an alert whose rule was skipped for the project', async () => {
    engine.findings = engine.findings.filter((f) => f.projectCode !== 'P2');
    engine.skipped.push({ projectCode: 'P2', rule: 'NOTICE_BOARD_MISSING', reason: 'no profile' });
    const scan = await runScan(t, headers, '2026-12-01');
    expect(scan.skipped).toEqual([{ rule: 'NOTICE_BOARD_MISSING', reason: 'no profile', count: 1, sampleProjects: ['P2'] }]);
    expect((await alerts())[1]).toMatchObject({ fingerprint: 'P2|NOTICE_BOARD_MISSING', status: 'open' });
    engine.skipped.length = 0;
  });

  it('returns the queued or running scan when asked twice for the same date', async () => {
    const [a, b] = await Promise.all([postScan(t, headers, '2026-12-01'), postScan(t, headers, '2026-12-01')]);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    const c = await postScan(t, headers, '2026-12-01');
    const done = await waitForScan(t, headers, a.body.id);
    expect(done.status).toBe('succeeded');
    // c was asked while a was queued or running, or after it finished (then a new scan).
    expect(c.body.id === a.body.id || c.body.id > a.body.id).toBe(true);
    if (c.body.id !== a.body.id) await waitForScan(t, headers, c.body.id);
  });

  it('fails the scan visibly when a shard fails after its retries, and changes no alert', async () => {
    const before = await alerts();
    const shards = t.app.get(ScanShardService);
    const spy = jest.spyOn(shards, 'run').mockImplementation(async (_scanId, shard) => {
      if (shard === 1) throw new Error('simulated database outage');
      return {};
    });
    const scan = await runScan(t, headers, '2026-12-01');
    spy.mockRestore();
    expect(scan.status).toBe('failed');
    expect(scan.error).toMatch(/shard 1 failed: simulated database outage/);
    expect(await alerts()).toEqual(before);
    // The date is free again: a new request makes a new scan that succeeds.
    const again = await runScan(t, headers, '2026-12-01');
    expect(again.status).toBe('succeeded');
    expect(again.id).not.toBe(scan.id);
  });

  it('rejects a malformed date and unauthorised roles', async () => {
    const bad = await postScan(t, headers, '2026-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/asOf must be a real date/);
    const inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1' });
    expect((await postScan(t, inspector.headers, '2026-11-09')).status).toBe(403);
  });

  it('lists scans newest first', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/scans?pageSize=3`, { headers });
    const body = (await res.json()) as { items: Array<{ id: number }>; total: number };
    expect(res.status).toBe(200);
    expect(body.items).toHaveLength(3);
    expect(body.items[0].id).toBeGreaterThan(body.items[1].id);
    expect(body.total).toBeGreaterThanOrEqual(8);
  });

  it('exposes scan durations and alerts by status on /metrics', async () => {
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(text).toMatch(/wage_scan_duration_seconds_count\{status="succeeded"\} [1-9]/);
    expect(text).toMatch(/wage_scan_duration_seconds_count\{status="failed"\} [1-9]/);
    expect(text).toMatch(/wage_alerts_by_status\{status="open"\} 2/);
  });

  it('the nightly job creates today\'s scan (Asia/Shanghai) through the same path as the API', async () => {
    const { scanId } = await t.app.get(ScanJobs).nightly();
    const scan = await waitForScan(t, headers, scanId);
    expect(scan).toMatchObject({ status: 'succeeded', asOf: shanghaiDate(new Date()), trigger: 'scheduled' });
  });

  it('a retried finalize or shard of a finished scan changes nothing', async () => {
    const [{ id }] = await ds.query(`SELECT id FROM scans WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1`);
    const before = await alerts();
    const [eventsBefore] = await ds.query(`SELECT count(*)::int AS n FROM alert_events`);
    await t.app.get(ScanShardService).run(Number(id), 0);
    await t.app.get(ScanFinalizeService).run(Number(id));
    expect(await alerts()).toEqual(before);
    expect((await ds.query(`SELECT count(*)::int AS n FROM alert_events`))[0]).toEqual(eventsBefore);
  });
});
