import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { usccCheckChar } from '@wage/generator';
import { Role } from '@wage/auth';
import { AppConfig } from '@wage/config';
import { adminHeaders, loginAs, TEST_PASSWORD } from '../support/auth';
import { noticeFixtures } from '../support/notice-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureConsoleBuilt, launchBrowser, login, screenshot } from './browser';
import { choose, visibleIdentifiers } from './content';

const uscc = (serial: string): string => {
  const first17 = `91420100${serial.padStart(9, '0')}`;
  return first17 + usccCheckChar(first17);
};

async function seedAlerts(ds: DataSource): Promise<void> {
  await ds.query(`INSERT INTO inspection_units (unit_code, name, kind, region_code) VALUES
    ('U-HS', '洪山区劳动保障监察大队', 'brigade', '420111'), ('U-JA', '江岸区劳动保障监察大队', 'brigade', '420102')`);
  const projects = [
    ['HS-001', '洪山区某安置房项目', '420111'],
    ['HS-002', '洪山区某学校改扩建工程', '420111'],
    ['JA-001', '江岸区某商业综合体', '420102'],
  ];
  for (const [code, name, region] of projects) {
    await ds.query(
      `INSERT INTO projects (project_code, name, region_code, industry, construction_unit_uscc, general_contractor_uscc,
         contract_amount_fen, contract_signed_on, status, notice_board_posted)
       VALUES ($1, $2, $3, 'housing', $4, $5, 800000000, '2026-01-10', 'in_progress', true)`,
      [code, name, region, uscc('1'), uscc('2')],
    );
  }
  const alerts: Array<[string, string, string, string]> = [
    ['HS-001', 'PAY_RATIO_LOW', 'red', 'U-HS'],
    ['HS-002', 'NOTICE_BOARD_MISSING', 'yellow', 'U-HS'],
    ['JA-001', 'PAYROLL_MISSING', 'red', 'U-JA'],
  ];
  for (const [code, rule, severity, unit] of alerts) {
    await ds.query(
      `INSERT INTO alerts (fingerprint, project_code, rule, period, severity, status, joint, evidence, thresholds, rule_version,
         shortfall_fen, first_seen_at, last_seen_at, unit_code, routing_reason, version)
       VALUES ($1, $2, $3, '2026-10-01', $4, 'open', false, $5, '{"payRatioThreshold":0.8}', 1, 0, now(), now(), $6, 'test', 1)`,
      [`${code}|${rule}|2026-10`, code, rule, severity, JSON.stringify({ period: '2026-10', payable: '100000.00', paid: '40000.00', ratio: '0.40' }), unit],
    );
  }
}

describe('web console in a real browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestApp();
    browser = await launchBrowser();
    await seedAlerts(t.app.get(DataSource));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an inspector sees only their unit, claims an alert and resolves it', async () => {
    const inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'U-HS', username: 'inspector_hs' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, t.baseUrl, inspector.principal.username, TEST_PASSWORD);
    await page.waitForSelector('.alert-table tbody tr.ant-table-row');
    const projects = await page.locator('.alert-table tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(projects.sort()).toEqual(['洪山区某学校改扩建工程', '洪山区某安置房项目']);
    await screenshot(page, 'alert-queue');

    await page.getByRole('button', { name: '领取下一条' }).click();
    await page.waitForURL(/#\/alerts\/\d+$/);
    await page.getByText('预警证据').waitFor();
    await screenshot(page, 'alert-detail');

    for (const action of ['签收', '开始处理']) {
      await page.getByRole('button', { name: '办理', exact: true }).click();
      await page.locator('.ant-drawer-body form').waitFor();
      await choose(page, '操作', action);
      await page.getByRole('button', { name: '提交' }).click();
      await page.locator('.timeline .timeline-item', { hasText: action }).first().waitFor();
    }
    await page.getByRole('button', { name: '办理', exact: true }).click();
    await choose(page, '操作', '办结');
    await choose(page, '办结方式', '已足额支付');
    await page.getByLabel('追回工资（元）').fill('6000O');
    await page.getByRole('button', { name: '提交' }).click();
    // The form names the problem in Chinese before anything is sent.
    await page.getByText('金额以元为单位，最多两位小数，如 60000.00').waitFor();
    await page.getByLabel('追回工资（元）').fill('60000.00');
    await page.getByLabel('涉及人数').fill('12');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('h2 .badge', { hasText: '已办结' }).waitFor();
    await screenshot(page, 'alert-resolved');
    await page.close();
  });

  it('an admin uploads a file and the progress bar runs to the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-upload-'));
    const file = join(dir, 'projects.csv');
    const rows = ['project_code,name,region_code,industry,construction_unit_uscc,general_contractor_uscc,contract_amount,contract_signed_on,status'];
    for (let i = 1; i <= 50; i += 1) rows.push(`UP-${i},上传测试项目${i},420111,housing,${uscc('11')},${uscc('12')},5000000.00,2026-02-01,in_progress`);
    rows.push('UP-BAD,坏行,42011,housing,x,y,abc,2026-13-01,in_progress');
    writeFileSync(file, rows.join('\n'));

    const config = t.app.get(AppConfig);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, t.baseUrl, config.ADMIN_USERNAME ?? 'admin', config.ADMIN_PASSWORD ?? '');
    await page.getByRole('link', { name: '数据导入' }).click();
    await choose(page, '数据集', '工程项目');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '上传', exact: true }).click();
    const result = page.locator('.import-result[data-status="succeeded_with_errors"]');
    await result.waitFor({ timeout: 30_000 });
    const progress = page.locator('.import-result progress');
    expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));
    expect(await result.locator('.accepted').innerText()).toBe('50');
    expect(await result.locator('.rejected').innerText()).toBe('1');
    await screenshot(page, 'imports');

    await page.getByRole('link', { name: '风险扫描' }).click();
    await page.getByText('扫描记录').waitFor();
    await screenshot(page, 'scans');
    await page.getByRole('link', { name: '系统管理' }).click();
    await page.getByRole('tab', { name: '用户' }).waitFor();
    await screenshot(page, 'admin');
    await page.goto(`${t.baseUrl}/console/#/projects/HS-001`);
    await page.getByText('近12个月应发、实发工资与出勤人数').waitFor();
    await screenshot(page, 'project');
    await page.close();
  });

  it('a bureau officer reads, acknowledges and answers a joint notice', async () => {
    await noticeFixtures(t.app.get(DataSource)).seed();
    const generated = await fetch(`${t.baseUrl}/api/v1/notices/generate`, {
      method: 'POST',
      headers: { ...(await adminHeaders(t)), 'Content-Type': 'application/json' },
      body: JSON.stringify({ asOf: '2026-03-20' }),
    });
    expect(generated.status).toBe(202);
    const officer = await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'ZJ-420101', username: 'zj_officer' });

    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await login(page, t.baseUrl, officer.principal.username, TEST_PASSWORD);
    await page.waitForURL(/#\/notices$/);
    const links = page.locator('.notices-table tbody tr.ant-table-row a');
    await links.first().waitFor();
    expect(await links.count()).toBe(1);
    await screenshot(page, 'notices-inbox');
    await links.first().click();
    await page.getByText('P-HOUSING').first().waitFor();
    await page.getByRole('button', { name: '确认收到' }).click();
    await page.locator('.notice-status', { hasText: '已确认' }).waitFor();
    await page.getByLabel('处理情况', { exact: true }).fill('已约谈建设单位，责令限期存储工资保证金。');
    await page.getByLabel('项目处理结果：P-HOUSING').fill('已下达整改通知书');
    await page.getByRole('button', { name: '提交回复' }).click();
    await page.locator('.notice-status', { hasText: '已回复' }).waitFor();
    await page.getByRole('cell', { name: '已下达整改通知书' }).first().waitFor();
    await screenshot(page, 'notice-replied');
    // The fixture's project codes and its escaped <script> name are data, shown as written.
    expect(await page.locator('.notice-items').innerText()).toContain('<script>alert(1)</script>');
    expect(await visibleIdentifiers(page, [officer.principal.username, 'P-HOUSING', 'P-MUNICIPAL', '<script>alert(1)</script>'])).toEqual([]);
    await page.close();
  });
});
