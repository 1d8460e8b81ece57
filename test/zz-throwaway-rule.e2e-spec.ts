import { Role } from '@wage/auth';
import { loginAs } from './support/auth';
import { insertProjects, runScan } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';

// Scratch: the throwaway rule through the API (real engine), then reverted.
describe('throwaway rule through the API', () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });
  it('a scan raises it and GET /alerts lists it with its version', async () => {
    t = await startTestApp();
    const { headers } = await loginAs(t, { role: Role.Admin });
    await insertProjects(t, [{ code: 'TS-1', status: 'suspended' }, { code: 'TS-2' }]);
    const scan = await runScan(t, headers, new Date().toISOString().slice(0, 10));
    console.log('byRule', JSON.stringify(scan.byRule));
    expect((scan.byRule as Record<string, number>).PROJECT_SUSPENDED).toBe(1);
    const res = await fetch(`${t.baseUrl}/api/v1/alerts?pageSize=500&rule=PROJECT_SUSPENDED`, { headers });
    const body = (await res.json()) as { items: Array<Record<string, unknown>> };
    console.log('alerts', JSON.stringify(body.items.map((a) => [a.projectCode, a.rule, a.severity, a.period])));
    expect(body.items.map((a) => a.projectCode)).toEqual(['TS-1']);
    const one = await fetch(`${t.baseUrl}/api/v1/alerts/${String(body.items[0].id)}`, { headers });
    const detail = (await one.json()) as Record<string, unknown>;
    console.log('detail ruleVersion', detail.ruleVersion);
    expect(detail.ruleVersion).toBe(1);
  });
});
