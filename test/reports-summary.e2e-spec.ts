import ExcelJS from 'exceljs';
import { Role } from '@wage/auth';
import { FIGURE_COLUMNS, NUMBER_FORMATS, ROWS_SHEET, TOTAL_SHEET } from '@wage/reports';
import { adminHeaders, createApiKey, loginAs } from './support/auth';
import { at, reportFixtures } from './support/report-fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { api } from './support/workflow-fixtures';

/**
 * Reports over known activity (March and April 2026; March has no public holidays,
 * 2026-03-02 is a Monday): every figure, each grouping, each scope, history rebuilt from
 * the event log, and the XLSX export against the JSON.
 */
type Figures = Record<string, unknown> & { key?: string; label?: string };
interface Report {
  from: string;
  to: string;
  groupBy: string;
  rows: Figures[];
  total: Figures;
}

const RATES = new Set(['onTimeRate', 'clueClosureRate', 'clueReviewPassRate', 'coverage']);

/** Every count of a figures object, flattened (a.b for nested ones); rates and the amount left out. */
function counts(f: Figures, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(f)) {
    if (RATES.has(k) || k === 'wagesRecovered' || k === 'key' || k === 'label') continue;
    if (typeof v === 'number') out[prefix + k] = v;
    else if (v && typeof v === 'object') Object.assign(out, counts(v as Figures, `${prefix}${k}.`));
  }
  return out;
}

const fen = (yuan: unknown): bigint => BigInt(String(yuan).replace('.', ''));

function expectTotalIsSumOfRows(r: Report): void {
  const total = counts(r.total);
  for (const key of Object.keys(total)) {
    expect([key, r.rows.reduce((s, row) => s + (counts(row)[key] ?? 0), 0)]).toEqual([key, total[key]]);
  }
  expect(r.rows.reduce((s, row) => s + fen(row.wagesRecovered), 0n)).toBe(fen(r.total.wagesRecovered));
}

describe('reports: summary figures', () => {
  let t: TestApp;
  let admin: { headers: Record<string, string> };
  const ids: Record<string, number> = {};

  const summary = async (who: { headers: Record<string, string> }, query: string): Promise<Report> => {
    const res = await api(t, 'GET', `/reports/summary?${query}`, who);
    expect([res.status, res.body]).toEqual([200, expect.anything()]);
    return res.body as Report;
  };
  const act = async (when: Date, id: number, body: Record<string, unknown>): Promise<void> => {
    fx.setClock(when);
    const res = await api(t, 'POST', `/alerts/${id}/actions`, admin, body);
    fx.resetClock();
    expect([res.status, res.body?.message]).toEqual([200, undefined]);
  };
  let fx: ReturnType<typeof reportFixtures>;

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    fx = reportFixtures(t);
    admin = { headers: await adminHeaders(t) };
    await fx.seedReference();

    // A1 (T1): acknowledged, resolved well before its 10-working-day deadline with wages paid; reopened in April.
    ids.a1 = await fx.raise('P1', 'orange', at('2026-03-02 10:00'));
    await act(at('2026-03-02 11:00'), ids.a1, { action: 'acknowledge' });
    await act(at('2026-03-05 10:00'), ids.a1, { action: 'resolve', resolution: 'wages_paid', recoveredAmount: '12345.67', workersPaid: 5 });
    await act(at('2026-04-10 10:00'), ids.a1, { action: 'reopen' });
    // A2 (B1): red, acknowledged 03-02 (resolve due 03-09), resolved late on 03-12.
    ids.a2 = await fx.raise('P2', 'red', at('2026-03-02 10:00'));
    await act(at('2026-03-02 12:00'), ids.a2, { action: 'acknowledge' });
    await act(at('2026-03-12 10:00'), ids.a2, { action: 'resolve', resolution: 'advance_paid_by_gc', recoveredAmount: 1000, workersPaid: 2 });
    // A3 (B2): cleared by a scan.
    ids.a3 = await fx.raise('P3', 'yellow', at('2026-03-03 10:00'));
    await fx.clear(ids.a3, at('2026-03-10 02:30'));
    // A4 (B2): red, never acknowledged, escalated when its acknowledge deadline passed.
    ids.a4 = await fx.raise('P3', 'red', at('2026-03-04 10:00'), 'PAYROLL_MISSING');
    await fx.escalate(ids.a4, at('2026-03-05 10:00'));
    // A6 (unrouted: no unit covers 429999), still open.
    ids.a6 = await fx.raise('P5', 'yellow', at('2026-03-05 10:00'));
    // A7 (B1): resolved before resolve events carried their deadline: judged by its escalation.
    ids.a7 = await fx.raise('P2', 'orange', at('2026-03-02 10:00'), 'NOTICE_BOARD_MISSING');
    await fx.escalate(ids.a7, at('2026-03-04 10:00'));
    await fx.db.query(
      `INSERT INTO alert_events (alert_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status, data)
       VALUES ($1, $2, 'user', 'legacy', 'legacy', 'resolve', 'open', 'resolved', '{"resolution":"rectified","recoveredFen":50000,"workersPaid":1}')`,
      [ids.a7, at('2026-03-06 10:00')],
    );
    await fx.db.query(`UPDATE alerts SET status = 'resolved', resolution = 'rectified', due_at = NULL WHERE id = $1`, [ids.a7]);
    // A5 (T1), April: a false positive resolved at once.
    ids.a5 = await fx.raise('P1', 'orange', at('2026-04-02 10:00'), 'ACCOUNT_NOT_FILED');
    await act(at('2026-04-03 09:00'), ids.a5, { action: 'resolve', resolution: 'false_positive' });

    // Notices: N1 answered on time, N2 answered late, N3 answered after March.
    await fx.notice('ZJ-420101', '2026-03-10', at('2026-03-24 18:00'), at('2026-03-20 09:00'), [ids.a2, ids.a1]);
    await fx.notice('ZJ-420102', '2026-03-12', at('2026-03-26 18:00'), at('2026-03-30 09:00'), [ids.a4]);
    await fx.notice('ZJ-420101', '2026-03-25', at('2026-04-08 18:00'), at('2026-04-02 09:00'), [ids.a7]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const MARCH = 'from=2026-03-01&to=2026-03-31';

  it('counts March exactly, with the state at the end of March rebuilt from the events', async () => {
    const r = await summary(admin, MARCH);
    expect(r).toMatchObject({ from: '2026-03-01', to: '2026-03-31', groupBy: 'none' });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toEqual({ key: 'all', label: '全部', ...r.total });
    expect(r.total).toEqual({
      projectsMonitored: 4,
      alertsRaised: 6,
      alertsRaisedBySeverity: { red: 2, orange: 2, yellow: 2 },
      alertsCleared: 1,
      alertsResolved: 3,
      alertsResolvedByResolution: expect.objectContaining({ wages_paid: 1, advance_paid_by_gc: 1, rectified: 1, false_positive: 0, other: 0 }),
      alertsResolvedOnTime: 1,
      onTimeRate: 0.3333,
      alertsOpenAtEnd: 2,
      alertsOverdueAtEnd: 1,
      wagesRecovered: '13845.67',
      workersPaid: 8,
      noticesSent: 3,
      noticesAnswered: 2,
      noticesAnsweredOnTime: 1,
      cluesReceived: 0,
      cluesClosed: 0,
      clueClosureRate: null,
      clueReviewPassRate: null,
      coverage: { realName: 0.5, dedicatedAccount: 0.5, deposit: 0.5, noticeBoard: 0.75, paidThroughAccount: 0.75 },
    });
  });

  it('splits March by unit, with every unit in scope listed and totals equal to the sum of rows', async () => {
    const r = await summary(admin, `${MARCH}&groupBy=unit`);
    expect(r.rows.map((row) => [row.key, row.label])).toEqual([
      ['B1', '一区劳动保障监察大队'],
      ['B2', '二区劳动保障监察大队'],
      ['T1', '一区某街道中队'],
      ['unrouted', '未分派（无管辖机构）'],
    ]);
    const row = (key: string) => r.rows.find((x) => x.key === key) as Figures;
    expect(row('T1')).toMatchObject({ projectsMonitored: 1, alertsRaised: 1, alertsResolved: 1, alertsResolvedOnTime: 1, onTimeRate: 1, wagesRecovered: '12345.67', workersPaid: 5, noticesSent: 0 });
    expect(row('B1')).toMatchObject({ projectsMonitored: 1, alertsRaised: 2, alertsResolved: 2, alertsResolvedOnTime: 0, wagesRecovered: '1500.00', workersPaid: 3, noticesSent: 2, noticesAnswered: 1, noticesAnsweredOnTime: 1 });
    expect(row('B2')).toMatchObject({ projectsMonitored: 1, alertsRaised: 2, alertsCleared: 1, alertsOpenAtEnd: 1, alertsOverdueAtEnd: 1, noticesSent: 1, noticesAnswered: 1, noticesAnsweredOnTime: 0, onTimeRate: null });
    expect(row('B2').coverage).toEqual({ realName: 1, dedicatedAccount: 0, deposit: 0, noticeBoard: 1, paidThroughAccount: 0 });
    expect(row('unrouted')).toMatchObject({ projectsMonitored: 1, alertsRaised: 1, alertsOpenAtEnd: 1, alertsOverdueAtEnd: 0 });
    expectTotalIsSumOfRows(r);
    expect(r.total).toEqual((await summary(admin, MARCH)).total);
  });

  it('splits by region', async () => {
    const r = await summary(admin, `${MARCH}&groupBy=region`);
    expect(r.rows.map((row) => [row.key, row.alertsRaised, row.projectsMonitored, row.noticesSent])).toEqual([
      ['420101', 3, 2, 2],
      ['420102', 2, 1, 1],
      ['429999', 1, 1, 0],
    ]);
    expectTotalIsSumOfRows(r);
  });

  it('splits by month, stock figures at each month end, the April reopening visible only in April', async () => {
    const r = await summary(admin, 'from=2026-01-01&to=2026-04-30&groupBy=month');
    expect(r.rows.map((row) => [row.key, row.label])).toEqual([
      ['2026-01', '2026年1月'],
      ['2026-02', '2026年2月'],
      ['2026-03', '2026年3月'],
      ['2026-04', '2026年4月'],
    ]);
    const pick = (row: Figures) => [row.key, row.projectsMonitored, row.alertsRaised, row.alertsResolved, row.wagesRecovered, row.alertsOpenAtEnd, row.alertsOverdueAtEnd];
    expect(r.rows.map(pick)).toEqual([
      ['2026-01', 3, 0, 0, '0.00', 0, 0],
      ['2026-02', 4, 0, 0, '0.00', 0, 0],
      ['2026-03', 4, 6, 3, '13845.67', 2, 1],
      // A1 reopened on 04-10 (fresh deadline, not overdue), A4 still escalated, A6 open; A5 resolved at once
      ['2026-04', 4, 1, 1, '0.00', 3, 1],
    ]);
    expect(r.rows[3].alertsResolvedByResolution).toMatchObject({ false_positive: 1 });
    expect(r.rows[3].noticesAnswered).toBe(0);
    expectTotalIsSumOfRows(r);
  });

  it('reads projects and coverage at each month end exactly as a report ending that day does, deposits and workers starting and stopping inside the range', async () => {
    // P3 (needs 1 % of 8,000,000 yuan) holds 40,000 yuan since 2025-07 and 40,000 more from 02-10 to 03-20 and again from 04-01;
    // P2 has a worker only from 02-05 to 03-15.
    await fx.db.query(`INSERT INTO deposits (project_code, contractor_uscc, form, amount_fen, valid_from, valid_until) VALUES
      ('P3', '91420100MA4K000002', 'cash', 4000000, '2026-02-10', '2026-03-20'), ('P3', '91420100MA4K000002', 'cash', 4000000, '2026-04-01', NULL)`);
    await fx.db.query(`INSERT INTO workers (project_code, id_hash, id_enc, id_masked, name, employer_uscc, entered_on, exited_on)
      VALUES ('P2', '\\x7732', '\\x00', '420101********0002', '李四', '91420100MA4K000002', '2026-02-05', '2026-03-15')`);
    try {
      const byMonth = await summary(admin, 'from=2026-01-01&to=2026-04-30&groupBy=month');
      const stock = (f: Figures) => [f.projectsMonitored, f.coverage];
      const oneDay: unknown[] = [];
      for (const end of ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']) {
        oneDay.push(stock((await summary(admin, `from=${end.slice(0, 8)}01&to=${end}`)).total));
      }
      expect(byMonth.rows.map(stock)).toEqual(oneDay);
      const coverage = (row: Figures) => row.coverage as Record<string, number | null>;
      expect(byMonth.rows.map((row) => [row.key, coverage(row).deposit, coverage(row).realName])).toEqual([
        ['2026-01', 0.5, 0.6667],
        ['2026-02', 1, 0.75],
        ['2026-03', 0.5, 0.5],
        ['2026-04', 1, 0.5],
      ]);
    } finally {
      await fx.db.query(`DELETE FROM deposits WHERE project_code = 'P3' AND valid_from >= '2026-01-01'`);
      await fx.db.query(`DELETE FROM workers WHERE project_code = 'P2'`);
    }
  });

  it('reads the state of today from the alerts themselves', async () => {
    const r = await summary(admin, 'from=2026-01-01');
    // Open now: A1 (reopened), A4, A6 — every deadline long passed.
    expect(r.total).toMatchObject({ alertsRaised: 7, alertsResolved: 4, alertsOpenAtEnd: 3, alertsOverdueAtEnd: 3, noticesAnswered: 3, noticesAnsweredOnTime: 2 });
  });

  it('moves updated_at forward whenever an alert changes status or unit, even when the writer forgets (the reports rely on it)', async () => {
    const [row] = (await fx.db.query(`SELECT id, status, updated_at FROM alerts WHERE status = 'open' ORDER BY id LIMIT 1`)) as { id: number; status: string; updated_at: Date }[];
    await fx.db.query(`UPDATE alerts SET updated_at = '2020-01-01T00:00:00Z' WHERE id = $1`, [row.id]);
    const at = async (): Promise<Date> => ((await fx.db.query(`SELECT updated_at FROM alerts WHERE id = $1`, [row.id])) as { updated_at: Date }[])[0].updated_at;
    await fx.db.query(`UPDATE alerts SET escalation_level = escalation_level WHERE id = $1`, [row.id]);
    expect((await at()).toISOString()).toBe('2020-01-01T00:00:00.000Z');
    await fx.db.query(`UPDATE alerts SET status = 'in_progress' WHERE id = $1`, [row.id]);
    expect((await at()).getTime()).toBeGreaterThan(Date.now() - 60_000);
    await fx.db.query(`UPDATE alerts SET status = $2, updated_at = $3 WHERE id = $1`, [row.id, row.status, row.updated_at]);
  });

  it('limits each caller to their scope, and narrowing never widens it', async () => {
    const inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1' });
    const mine = await summary(inspector, `${MARCH}&groupBy=unit`);
    expect(mine.rows.map((row) => row.key)).toEqual(['T1']);
    expect(mine.total).toMatchObject({ projectsMonitored: 1, alertsRaised: 1, alertsResolved: 1, wagesRecovered: '12345.67', workersPaid: 5, noticesSent: 0 });

    const lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1' });
    const brigade = await summary(lead, `${MARCH}&groupBy=unit`);
    expect(brigade.rows.map((row) => row.key)).toEqual(['B1', 'T1']);
    expect(brigade.total).toMatchObject({ projectsMonitored: 2, alertsRaised: 3, alertsResolved: 3, alertsResolvedOnTime: 1, wagesRecovered: '13845.67', workersPaid: 8, noticesSent: 2, alertsOpenAtEnd: 0 });
    expectTotalIsSumOfRows(brigade);

    const other = await loginAs(t, { role: Role.Inspector, unitCode: 'B2' });
    const narrowed = await summary(other, `${MARCH}&unitCode=T1`);
    expect(narrowed.total).toMatchObject({ projectsMonitored: 0, alertsRaised: 0, wagesRecovered: '0.00', noticesSent: 0 });

    const region = await summary(admin, `${MARCH}&regionCode=420102`);
    expect(region.total).toMatchObject({ projectsMonitored: 1, alertsRaised: 2, alertsCleared: 1, alertsOpenAtEnd: 1, noticesSent: 1 });
    const unit = await summary(admin, `${MARCH}&unitCode=B1`);
    expect(unit.total).toMatchObject({ projectsMonitored: 1, alertsRaised: 2, noticesSent: 2 });

    const auditor = await loginAs(t, { role: Role.Auditor });
    expect((await summary(auditor, MARCH)).total).toEqual((await summary(admin, MARCH)).total);
  });

  it('refuses bureau officers and submitters, and names bad input', async () => {
    const officer = await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'ZJ-420101' });
    expect((await api(t, 'GET', `/reports/summary?${MARCH}`, officer)).status).toBe(403);
    expect((await api(t, 'GET', `/reports/summary.xlsx?${MARCH}`, officer)).status).toBe(403);
    const key = await createApiKey(t);
    expect((await api(t, 'GET', `/reports/summary?${MARCH}`, key)).status).toBe(403);
    const bad = await api(t, 'GET', '/reports/summary?from=2026-02-30&groupBy=week', admin);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from must be a real date');
    expect(JSON.stringify(bad.body)).toContain('groupBy must be one of none, unit, region, month');
    const reversed = await api(t, 'GET', '/reports/summary?from=2026-04-01&to=2026-03-01', admin);
    expect([reversed.status, JSON.stringify(reversed.body)]).toEqual([400, expect.stringContaining('must not be after')]);
  });

  it('documents every figure in the OpenAPI schema', async () => {
    const doc = (await (await fetch(`${t.baseUrl}/api/docs-json`)).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/reports/summary', '/api/v1/reports/summary.xlsx']));
    const figures = doc.components.schemas.SummaryFiguresDto.properties;
    const report = await summary(admin, MARCH);
    expect(Object.keys(figures).sort()).toEqual(Object.keys(report.total).sort());
    for (const [name, p] of Object.entries({ ...figures, ...doc.components.schemas.CoverageDto.properties })) {
      expect([name, (p.description ?? '').length > 20]).toEqual([name, true]);
    }
    expect(figures.wagesRecovered.description).toContain('resolve');
  });

  it('exports the same figures as XLSX: Chinese headers, numbers, money with 2 decimals, rates as percentages', async () => {
    const json = await summary(admin, `${MARCH}&groupBy=unit`);
    const res = await fetch(`${t.baseUrl}/api/v1/reports/summary.xlsx?${MARCH}&groupBy=unit`, { headers: admin.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(ROWS_SHEET) as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 2)).toEqual(['分组编码', '名称']);
    expect(headers).toEqual(expect.arrayContaining(['追回工资（元）', '按期办结率', '消除预警', '线索办结率', '实名制覆盖率']));
    const col = (header: string) => headers.indexOf(header) + 1;
    json.rows.forEach((row, i) => {
      const cells = sheet.getRow(i + 2);
      expect(cells.getCell(1).value).toBe(row.key);
      FIGURE_COLUMNS.forEach((c, j) => {
        const cell = cells.getCell(3 + j);
        const expected = c.value(row as never);
        expect([c.header, cell.value ?? null]).toEqual([c.header, expected === null ? null : Number(expected)]);
        expect(cell.numFmt).toBe(NUMBER_FORMATS[c.kind]);
      });
    });
    const b1 = sheet.getRow(2);
    expect(b1.getCell(col('追回工资（元）')).value).toBe(1500);
    expect(b1.getCell(col('追回工资（元）')).numFmt).toBe('#,##0.00');
    expect(b1.getCell(col('按期办结率')).value).toBe(0);
    expect(b1.getCell(col('按期办结率')).numFmt).toBe('0.00%');
    expect(typeof b1.getCell(col('新增预警')).value).toBe('number');

    const total = wb.getWorksheet(TOTAL_SHEET) as ExcelJS.Worksheet;
    const query = Object.fromEntries([1, 2, 3].map((r) => [total.getRow(r).getCell(1).value, total.getRow(r).getCell(2).value]));
    expect(query).toEqual({ 统计起始日: '2026-03-01', 统计截止日: '2026-03-31', 分组方式: '按监察机构' });
    const totalRow = total.getRow(10);
    expect(totalRow.getCell(2).value).toBe('合计');
    expect(totalRow.getCell(col('追回工资（元）')).value).toBe(13845.67);
    expect(totalRow.getCell(col('按期办结率')).value).toBe(0.3333);
    expect(totalRow.getCell(col('在监项目数')).value).toBe(json.total.projectsMonitored);
  });
});
