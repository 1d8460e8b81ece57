import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrateDatabase } from '@wage/database';
import { PERIOD_RULES, RegionProfileService, RuleCode, RuleEngine, STATE_RULES } from '@wage/rules';
import { loadBankFeeds } from './bank-data';
import { loadBenchData, REFERENCE_SQL } from './scan-data';

/**
 * npm run bench:rules [-- --projects=10000] [--reuse=<db>] [--only=RULE,RULE]
 * (--reuse times an already loaded database, e.g. one kept by bench:scan --keep, and keeps it)
 * RuleEngine.evaluate() over province-scale data (10k projects, 1M payroll, 1M
 * attendance rows by default) in a fresh database, in one process without BullMQ:
 * each rule statement alone, the whole catalogue, and the reference statement
 * (PAY_RATIO_LOW + PAYROLL_MISSING in one SQL) as the baseline of the same run. Warm,
 * best of 3.
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const PROJECTS = Number(args.projects ?? 10000);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AS_OF = '2026-11-03';
const PERIOD = '2026-10-01';

async function best(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

async function main(): Promise<void> {
  const name = args.reuse ?? `wage_bench_rules_${process.pid}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  if (!args.reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  const ds = new DataSource({ ...dataSourceOptions(url.toString()), extra: { max: 2 } });
  const db = new Client({ connectionString: url.toString() });
  try {
    await migrateDatabase(url.toString());
    await db.connect();
    let t0 = performance.now();
    if (!args.reuse) await loadBenchData(db, PROJECTS, PERIOD);
    // Bank feeds for 40 % of projects unless --bank-share says otherwise (as bench:scan).
    if (!args.reuse) await loadBankFeeds(db, Number(args['bank-share'] ?? 0.4), PERIOD);
    const counts = await db.query(`SELECT (SELECT count(*) FROM payroll) AS payroll, (SELECT count(*) FROM attendance) AS attendance`);
    console.log(`loaded ${PROJECTS} projects, ${counts.rows[0].payroll} payroll, ${counts.rows[0].attendance} attendance rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await ds.initialize();
    const engine = new RuleEngine(new RegionProfileService(ds));
    const active: string[] = (await ds.query(`SELECT project_code FROM projects WHERE status IN ('in_progress', 'suspended') ORDER BY 1`)).map(
      (r: { project_code: string }) => r.project_code,
    );
    const reference = await best(() => db.query(REFERENCE_SQL, [AS_OF, PERIOD]));
    console.log(`reference statement (PAY_RATIO_LOW + PAYROLL_MISSING): ${reference.toFixed(0)} ms`);
    const evaluate = (rules?: RuleCode[]) => engine.evaluate(ds.manager, { asOf: AS_OF, period: PERIOD, projectCodes: active, rules });
    const only = args.only ? new Set(args.only.split(',')) : null;
    for (const rule of [...PERIOD_RULES, ...STATE_RULES].filter((r) => !only || only.has(r))) {
      let n = 0;
      const ms = await best(async () => {
        n = (await evaluate([rule])).findings.length;
      });
      console.log(`  ${rule.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms  ${n} findings`);
    }
    t0 = performance.now();
    const all = await evaluate();
    const full = performance.now() - t0;
    console.log(`evaluate() all ${PERIOD_RULES.length + STATE_RULES.length} rules over ${active.length} projects: ${full.toFixed(0)} ms, ${all.findings.length} findings, ${all.skipped.length} skipped`);
    console.log(`ratio full / reference: ${(full / reference).toFixed(1)}×`);
  } finally {
    await db.end().catch(() => undefined);
    if (ds.isInitialized) await ds.destroy();
    if (!args.reuse) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
