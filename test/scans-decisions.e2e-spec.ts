import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { QueueName } from '@wage/queues';
import { assessedPeriod } from '@wage/rules';
import { shanghaiDate } from '@wage/calendar';
import { ScanJobs } from '@wage/scans';
import { escalationJobId } from '@wage/workflow';
import { LoggedIn, loginAs } from './support/auth';
import { FakeFinding, fakeRuleEngine, insertProjects, postScan, runScan, waitForScan } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';
import { api } from './support/workflow-fixtures';

/**
 * rules.md "Identity, re-evaluation and clearing": people's decisions survive the nightly
 * scan, scans are ordered by their date, and older periods are re-evaluated. Every scan
 * looks at every project of the app, so the dates rise through the file (a scan may not
 * change what a later-dated scan touched) except where a test goes back on purpose.
 */
describe('scans respect decisions and dates', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: LoggedIn;
  let engine: ReturnType<typeof fakeRuleEngine>;
  let escalations: Queue;

  const OCT = '2026-10-01';
  const byCode = async (project: string, rule = 'PAY_RATIO_LOW'): Promise<Record<string, unknown>> => {
    const [row] = await ds.query(`SELECT id FROM alerts WHERE project_code = $1 AND rule = $2`, [project, rule]);
    const res = await api(t, 'GET', `/alerts/${row.id}`, admin);
    expect(res.status).toBe(200);
    return res.body;
  };
  const listItem = async (id: number): Promise<Record<string, unknown>> => {
    const res = await api(t, 'GET', `/alerts?pageSize=500`, admin);
    return (res.body.items as Array<Record<string, unknown>>).find((i) => i.id === id) as Record<string, unknown>;
  };
  const actions = (alert: Record<string, unknown>): string[] => (alert.events as Array<{ action: string }>).map((e) => e.action);
  const finding = (projectCode: string, severity: FakeFinding['severity'] = 'orange', period = OCT): FakeFinding => ({
    projectCode,
    rule: 'PAY_RATIO_LOW',
    period,
    severity,
    shortfallFen: 50_000,
  });
  const scan = async (asOf: string): Promise<Record<string, unknown>> => {
    const report = await runScan(t, admin.headers, asOf);
    expect(report.status).toBe('succeeded');
    return report;
  };
  const act = async (id: unknown, body: Record<string, unknown>, who: LoggedIn = admin): Promise<void> => {
    const res = await api(t, 'POST', `/alerts/${String(id)}/actions`, who, body);
    expect([res.status, res.body.message]).toEqual([200, undefined]);
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { SCAN_SHARDS: '2' } });
    ds = t.app.get(DataSource);
    admin = await loginAs(t, { role: Role.Admin });
    engine = fakeRuleEngine(t);
    escalations = t.app.get<Queue>(getQueueToken(QueueName.Escalations));
    const codes = ['FP', 'GONE', 'BD-1', 'BD-2', 'BD-3', 'PAR-1', 'PAR-2', 'OLD-C', 'OLD-R', 'FP-NIGHTLY', ...RESOLUTIONS.map((r) => `RES-${r}`)];
    await insertProjects(t, codes.map((code) => ({ code })));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it('keeps a false-positive resolution through ten nightly scans that still see the condition', async () => {
    engine.findings.push(finding('FP'));
    await scan('2026-11-01');
    const raised = await byCode('FP');
    await act(raised.id, { action: 'resolve', resolution: 'false_positive', note: '工资已在银行流水中核实，数据源错误' });
    for (let day = 2; day <= 11; day++) {
      engine.findings.find((f) => f.projectCode === 'FP')!.severity = day % 2 ? 'red' : 'orange';
      await scan(`2026-11-${String(day).padStart(2, '0')}`);
    }
    const after = await byCode('FP');
    expect(after).toMatchObject({
      status: 'resolved',
      resolution: 'false_positive',
      resolutionNote: '工资已在银行流水中核实，数据源错误',
      severity: 'orange', // the decision froze what the inspector saw
      dueAt: null,
      overdue: false,
      conditionStillPresent: true,
      occurrenceCount: 11,
      lastScanAsOf: '2026-11-11',
    });
    expect(new Date(after.lastSeenAt as string).getTime()).toBeGreaterThan(new Date(raised.lastSeenAt as string).getTime());
    // One note that the condition is still there, no reopen, no routing or timers again.
    expect(actions(after).filter((a) => a !== 'routed')).toEqual(['raised', 'resolve', 'condition_still_present']);
    expect(actions(after).filter((a) => a === 'routed').length).toBe(actions(raised).filter((a) => a === 'routed').length);
    expect(await listItem(after.id as number)).toMatchObject({ status: 'resolved', conditionStillPresent: true });
  });

  const RESOLUTIONS = ['case_filed', 'transferred_arbitration', 'transferred_police', 'duplicate', 'wages_paid', 'project_closed'] as const;

  it.each(RESOLUTIONS)('keeps an alert resolved as %s while its condition holds', async (resolution) => {
    const project = `RES-${resolution}`;
    engine.findings.push(finding(project, 'red'));
    await scan('2026-11-12');
    const alert = await byCode(project);
    expect(alert.status).toBe('open');
    await act(alert.id, { action: 'resolve', resolution });
    await scan('2026-11-13');
    expect(await byCode(project)).toMatchObject({ status: 'resolved', resolution, conditionStillPresent: true });
  });

  it('reopens a resolved alert only after a scan saw the condition gone and a later one sees it back, without the stale resolution', async () => {
    engine.findings.push(finding('GONE', 'red'));
    await scan('2026-11-14');
    const alert = await byCode('GONE');
    await act(alert.id, { action: 'resolve', resolution: 'wages_paid', recoveredAmount: '1234.50', workersPaid: 3, note: '总包已支付' });
    expect(await listItem(alert.id as number)).toMatchObject({ recoveredAmount: '1234.50', workersPaid: 3 });

    engine.findings = engine.findings.filter((f) => f.projectCode !== 'GONE');
    await scan('2026-11-15');
    expect(await byCode('GONE')).toMatchObject({ status: 'resolved', resolution: 'wages_paid', conditionStillPresent: false, recoveredAmount: '1234.50' });

    engine.findings.push(finding('GONE', 'orange'));
    const report = await scan('2026-11-16');
    expect(report.alertsRaised).toBeGreaterThanOrEqual(1);
    const back = await byCode('GONE');
    expect(back).toMatchObject({
      status: 'open',
      severity: 'orange',
      resolution: null,
      resolutionNote: null,
      recoveredAmount: null,
      workersPaid: null,
      conditionStillPresent: null,
      overdue: false,
    });
    expect(new Date(back.dueAt as string).getTime()).toBeGreaterThan(Date.now());
    // The reopened alert has a timer for its fresh acknowledgement deadline.
    const timer = await escalations.getJob(escalationJobId(back.id as number, 1));
    expect(Math.abs((timer?.timestamp ?? 0) + (timer?.delay ?? 0) - new Date(back.dueAt as string).getTime())).toBeLessThan(60_000);
    expect(actions(back).filter((a) => a !== 'routed')).toEqual(['raised', 'resolve', 'condition_gone', 'reopened']);
    const reopened = (back.events as Array<{ action: string; data: Record<string, unknown> }>).find((e) => e.action === 'reopened');
    expect(reopened?.data).toMatchObject({ previousResolution: 'wages_paid', reason: 'condition back after it had gone' });
    // The history keeps what the resolution said.
    const resolve = (back.events as Array<{ action: string; note: string; data: Record<string, unknown> }>).find((e) => e.action === 'resolve');
    expect(resolve).toMatchObject({ note: '总包已支付', data: { recoveredFen: 123450, workersPaid: 3 } });
  });

  it('never lets a back-dated scan change what a later-dated scan touched (it may raise new alerts)', async () => {
    engine.findings.push(finding('BD-1', 'red'), finding('BD-2', 'orange'));
    await scan('2026-11-20');
    const before1 = await byCode('BD-1');
    const before2 = await byCode('BD-2');

    // Last month's picture: BD-1 milder, BD-2 gone, BD-3 new.
    engine.findings = engine.findings.filter((f) => !f.projectCode.startsWith('BD-'));
    engine.findings.push(finding('BD-1', 'yellow'), finding('BD-3', 'orange'));
    const report = await scan('2026-11-17');
    expect(report.alertsCleared).toBe(0);

    const after1 = await byCode('BD-1');
    const after2 = await byCode('BD-2');
    for (const key of ['status', 'severity', 'evidence', 'lastSeenAt', 'occurrenceCount', 'lastScanAsOf']) {
      expect([key, after1[key]]).toEqual([key, before1[key]]);
      expect([key, after2[key]]).toEqual([key, before2[key]]);
    }
    expect(after1).toMatchObject({ status: 'open', severity: 'red', lastScanAsOf: '2026-11-20' });
    expect(after2).toMatchObject({ status: 'open', lastScanAsOf: '2026-11-20' });
    expect(actions(after2)).not.toContain('cleared');
    expect(await byCode('BD-3')).toMatchObject({ status: 'open', lastScanAsOf: '2026-11-17' });
    // The other projects' alerts, touched by later scans, are untouched too.
    expect(await byCode('GONE')).toMatchObject({ status: 'open', lastScanAsOf: '2026-11-20' });
  });

  it('gives the later date’s picture when scans of two dates run at the same time, whichever finishes last', async () => {
    for (const [project, newerFirst] of [['PAR-1', true], ['PAR-2', false]] as const) {
      engine.findings.push(
        { ...finding(project, 'yellow'), asOf: '2026-11-24' },
        { ...finding(project, 'red'), asOf: '2026-11-25' },
      );
      const dates = newerFirst ? ['2026-11-25', '2026-11-24'] : ['2026-11-24', '2026-11-25'];
      const posted = await Promise.all(dates.map((d) => postScan(t, admin.headers, d)));
      for (const p of posted) expect((await waitForScan(t, admin.headers, p.body.id)).status).toBe('succeeded');
      expect(await byCode(project)).toMatchObject({ status: 'open', severity: 'red', lastScanAsOf: '2026-11-25' });
    }
  });

  it('re-evaluates cleared and resolved alerts of older periods and reopens them when a correction makes them wrong again', async () => {
    engine.findings.push(finding('OLD-C'), finding('OLD-R'));
    await scan('2026-11-26');
    const resolved = await byCode('OLD-R');
    await act(resolved.id, { action: 'resolve', resolution: 'rectified' });

    // As of today P is November: October is re-evaluated for October, and its wages now look paid.
    engine.findings = engine.findings.filter((f) => !f.projectCode.startsWith('OLD-'));
    const today = shanghaiDate(new Date());
    await scan(today);
    expect(await byCode('OLD-C')).toMatchObject({ status: 'cleared', clearReason: 'condition no longer holds' });
    expect(await byCode('OLD-R')).toMatchObject({ status: 'resolved', conditionStillPresent: false });

    // A payroll correction makes October wrong again: the cleared alert reopens (not a
    // second row), and so does the resolved one whose condition had gone.
    engine.findings.push(finding('OLD-C', 'red'), finding('OLD-R', 'red'));
    await scan(today);
    expect(await byCode('OLD-C')).toMatchObject({ status: 'open', severity: 'red', clearReason: null, period: '2026-10' });
    expect(await byCode('OLD-R')).toMatchObject({ status: 'open', severity: 'red', resolution: null });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM alerts WHERE project_code IN ('OLD-C', 'OLD-R')`);
    expect(n).toBe(2);
  });

  it('keeps a false positive through ten runs of the nightly job itself', async () => {
    engine.findings.push(finding('FP-NIGHTLY', 'red', assessedPeriod(shanghaiDate(new Date()))));
    const nightly = async (): Promise<void> => {
      const { scanId } = await t.app.get(ScanJobs).nightly();
      expect((await waitForScan(t, admin.headers, scanId)).status).toBe('succeeded');
    };
    await nightly();
    const [{ id }] = await ds.query(`SELECT id FROM alerts WHERE project_code = 'FP-NIGHTLY'`);
    await act(id, { action: 'resolve', resolution: 'false_positive', note: '重复上报' });
    for (let i = 0; i < 10; i++) await nightly();
    expect(await byCode('FP-NIGHTLY')).toMatchObject({ status: 'resolved', resolution: 'false_positive', occurrenceCount: 11, conditionStillPresent: true });
  });

  it('accepts scan dates from 400 days ago to today; brigade leads only today', async () => {
    const today = shanghaiDate(new Date());
    const lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1' });
    const back = await postScan(t, lead.headers, '2026-11-03');
    expect(back.status).toBe(403);
    expect(JSON.stringify(back.body)).toContain(`brigade leads may scan only today's date (${today})`);
    const future = await postScan(t, admin.headers, '2099-01-01');
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('is in the future');
    const old = await postScan(t, admin.headers, '2024-01-01');
    expect(old.status).toBe(400);
    expect(JSON.stringify(old.body)).toContain('more than 400 days ago');
    const mine = await postScan(t, lead.headers);
    expect(mine.status).toBe(202);
    const mineToo = await postScan(t, lead.headers, today);
    expect(mineToo.status).toBe(202);
    await runScan(t, admin.headers, today); // let the queue settle before closing
  });
});
