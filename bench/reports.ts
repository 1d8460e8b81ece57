import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Principal, Role } from '@wage/auth';
import { dataSourceOptions, migrateDatabase } from '@wage/database';
import { REPORT_SETTINGS, ReportSummaryQueryDto, ReportSummaryService, runFigureQuery } from '@wage/reports';
import { loadReportBenchData } from './reports-data';

/**
 * npm run bench:reports [-- --alerts=100000 --clues=20000 --projects=8000 --workers=20] [--db=<name>] [--reuse=<db>] [--keep] [--explain] [--statements] [--only=month]
 * GET /api/v1/reports/summary's work (ReportSummaryService, the same statements on the
 * same snapshot, without HTTP) over a province-scale year in a fresh database (named
 * --db, default wage_bench_reports_<pid>), for each grouping and for a brigade lead, next
 * to the plain `SELECT count(*) FROM alerts` of the same run as the baseline. Warm,
 * median of 5. --explain also prints, per case, each statement's EXPLAIN (ANALYZE,
 * BUFFERS) plan and execution time; --statements the min and median of 5 runs of each
 * statement alone (one at a time, on one connection: what a statement costs, less
 * sensitive to the other helpers' load than the whole report's wall time). --only=<word>
 * runs only the cases whose label contains it.
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const SIZE = {
  alerts: Number(args.alerts ?? 100_000),
  clues: Number(args.clues ?? 20_000),
  projects: Number(args.projects ?? 8_000),
  workersPerProject: Number(args.workers ?? 20),
};
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = 5;

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const principal = (role: Role, unitCode: string | null = null): Principal => ({
  kind: 'user',
  id: '00000000-0000-0000-0000-000000000000',
  name: 'bench',
  role,
  unitCode,
  bureauCode: null,
  canUnmask: false,
});

/** CPU time of a local backend so far (ms, /proc/<pid>/schedstat), or NaN when the server is not on this machine. */
function backendCpuMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/**
 * Each statement of one report alone: min and median of RUNS warm runs (wall time, and the
 * backend's CPU time, which the other processes on a shared machine disturb less), in a
 * read-only transaction with the service's settings.
 */
async function statementTimes(db: Client, reports: ReportSummaryService, q: ReportSummaryQueryDto, who: Principal): Promise<void> {
  const plan = reports.plan(q, who);
  const pid = Number((await db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    for (const setting of REPORT_SETTINGS) await db.query(setting);
    let sum = 0;
    let cpuSum = 0;
    const mid = Math.floor(RUNS / 2);
    for (const st of plan.statements) {
      const run = (sql: string, params?: unknown[]): Promise<unknown> => db.query(sql, params);
      await runFigureQuery(run, st);
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const c0 = backendCpuMs(pid);
        const t0 = performance.now();
        await runFigureQuery(run, st);
        times.push(performance.now() - t0);
        cpu.push(backendCpuMs(pid) - c0);
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      sum += times[0];
      cpuSum += cpu[0];
      console.log(`  -- ${st.name.padEnd(26)} wall min ${times[0].toFixed(0).padStart(5)} ms, median ${times[mid].toFixed(0).padStart(5)} ms; cpu min ${cpu[0].toFixed(0).padStart(5)} ms, median ${cpu[mid].toFixed(0).padStart(5)} ms`);
    }
    console.log(`  -- ${'sum of the minima'.padEnd(26)} wall     ${sum.toFixed(0).padStart(5)} ms${' '.repeat(17)} cpu     ${cpuSum.toFixed(0).padStart(5)} ms`);
  } finally {
    await db.query('ROLLBACK');
  }
}

/** Each statement of one report: EXPLAIN (ANALYZE, BUFFERS) in a read-only transaction with the service's settings. */
async function explain(db: Client, reports: ReportSummaryService, q: ReportSummaryQueryDto, who: Principal): Promise<void> {
  const plan = reports.plan(q, who);
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    for (const setting of REPORT_SETTINGS) await db.query(setting);
    for (const st of plan.statements) {
      const rows: Array<{ 'QUERY PLAN': string }> = (await runFigureQuery((sql, params) => db.query(sql, params), st, `EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`)).rows;
      const lines = rows.map((r) => r['QUERY PLAN']);
      const time = lines.find((l) => l.startsWith('Execution Time')) ?? '';
      console.log(`  -- ${st.name}: ${time}`);
      for (const line of lines) console.log(`     ${line}`);
    }
  } finally {
    await db.query('ROLLBACK');
  }
}

async function main(): Promise<void> {
  const name = args.reuse ?? args.db ?? `wage_bench_reports_${process.pid}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  if (!args.reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  const ds = new DataSource(dataSourceOptions(url.toString()));
  const db = new Client({ connectionString: url.toString() });
  try {
    await migrateDatabase(url.toString());
    await db.connect();
    const t0 = performance.now();
    if (!args.reuse) await loadReportBenchData(db, SIZE);
    const n = (await db.query(`SELECT (SELECT count(*) FROM alerts) AS alerts, (SELECT count(*) FROM alert_events) AS events,
                                      (SELECT count(*) FROM clues) AS clues, (SELECT count(*) FROM projects) AS projects,
                                      (SELECT count(*) FROM notices) AS notices`)).rows[0];
    console.log(`loaded ${n.alerts} alerts, ${n.events} alert events, ${n.clues} clues, ${n.projects} projects, ${n.notices} notices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await ds.initialize();
    const reports = new ReportSummaryService(ds);
    const baseline = await median(() => db.query('SELECT count(*) FROM alerts'));
    console.log(`baseline SELECT count(*) FROM alerts: ${baseline.toFixed(1)} ms`);
    const cases: Array<[string, ReportSummaryQueryDto, Principal]> = [
      ['year, groupBy=none (admin)', { from: '2026-01-01', to: '2026-11-30' }, principal(Role.Admin)],
      ['year, groupBy=unit (admin)', { from: '2026-01-01', to: '2026-11-30', groupBy: 'unit' }, principal(Role.Admin)],
      ['year, groupBy=region (admin)', { from: '2026-01-01', to: '2026-11-30', groupBy: 'region' }, principal(Role.Admin)],
      ['year, groupBy=month (admin)', { from: '2026-01-01', to: '2026-11-30', groupBy: 'month' }, principal(Role.Admin)],
      ['year to today, groupBy=none (admin)', {}, principal(Role.Admin)],
      ['year, groupBy=unit (brigade lead)', { from: '2026-01-01', to: '2026-11-30', groupBy: 'unit' }, principal(Role.BrigadeLead, 'B420101')],
    ];
    for (const [label, q, who] of cases) {
      if (args.only && !label.includes(args.only)) continue;
      let rows = 0;
      let total: Record<string, unknown> = {};
      let digest = '';
      const ms = await median(async () => {
        const r = await reports.summary(q, who);
        rows = r.rows.length;
        total = r.total as unknown as Record<string, unknown>;
        // Every figure of every row: equal digests = the same report (compare runs before and after a change).
        digest = createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 12);
      });
      console.log(`${label.padEnd(38)} ${ms.toFixed(0).padStart(6)} ms  (${(ms / baseline).toFixed(0)}× count(*))  ${rows} rows; raised ${total.alertsRaised}, resolved ${total.alertsResolved}, wages ${total.wagesRecovered}, clues ${total.cluesReceived}; digest ${digest}`);
      if ('explain' in args) await explain(db, reports, q, who);
      if ('statements' in args) await statementTimes(db, reports, q, who);
    }
  } finally {
    await db.end().catch(() => undefined);
    if (ds.isInitialized) await ds.destroy();
    if (!args.reuse && !('keep' in args)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
