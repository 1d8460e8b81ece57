import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { loginAs } from './support/auth';
import { insertProjects } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';

/**
 * alerts.region_code is the project's region, kept by the database's triggers
 * (migration AlertRegionCopy, docs/decisions/alert-list-region-copy.md), and the list's
 * regionCode filter reads it instead of joining projects. Whatever happens to a project
 * (inserted after its alerts, moved, renamed, deleted), the filter must answer what the
 * join to projects answers, and the copy is never an edit of the alert.
 */
describe('alerts.region_code, the copy of the project region the list filters on', () => {
  let t: TestApp;
  let ds: DataSource;
  let headers: Record<string, string>;
  const regionCodes = ['42', '420', '4201', '42011', '420113', '420102', '4401', '440106', '440', '5201'];

  /** The list's total and ids for a regionCode, every page. */
  const listed = async (region: string): Promise<number[]> => {
    const res = await fetch(`${t.baseUrl}/api/v1/alerts?status=open&pageSize=500&regionCode=${region}`, { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ id: number }>; total: number };
    expect(body.total).toBe(body.items.length);
    return body.items.map((i) => i.id).sort((a, b) => a - b);
  };
  /** What the filter meant before the copy: alerts whose project is in the region (none without a project row). */
  const joined = async (region: string): Promise<number[]> =>
    (
      (await ds.query(
        `SELECT a.id::int AS id FROM alerts a JOIN projects p ON p.project_code = a.project_code
          WHERE a.status = 'open' AND p.region_code LIKE $1 ORDER BY a.id`,
        [`${region}%`],
      )) as Array<{ id: number }>
    ).map((r) => r.id);
  const expectListEqualsJoin = async (): Promise<void> => {
    for (const region of regionCodes) expect({ region, ids: await listed(region) }).toEqual({ region, ids: await joined(region) });
  };
  const insertAlerts = async (projectCode: string, n: number): Promise<void> => {
    await ds.query(
      `INSERT INTO alerts (fingerprint, project_code, rule, period, severity, status, rule_version, shortfall_fen, first_seen_at, last_seen_at, unit_code, version)
       SELECT $1 || '|PAY_RATIO_LOW|' || i, $1, 'PAY_RATIO_LOW', NULL, (ARRAY['red', 'orange', 'yellow'])[1 + i % 3], 'open', 1, i * 1000,
              now() - make_interval(hours => i), now(), 'U1', 1
         FROM generate_series(1, $2::int) i`,
      [projectCode, n],
    );
  };
  const copies = async (projectCode: string): Promise<Array<string | null>> =>
    ((await ds.query(`SELECT DISTINCT region_code::text AS r FROM alerts WHERE project_code = $1`, [projectCode])) as Array<{ r: string | null }>).map((r) => r.r);

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    ds = t.app.get(DataSource);
    headers = (await loginAs(t, { role: Role.Auditor })).headers;
    await insertProjects(t, [
      { code: 'R1', region: '420113' },
      { code: 'R2', region: '420102' },
      { code: 'R3', region: '440106' },
    ]);
    await insertAlerts('R1', 3);
    await insertAlerts('R2', 2);
    await insertAlerts('R3', 4);
    // An alert of a project that is not (yet) in projects: in no region, as the LEFT JOIN said.
    await insertAlerts('R4', 2);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives a new alert its project region, and none without a project row', async () => {
    expect(await copies('R1')).toEqual(['420113']);
    expect(await copies('R3')).toEqual(['440106']);
    expect(await copies('R4')).toEqual([null]);
    await expectListEqualsJoin();
  });

  it('copies the region to the alerts of a project inserted after them', async () => {
    await insertProjects(t, [{ code: 'R4', region: '520102' }]);
    expect(await copies('R4')).toEqual(['520102']);
    expect(await listed('5201')).toHaveLength(2);
    await expectListEqualsJoin();
  });

  it('follows a project to its new region without editing its alerts (version and updated_at unchanged)', async () => {
    const before = (await ds.query(`SELECT id, version, updated_at FROM alerts WHERE project_code = 'R2' ORDER BY id`)) as unknown[];
    await ds.query(`UPDATE projects SET region_code = '440106' WHERE project_code = 'R2'`);
    expect(await copies('R2')).toEqual(['440106']);
    expect(await ds.query(`SELECT id, version, updated_at FROM alerts WHERE project_code = 'R2' ORDER BY id`)).toEqual(before);
    expect(await listed('4401')).toHaveLength(6);
    await expectListEqualsJoin();
    // An update that leaves the region alone touches no alert.
    const [, touched] = (await ds.query(`UPDATE projects SET name = 'renamed' WHERE project_code = 'R2'`)) as [unknown, number];
    expect(touched).toBe(1);
    expect(await copies('R2')).toEqual(['440106']);
  });

  it('follows a project whose code changes, and clears the copy of a deleted project', async () => {
    await ds.query(`UPDATE projects SET project_code = 'R1X' WHERE project_code = 'R1'`);
    expect(await copies('R1')).toEqual([null]);
    await ds.query(`UPDATE projects SET project_code = 'R1' WHERE project_code = 'R1X'`);
    expect(await copies('R1')).toEqual(['420113']);
    await ds.query(`DELETE FROM projects WHERE project_code = 'R3'`);
    expect(await copies('R3')).toEqual([null]);
    expect(await listed('440106')).toHaveLength(2); // R2's, R3 is gone
    await expectListEqualsJoin();
  });

  it('moves the alerts of many projects in one statement (an import upsert), unchanged ones untouched', async () => {
    await insertProjects(t, [
      { code: 'B1', region: '420113' },
      { code: 'B2', region: '420113' },
    ]);
    await insertAlerts('B1', 2);
    await insertAlerts('B2', 2);
    const b2 = (await ds.query(`SELECT xmin::text AS x FROM alerts WHERE project_code = 'B2' ORDER BY id`)) as unknown[];
    await ds.query(
      `INSERT INTO projects (project_code, name, region_code, industry, construction_unit_uscc, general_contractor_uscc, contract_amount_fen, contract_signed_on, status)
       SELECT project_code, name, CASE project_code WHEN 'B1' THEN '440106' ELSE region_code END, industry, construction_unit_uscc,
              general_contractor_uscc, contract_amount_fen, contract_signed_on, status
         FROM projects WHERE project_code IN ('B1', 'B2')
       ON CONFLICT (project_code) DO UPDATE SET region_code = EXCLUDED.region_code, name = EXCLUDED.name`,
    );
    expect(await copies('B1')).toEqual(['440106']);
    expect(await copies('B2')).toEqual(['420113']);
    // B2's alerts were not rewritten (same row versions).
    expect(await ds.query(`SELECT xmin::text AS x FROM alerts WHERE project_code = 'B2' ORDER BY id`)).toEqual(b2);
    await expectListEqualsJoin();
  });

  it('plans every copy trigger for the rows it has: force_custom_plan, one statement per writing statement from projects', async () => {
    const functions = (await ds.query(
      `SELECT proname, proconfig FROM pg_proc WHERE proname IN ('alerts_take_region', 'projects_added_to_alerts', 'projects_moved_to_alerts', 'projects_gone_from_alerts') ORDER BY proname`,
    )) as Array<{ proname: string; proconfig: string[] | null }>;
    expect(functions).toHaveLength(4);
    for (const f of functions) expect({ f: f.proname, config: f.proconfig }).toEqual({ f: f.proname, config: ['plan_cache_mode=force_custom_plan'] });
    // tgtype bit 0: row-level. Every trigger on projects that reaches alerts is statement-level.
    const triggers = (await ds.query(
      `SELECT t.tgname, (t.tgtype & 1) = 1 AS per_row FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE t.tgrelid = 'projects'::regclass AND p.proname LIKE 'projects_%_alerts' ORDER BY 1`,
    )) as Array<{ tgname: string; per_row: boolean }>;
    expect(triggers).toEqual([
      { tgname: 'projects_added_to_alerts', per_row: false },
      { tgname: 'projects_gone_from_alerts', per_row: false },
      { tgname: 'projects_moved_to_alerts', per_row: false },
    ]);
  });
});
