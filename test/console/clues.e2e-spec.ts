import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { LoggedIn, loginAs, TEST_PASSWORD } from '../support/auth';
import { importClues } from '../support/clue-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { api, insertProject, insertUnits } from '../support/workflow-fixtures';
import { ensureConsoleBuilt, launchBrowser, login, screenshot } from './browser';


describe('clue cases in the web console', () => {
  let t: TestApp;
  let browser: Browser;
  let inspector: LoggedIn;
  let lead: LoggedIn;

  const statusTag = (page: Page, text: string) => page.locator('.ant-card-head .ant-tag', { hasText: text });
  const chooseAction = async (page: Page, name: string) => page.locator('label.ant-radio-button-wrapper', { hasText: new RegExp(`^${name}$`) }).click();

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestApp();
    browser = await launchBrowser();
    const db = t.app.get(DataSource);
    await insertUnits(db, [
      { code: 'B1', kind: 'brigade', region: '420113' },
      { code: 'T1', kind: 'team', region: '420113', streets: ['420113001'], parent: 'B1' },
    ]);
    await insertProject(db, { code: 'P1', region: '420113', street: '420113001' });
    inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'T1', username: 'zhang_t1' });
    lead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'B1', username: 'lead_b1' });
    await importClues(t, [
      { clue_id: 'KX-OLD', region_code: '420113', project_code: 'P1', received_on: '2026-09-18', workers_involved: '6', amount_claimed: '30000.00', summary: '拖欠六名工人工资' },
      { clue_id: 'KX-NEW', region_code: '420113', project_code: 'P1', amount_claimed: '4200.00' },
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an inspector claims a clue from the queue and works it to a reply; the lead approves it; the screen matches the API', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await login(page, t.baseUrl, inspector.principal.username, TEST_PASSWORD);
    await page.getByRole('link', { name: '线索办理', exact: true }).click();
    const rows = page.locator('.clue-queue tbody tr.ant-table-row');
    await rows.first().waitFor();
    const listed = (await api(t, 'GET', '/clues?status=received,accepted,contacted,replied', inspector)).body;
    expect(await rows.count()).toBe(listed.total);
    const old = rows.filter({ hasText: 'KX-OLD' });
    expect(await old.innerText()).toContain('已超期');
    expect(await old.innerText()).toContain('30000.00');
    expect(await old.innerText()).toContain('全国根治欠薪线索反映平台');
    expect(await rows.filter({ hasText: 'KX-NEW' }).innerText()).toContain('即将到期');
    await screenshot(page, 'clue-queue');

    // Oldest deadline first: the overdue clue is claimed (once its escalation, which holds
    // the row for a moment and makes claim-next skip it, is done).
    const db = t.app.get(DataSource);
    const end = Date.now() + 15_000;
    while ((await db.query(`SELECT escalation_level FROM clue_cases WHERE clue_id = 'KX-OLD'`))[0].escalation_level < 1) {
      if (Date.now() > end) throw new Error('KX-OLD was not escalated');
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.getByRole('button', { name: '领取下一条' }).click();
    await page.waitForURL(/#\/clues\/KX-OLD$/);
    await statusTag(page, '待签收').waitFor();
    await page.getByText('2026-09-18', { exact: true }).waitFor();

    await chooseAction(page, '签收');
    await page.getByRole('button', { name: '提交' }).click();
    await statusTag(page, '已签收').waitFor();

    await chooseAction(page, '联系诉求人');
    await page.getByLabel('说明').fill('已电话联系投诉人，约定现场核查');
    await page.getByRole('button', { name: '提交' }).click();
    await statusTag(page, '已联系').waitFor();

    await chooseAction(page, '办结回复');
    await page.getByLabel('办结结果').click();
    await page.locator('.ant-select-item-option[title="已支付"]').click();
    await page.getByLabel('追回工资（元）').fill('12500.50');
    await page.getByLabel('支付人数').fill('5');
    await page.getByLabel('说明').fill('总包单位已代发全部欠薪');
    await page.getByRole('button', { name: '提交' }).click();
    await statusTag(page, '待审核').waitFor();
    const replied = (await api(t, 'GET', '/clues/KX-OLD', inspector)).body;
    expect(replied).toMatchObject({ status: 'replied', recoveredAmount: '12500.50', workersPaid: 5, outcome: 'wages_paid' });
    const reply = await page.locator('.clue-reply').innerText();
    expect(reply).toContain(replied.recoveredAmount);
    expect(reply).toContain('已支付');
    await screenshot(page, 'clue-replied');
    await page.close();

    const leadPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await login(leadPage, t.baseUrl, lead.principal.username, TEST_PASSWORD);
    await leadPage.getByRole('link', { name: '审核回复' }).click();
    const review = leadPage.locator('.clue-review tbody tr.ant-table-row', { hasText: 'KX-OLD' });
    await review.waitFor();
    const pending = (await api(t, 'GET', '/clues?status=replied', lead)).body.items;
    expect(pending).toHaveLength(1);
    const cells = await review.locator('td').allInnerTexts();
    expect(cells).toEqual(expect.arrayContaining([pending[0].recoveredAmount, String(pending[0].workersPaid), '已支付', 'zhang_t1']));
    await screenshot(leadPage, 'clue-review');
    await review.getByRole('button', { name: '审核通过' }).click();
    await leadPage.locator('.clue-review', { hasText: '暂无数据' }).waitFor();

    await leadPage.goto(`${t.baseUrl}/console/#/clues/KX-OLD`);
    await statusTag(leadPage, '已办结').waitFor();
    const closed = (await api(t, 'GET', '/clues/KX-OLD', lead)).body;
    expect(closed.status).toBe('closed');
    const history = leadPage.locator('.clue-history .ant-timeline-item');
    expect(await history.count()).toBe(closed.events.length);
    const lines = (await history.allInnerTexts()).join('\n');
    for (const word of ['接收线索', '签收', '联系诉求人', '办结回复', '审核通过', 'zhang_t1', 'lead_b1']) expect(lines).toContain(word);
    await screenshot(leadPage, 'clue-closed');

    // The project page lists its clues, as the API does.
    const project = (await api(t, 'GET', '/projects/P1', lead)).body;
    await leadPage.goto(`${t.baseUrl}/console/#/projects/P1`);
    const related = leadPage.locator('.related-clues a');
    await related.first().waitFor();
    expect(await related.count()).toBe(project.relatedClues.length);
    expect(await leadPage.locator('.related-clues tr').filter({ hasText: 'KX-OLD' }).innerText()).toContain('已办结');
    await leadPage.close();
  });
});
