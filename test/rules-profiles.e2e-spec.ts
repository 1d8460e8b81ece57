import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { DEFAULT_THRESHOLDS, RegionProfileService, RuleEngine } from '@wage/rules';
import { adminHeaders, loginAs } from './support/auth';
import { fixtures } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const json = { 'Content-Type': 'application/json' };

describe('region profiles: resolution and admin API', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    admin = await adminHeaders(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('resolves the longest region prefix, then the national default', async () => {
    const profiles = t.app.get(RegionProfileService);
    const wage = async (region: string) => (await profiles.resolve(region)).thresholds.minimumMonthlyWageYuan;
    expect(await wage('310115')).toBe(2740);
    expect(await wage('110105')).toBe(2540);
    expect(await wage('440106')).toBe(2500);
    expect(await wage('440305')).toBe(2520);
    expect(await wage('440604')).toBe(2080);
    expect(await wage('441302')).toBe(1850);
    expect(await wage('445102')).toBe(1750);
    expect(await wage('420106')).toBe(2400);
    expect(await wage('420502')).toBe(2130);
    expect(await wage('421102')).toBe(1970);
    expect(await wage('520102')).toBe(2130);
    expect(await wage('520302')).toBe(1980);
    expect(await wage('522301')).toBe(1890);
    const national = await profiles.resolve('650102');
    expect(national).toMatchObject({ code: 'national', version: 1 });
    expect(national.thresholds.minimumMonthlyWageYuan).toBeNull();
  });

  it('lets brigade leads and auditors read, only admins write', async () => {
    const lead = await loginAs(t, { role: Role.BrigadeLead });
    const inspector = await loginAs(t, { role: Role.Inspector });
    const list = await fetch(`${t.baseUrl}/api/v1/region-profiles`, { headers: lead.headers });
    expect(list.status).toBe(200);
    const codes = ((await list.json()) as Array<{ code: string }>).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['national', '31', '11', '4401', '4403', '4201', '52']));
    expect((await fetch(`${t.baseUrl}/api/v1/region-profiles`, { headers: inspector.headers })).status).toBe(403);
    const put = await fetch(`${t.baseUrl}/api/v1/region-profiles/31`, {
      method: 'PUT',
      headers: { ...lead.headers, ...json },
      body: JSON.stringify({ name: 'x', thresholds: DEFAULT_THRESHOLDS }),
    });
    expect(put.status).toBe(403);
  });

  it('validates, bumps the version and keeps the history; the engine uses the new thresholds', async () => {
    const bad = await fetch(`${t.baseUrl}/api/v1/region-profiles/31`, {
      method: 'PUT',
      headers: { ...admin, ...json },
      body: JSON.stringify({ name: '上海市', thresholds: { ...DEFAULT_THRESHOLDS, payRatioThreshold: 1.5 } }),
    });
    expect(bad.status).toBe(400);
    const badCode = await fetch(`${t.baseUrl}/api/v1/region-profiles/abc`, {
      method: 'PUT',
      headers: { ...admin, ...json },
      body: JSON.stringify({ name: 'x', thresholds: DEFAULT_THRESHOLDS }),
    });
    expect(badCode.status).toBe(400);

    const put = await fetch(`${t.baseUrl}/api/v1/region-profiles/31`, {
      method: 'PUT',
      headers: { ...admin, ...json },
      body: JSON.stringify({ name: '上海市', thresholds: { ...DEFAULT_THRESHOLDS, payRatioThreshold: 0.9, minimumMonthlyWageYuan: 2800 } }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ code: '31', version: 2, thresholds: { payRatioThreshold: 0.9, minimumMonthlyWageYuan: 2800 } });

    const one = await fetch(`${t.baseUrl}/api/v1/region-profiles/31`, { headers: admin });
    const body = (await one.json()) as { version: number; history: Array<{ version: number; thresholds: { minimumMonthlyWageYuan: number } }> };
    expect(body.version).toBe(2);
    expect(body.history.map((h) => [h.version, h.thresholds.minimumMonthlyWageYuan])).toEqual([
      [2, 2800],
      [1, 2740],
    ]);
    expect((await fetch(`${t.baseUrl}/api/v1/region-profiles/3199`, { headers: admin })).status).toBe(404);

    const ds = t.app.get(DataSource);
    const fx = fixtures(ds);
    await fx.project({ code: 'SH-1', region: '310115' });
    await fx.worker({ project: 'SH-1', id: '310115199001011234' });
    await fx.payroll({ project: 'SH-1', id: '310115199001011234', period: '2026-10-01', payable: 1000, paid: 850 });
    const r = await t.app.get(RuleEngine).evaluate(ds.manager, { asOf: '2026-11-03', period: '2026-10-01', projectCodes: ['SH-1'], rules: ['PAY_RATIO_LOW'] });
    expect(r.findings).toEqual([
      expect.objectContaining({ severity: 'orange', profileCode: '31', profileVersion: 2, thresholds: { payRatioThreshold: 0.9, payRatioRedBelow: 0.5 } }),
    ]);
  });
});
