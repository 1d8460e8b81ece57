import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { Role } from '@wage/auth';
import { TOTAL_SHEET } from '@wage/reports';
import { loginAs, TEST_PASSWORD } from '../support/auth';
import { at, reportFixtures } from '../support/report-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { api } from '../support/workflow-fixtures';
import { ensureConsoleBuilt, launchBrowser, login, screenshot } from './browser';

/** The 统计 dashboard in a real browser: what a brigade lead reads equals what the API says. */
interface Figures {
  [k: string]: unknown;
  wagesRecovered: string;
  coverage: Record<string, number | null>;
}

// Written independently of the console's own formatting helpers.
const count = (n: unknown): string => new Intl.NumberFormat('zh-CN').format(Number(n));
const yuan = (s: string): string => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(s));
const pct = (r: unknown): string => (r === null ? '—' : `${(Number(r) * 100).toFixed(2)}%`);

describe('console dashboard (统计)', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestApp({ workers: false });
    browser = await launchBrowser();
    const fx = reportFixtures(t);
    await fx.seedReference();
    const admin = await loginAs(t, { role: Role.Admin });
    const act = async (when: Date, id: number, body: Record<string, unknown>) => {
      fx.setClock(when);
      const res = await api(t, 'POST', `/alerts/${id}/actions`, admin, body);
      fx.resetClock();
      expect(res.status).toBe(200);
    };
    const a1 = await fx.raise('P1', 'orange', at('2026-03-02 10:00'));
    await act(at('2026-03-03 10:00'), a1, { action: 'resolve', resolution: 'wages_paid', recoveredAmount: '1234567.89', workersPaid: 120 });
    const a2 = await fx.raise('P2', 'red', at('2026-04-01 10:00'));
    await act(at('2026-04-20 10:00'), a2, { action: 'resolve', resolution: 'advance_paid_by_gc', recoveredAmount: '100.01', workersPaid: 3 });
    const a3 = await fx.raise('P2', 'yellow', at('2026-05-06 10:00'), 'NOTICE_BOARD_MISSING');
    await fx.clear(a3, at('2026-05-07 02:00'));
    await fx.raise('P3', 'red', at('2026-06-01 10:00'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lands a brigade lead on the dashboard with the API’s figures, trend, units, coverage and export', async () => {
    const lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1', username: 'lead_b1' });
    const summary = async (groupBy: string) => (await api(t, 'GET', `/reports/summary?groupBy=${groupBy}`, lead)).body as { rows: Array<Figures & { label: string }>; total: Figures };
    const total = (await summary('none')).total;
    const units = (await summary('unit')).rows;
    expect(total.wagesRecovered).toBe('1234667.90');

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    await login(page, t.baseUrl, lead.principal.username, TEST_PASSWORD);
    await page.waitForURL(/#\/dashboard$/);
    const figure = (key: string) => page.locator(`[data-figure="${key}"] .figure-value`).innerText();
    await page.locator('[data-figure="wagesRecovered"] .figure-value').waitFor();
    expect(await figure('wagesRecovered')).toBe(yuan(total.wagesRecovered));
    expect(await figure('wagesRecovered')).toBe('1,234,667.90');
    for (const key of ['workersPaid', 'alertsRaised', 'alertsCleared', 'alertsResolved', 'alertsOpenAtEnd', 'projectsMonitored', 'cluesReceived']) {
      expect([key, await figure(key)]).toEqual([key, count(total[key])]);
    }
    for (const key of ['onTimeRate', 'clueClosureRate', 'clueReviewPassRate']) expect([key, await figure(key)]).toEqual([key, pct(total[key])]);

    for (const [key, value] of Object.entries(total.coverage)) {
      const text = await page.locator(`[data-coverage="${key}"] .coverage-value`).innerText();
      expect([key, text.trim()]).toEqual([key, value === null ? '无数据' : pct(value)]);
    }

    const rows = page.locator('.report-units tbody tr.ant-table-row');
    expect(await rows.count()).toBe(units.length);
    for (let i = 0; i < units.length; i++) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      expect([cells[0], cells[2], cells[7]]).toEqual([units[i].label, count(units[i].alertsRaised), yuan(units[i].wagesRecovered)]);
    }
    expect(await page.getByRole('img', { name: '月度趋势' }).count()).toBe(1);
    await screenshot(page, 'dashboard');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(TOTAL_SHEET) as ExcelJS.Worksheet;
    const headers = (sheet.getRow(9).values as unknown[]).slice(1);
    expect(sheet.getRow(10).getCell(headers.indexOf('追回工资（元）') + 1).value).toBe(1234667.9);
    await page.close();
  });

  it('keeps inspectors on their queue and links them to the dashboard', async () => {
    const inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1', username: 'inspector_t1' });
    const page = await browser.newPage();
    await login(page, t.baseUrl, inspector.principal.username, TEST_PASSWORD);
    await page.waitForURL(/#\/alerts$/);
    await page.getByRole('link', { name: '统计' }).click();
    await page.locator('[data-figure="wagesRecovered"] .figure-value').waitFor();
    expect(await page.locator('[data-figure="wagesRecovered"] .figure-value').innerText()).toBe('1,234,567.89');
    await page.close();
  });
});
