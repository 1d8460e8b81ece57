import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { writeDataset } from '@wage/generator';
import { AppConfig } from '@wage/config';
import { RULE_CATALOGUE } from '../../libs/rules/src/catalogue';
import { EVIDENCE_SAMPLES, evidenceShape } from '../../libs/rules/src/testing/evidence-samples';
import { adminHeaders } from '../support/auth';
import { importFile } from '../support/ingest';
import { runScan } from '../support/scans';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureConsoleBuilt, launchBrowser, login, screenshot } from './browser';
import { missingFigures, renderings, visibleIdentifiers } from './content';

const ORDER = ['enterprises', 'projects', 'inspection_units', 'industry_bureaus', 'wage_accounts', 'deposits', 'labor_cost_allocations', 'workers', 'attendance', 'payroll', 'clues', 'watchlist'];
const AS_OF = '2026-11-03';

interface AlertItem {
  id: number;
  projectCode: string;
  rule: string;
  severity: string;
  evidence: Record<string, unknown>;
  thresholds: Record<string, unknown>;
}

/**
 * The console read as an inspector reads it, on a generated province (the demo's data):
 * every figure of every rule's evidence is on its alert page, the project page shows the
 * API's figures, and no page shows an identifier or an English status.
 */
describe('console content on demo data', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let headers: Record<string, string>;
  let dir: string;
  let admin: string;
  const alerts = new Map<string, AlertItem>();

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${t.baseUrl}/api/v1${path}`, { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const clean = async (where: string): Promise<void> => {
    expect({ where, found: await visibleIdentifiers(page, [admin]) }).toEqual({ where, found: [] });
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    dir = await mkdtemp(join(tmpdir(), 'wage-console-'));
    const { manifest } = await writeDataset(dir, { projects: 40, seed: 7, asOf: AS_OF, workersPerProject: 20, months: 6 });
    t = await startTestApp();
    headers = await adminHeaders(t);
    for (const dataset of ORDER) {
      const file = manifest.files[dataset].file;
      const view = await importFile(t, headers, dataset, await readFile(join(dir, file)), file);
      expect({ dataset, status: view.status }).toEqual({ dataset, status: 'succeeded' });
    }
    expect((await runScan(t, headers, AS_OF)).status).toBe('succeeded');
    const generated = await fetch(`${t.baseUrl}/api/v1/notices/generate`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ asOf: AS_OF }) });
    expect(generated.status).toBe(202);
    for (let p = 1; ; p++) {
      const body = await api<{ items: AlertItem[]; total: number }>(`/alerts?pageSize=500&page=${p}&status=open,acknowledged,in_progress,resolved,cleared`);
      for (const a of body.items) if (!alerts.has(a.rule)) alerts.set(a.rule, a);
      if (body.items.length < 500) break;
    }
    const config = t.app.get(AppConfig);
    admin = config.ADMIN_USERNAME ?? 'admin';
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${t.baseUrl}/console/#/login`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请输入用户名').waitFor();
    await screenshot(page, 'login');
    expect(await visibleIdentifiers(page, [])).toEqual([]);
    await login(page, t.baseUrl, admin, config.ADMIN_PASSWORD ?? '');
    await page.waitForURL(/#\/alerts$/);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the demo data raises an alert of every rule, each with evidence of the shared schema', () => {
    expect([...alerts.keys()].sort()).toEqual(expect.arrayContaining(Object.keys(EVIDENCE_SAMPLES).sort()));
    for (const [rule, sample] of Object.entries(EVIDENCE_SAMPLES)) {
      const real = new Set(evidenceShape(alerts.get(rule)?.evidence));
      // Lists may be empty in a real alert; every field the API sent must be in the schema.
      expect({ rule, extra: [...real].filter((f) => !evidenceShape(sample).includes(f)) }).toEqual({ rule, extra: [] });
    }
  });

  it('the queue is in Chinese', async () => {
    await page.locator('.alert-table tbody tr[data-alert-id]').first().waitFor();
    await screenshot(page, 'alert-queue');
    await clean('alert queue');
  });

  it('for an alert of each rule, every figure of its evidence and thresholds is on its page', async () => {
    const failures: string[] = [];
    for (const [rule, alert] of [...alerts.entries()].sort()) {
      await page.goto(`${t.baseUrl}/console/#/alerts/${alert.id}`);
      await page.locator(`.evidence[data-rule="${rule}"]`).waitFor();
      await page.locator('.timeline').waitFor();
      const text = await page.locator('.app-main').innerText();
      const missing = [...missingFigures(text, alert.evidence), ...missingFigures(text, alert.thresholds)];
      if (missing.length) failures.push(`${rule} #${alert.id}: ${missing.join(', ')}`);
      expect(await page.locator('.evidence-sentence').count()).toBe(1);
      await screenshot(page, `alert-${rule}`);
      const found = await visibleIdentifiers(page, [admin]);
      if (found.length) failures.push(`${rule} #${alert.id} shows ${found.join(', ')}`);
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('CONSECUTIVE_ARREARS shows both months with payable, paid, ratio, payroll rows and attending workers', async () => {
    const alert = alerts.get('CONSECUTIVE_ARREARS')!;
    const periods = alert.evidence.periods as Array<Record<string, string | number>>;
    expect(periods).toHaveLength(2);
    await page.goto(`${t.baseUrl}/console/#/alerts/${alert.id}`);
    const table = page.locator('.evidence[data-rule="CONSECUTIVE_ARREARS"] [data-testid="evidence-list-0"]');
    await table.waitFor();
    const rows = await table.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(rows).toHaveLength(2);
    periods.forEach((p, i) => {
      expect(rows[i]).toContain(String(p.period));
      for (const key of ['payableYuan', 'paidYuan', 'payrollRows', 'attendingWorkers']) expect(renderings(p[key]).some((r) => rows[i].includes(r))).toBe(true);
    });
    expect(await table.locator('thead').innerText()).toMatch(/应发工资（元）[\s\S]*实发工资（元）[\s\S]*发放比例/);
  });

  it("the project page shows the API's name, parties, risk score, shortfall and months", async () => {
    const top = await api<{ items: Array<{ projectCode: string; riskScore: number }> }>('/projects?pageSize=1');
    const code = top.items[0].projectCode;
    const view = await api<{
      project: { name: string };
      risk: { riskScore: number; shortfall: string; openAlerts: number };
      parties: Record<string, { name: string; uscc: string }>;
      monthly: Array<{ period: string; payable: string; paid: string; attendanceHeadcount: number }>;
      openAlerts: Array<{ dueAt: string | null }>;
    }>(`/projects/${encodeURIComponent(code)}`);
    expect(view.risk.riskScore).toBeGreaterThan(0);
    await page.goto(`${t.baseUrl}/console/#/projects/${encodeURIComponent(code)}`);
    await page.locator('.project-months tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('h2.project-heading').innerText()).toContain(view.project.name);
    expect(await page.locator('[data-testid="risk-score"] .ant-statistic-content').innerText()).toBe(`${view.risk.riskScore}分`);
    expect(renderings(view.risk.shortfall)).toContain(await page.locator('[data-testid="risk-shortfall"] .ant-statistic-content').innerText());
    expect(await page.locator('[data-testid="risk-open"] .ant-statistic-content').innerText()).toBe(`${view.risk.openAlerts}条`);
    const text = await page.locator('.app-main').innerText();
    expect(text).toContain('建设单位');
    expect(text).toContain('施工总承包单位');
    for (const party of Object.values(view.parties)) expect(text).toContain(party.uscc);
    const months = await page.locator('.project-months tbody tr.ant-table-row').allInnerTexts();
    expect(months).toHaveLength(view.monthly.length);
    view.monthly.forEach((m, i) => {
      expect(months[i]).toContain(m.period);
      expect(renderings(m.payable).some((r) => months[i].includes(r))).toBe(true);
      expect(renderings(m.paid).some((r) => months[i].includes(r))).toBe(true);
    });
    // Open alerts name the project and carry their deadline.
    const alertRows = await page.locator('.alert-table tbody tr[data-alert-id]').allInnerTexts();
    expect(alertRows.length).toBe(view.openAlerts.length);
    for (const row of alertRows) expect(row).toContain(view.project.name);
    expect(view.openAlerts.some((a) => a.dueAt)).toBe(true);
    await screenshot(page, 'project');
    await clean('project page');
  });

  it('the scans page labels every rule and shows the scan status in Chinese', async () => {
    await page.goto(`${t.baseUrl}/console/#/scans`);
    await page.locator('.scans-table tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('.scans-table tbody tr.ant-table-row').first().innerText()).toContain('已完成');
    // Every rule is named next to the chart, with the scan's count (0 when it raised none).
    const scans = await api<{ items: Array<{ byRule: Record<string, number> }> } | Array<{ byRule: Record<string, number> }>>('/scans');
    const byRule = (Array.isArray(scans) ? scans : scans.items)[0].byRule;
    const rows = await page.locator('.scan-by-rule tbody tr.ant-table-row').allInnerTexts();
    expect(rows.length).toBeGreaterThanOrEqual(Object.keys(RULE_CATALOGUE).length);
    for (const row of rows) expect(row).toMatch(/^[\u4e00-\u9fff]+\t\d+$/);
    const total = rows.reduce((sum, r) => sum + Number(r.split('\t')[1]), 0);
    expect(total).toBe(Object.values(byRule).reduce((a, b) => a + b, 0));
    await page.waitForTimeout(500);
    await screenshot(page, 'scans');
    await clean('scans');
  });

  it('the notices page explains when notices appear, and lists and opens them', async () => {
    await page.goto(`${t.baseUrl}/console/#/notices`);
    await page.getByText('联合通知何时生成').waitFor();
    // An admin runs the daily grouping now: today's alerts are already on the notices above, so none is new.
    await page.getByRole('button', { name: '立即生成今日通知' }).click();
    await page.getByText(/没有新的通知|已生成通知/).waitFor();
    await page.locator('.notices-table tbody tr[data-notice-id]').first().waitFor();
    await screenshot(page, 'notices');
    await clean('notices');
    await page.locator('.notices-table tbody tr[data-notice-id] a').first().click();
    await page.locator('.notice-items tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'notice-detail');
    await clean('notice detail');
  });

  it('the imports page names datasets, statuses and errors in Chinese', async () => {
    await page.goto(`${t.baseUrl}/console/#/imports`);
    await page.locator('input[type=file]').setInputFiles({ name: '项目.csv', mimeType: 'text/csv', buffer: Buffer.from('project_code,name,region_code,industry,construction_unit_uscc,general_contractor_uscc,contract_amount,contract_signed_on,status\nUP-BAD,坏行,42011,housing,x,y,abc,2026-13-01,in_progress\n') });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    await page.locator('.import-result[data-status="succeeded_with_errors"], .import-result[data-status="failed"]').waitFor({ timeout: 30_000 });
    await page.locator('.import-errors tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'imports');
    // The uploaded file's own name is the user's data.
    expect(await visibleIdentifiers(page, [admin, '项目.csv'])).toEqual([]);
  });

  it('every admin tab is in Chinese', async () => {
    await page.goto(`${t.baseUrl}/console/#/admin`);
    for (const [tab, name] of [
      ['用户', 'admin-users'],
      ['API 密钥', 'admin-keys'],
      ['监察机构与主管部门', 'admin-units'],
      ['地区阈值配置', 'admin-profiles'],
      ['投递失败消息', 'admin-dead-letters'],
    ]) {
      await page.getByRole('tab', { name: tab }).click();
      await page.locator('[role=tabpanel]:visible .ant-table').first().waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, name);
      await clean(`admin ${tab}`);
    }
  });
});
