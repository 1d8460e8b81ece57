import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@wage/database';
import { RegionProfileService } from '@wage/rules';
import { RULE_SQL } from '../libs/rules/src/rules/all-rules';
async function main() {
  const ds = new DataSource({ ...dataSourceOptions('postgres://postgres@127.0.0.1:5432/wage_rules_lab'), extra: { max: 2 } });
  await ds.initialize();
  const codes: string[] = (await ds.query(`SELECT project_code FROM projects WHERE status IN ('in_progress','suspended') ORDER BY 1`)).map((r: { project_code: string }) => r.project_code);
  const svc = new RegionProfileService(ds);
  let t0 = performance.now();
  const resolved = await svc.resolveForProjects(ds.manager, codes);
  console.log('resolve profiles', (performance.now() - t0).toFixed(0), 'ms');
  const map = Object.fromEntries(resolved.map((r) => [r.profile.code, r.profile.thresholds]));
  const params = [resolved.map((r) => r.projectCode), resolved.map((r) => r.profile.code), JSON.stringify(map), '2026-11-03', '2026-10-01'];
  const { REFERENCE_SQL } = await import('./scan-data');
  for (let i = 0; i < 2; i++) { t0 = performance.now(); await ds.query(REFERENCE_SQL, ['2026-11-03', '2026-10-01']); console.log('reference', (performance.now() - t0).toFixed(0), 'ms'); }
  const only = process.argv[2];
  for (const [code, rule] of Object.entries(RULE_SQL)) {
    if (only && only !== code) continue;
    t0 = performance.now();
    const rows = await ds.transaction(async (m) => { await m.query("SET LOCAL jit = off"); await m.query("SET LOCAL work_mem = '64MB'"); return m.query(rule.sql, params); });
    const ms = performance.now() - t0;
    console.log(code, ms.toFixed(0), 'ms', rows.length);
    if (only) {
      const plan = await ds.transaction(async (m) => { await m.query('SET LOCAL jit = off'); await m.query("SET LOCAL work_mem = '64MB'"); return m.query('EXPLAIN (ANALYZE, BUFFERS off, TIMING on) ' + rule.sql, params); });
      console.log(plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
  }
  await ds.destroy();
}
main();
