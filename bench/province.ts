import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AlertQueryService } from '@wage/alerts';
import { DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME } from '@wage/config';
import { DATASET_NAMES, headerOf, writeDataset } from '@wage/generator';
import { prepareInfrastructure } from '@wage/ops';
import { deleteRedisPrefix } from '../test/support/test-env';
import { AppModule } from '@wage/platform';
import { ProjectRiskService } from '@wage/projects';
import { benchQueue, printQueue, QueueFigures, raiseOpenAlerts } from './province-queue';
import { compileService, processTree, startService, stopService, waitForHealth } from './service-processes';
import { REFERENCE_SQL } from './scan-data';
import { cpuOf, PgCpuSampler } from './pg-cpu';

/**
 * npm run bench:province [-- --projects=1500 --workers-per-project=10 --clients=50
 *   --requests=40 --open-alerts=100000 --api-workers=1,2 --log-level=warn --keep
 *   --reuse=<kept database> --from-source --imports-only --before=<checkout> --rounds=1 --api-cpu-prof=<dir> --worker-cpu-prof=<dir>]
 * End to end through the API on a province from libs/generator (every dataset, in a fresh
 * database). The service runs as a deployment runs it: the compiled entry points of
 * `npm run start:api` and `start:worker` as separate processes; this process only
 * generates the load (autocannon, bench/province-load.ts) and the baselines. Each figure is printed next
 * to its baseline of the same run:
 *   payroll / attendance import (upload → job → tables) vs raw COPY of the same CSV into
 *   a table with a (project_code, period) index; the full scan (POST → succeeded) vs the
 *   reference statement (PAY_RATIO_LOW + PAYROLL_MISSING in one SQL); the alert list
 *   (status=open, pageSize=50, random pages and filters) and claim-next under `clients`
 *   concurrent loopback clients vs the same list statements sent straight to PostgreSQL
 *   (pg, as many connections as the API has), with EXPLAIN ANALYZE of the list's
 *   statements and the API processes' CPU per request; /health. The queue is measured once
 *   per --api-workers value (API_WORKERS of the API), each on a fresh copy of the scanned
 *   database; with --open-alerts=N again after topping the open alerts up to N with
 *   synthetic ones (bench/province-queue.ts). --keep keeps the scanned database, and
 *   --reuse=<it> runs only the queue phases on copies of it. --imports-only stops after
 *   the imports and their raw-COPY baselines (no scan, no queue).
 * The default size runs in a few minutes on a loaded 2-core machine; raise --projects
 * (the issue's province is --projects=10000 --workers-per-project=22).
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const PROJECTS = Number(args.projects ?? 1500);
const WORKERS_PER_PROJECT = Number(args['workers-per-project'] ?? 10);
const CLIENTS = Number(args.clients ?? 50);
const REQUESTS = Number(args.requests ?? 40);
/** Raise the open alerts to this many with synthetic ones and measure the queue again (0 = not). */
const OPEN_ALERTS = Number(args['open-alerts'] ?? 0);
/** The queue is measured once per value: the API's HTTP processes (API_WORKERS), e.g. 1,2. */
const API_WORKERS = (args['api-workers'] ?? '1,2').split(',').map(Number);
/** Skip generating, importing and scanning: the queue phases on copies of a database kept with --keep. */
const REUSE = args.reuse as string | undefined;
/**
 * Another checkout of the service (e.g. `git archive main` unpacked, node_modules linked),
 * measured first with API_WORKERS=1 on its own copy: the "before" of an A/B in one run.
 */
const BEFORE = args.before as string | undefined;
/** Run the service through the TypeScript loader instead of compiled (as npm start runs it). */
const FROM_SOURCE = 'from-source' in args;
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const AS_OF = '2026-11-03';
const PERIOD = '2026-10-01';
const ORDER = DATASET_NAMES;
const IMPORTS_ONLY = 'imports-only' in args;
/** A V8 CPU profile of the API process in each queue phase, written into this directory when the API stops. */
const API_CPU_PROF = args['api-cpu-prof'] as string | undefined;
/** The same for the worker process (the imports, the scan): a profile per run, written when it stops. */
const WORKER_CPU_PROF = args['worker-cpu-prof'] as string | undefined;
/** Run the queue phases (with --before: before, then this code) this many times, interleaved. */
const ROUNDS = Number(args.rounds ?? 1);

const secs = (v: number): string => `${(v / 1000).toFixed(2)} s`;
const rate = (rows: number, v: number): string => `${Math.round(rows / (v / 1000)).toLocaleString('en-US')} rows/s`;
const line = (label: string, value: string, baseline: string, ratio: string): void =>
  console.log(`${label.padEnd(34)} ${value.padEnd(36)} ${baseline.padEnd(44)} ${ratio}`);

async function api(baseUrl: string, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  return fetch(`${baseUrl}${path}`, { ...init, headers });
}

async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await api(baseUrl, '/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** An import's wall time, rows, and the CPU the worker process and the database's backends spent on it. */
interface ImportFigures {
  ms: number;
  rows: number;
  workerCpuMs: number;
  pgCpuMs: number;
}

async function importFile(baseUrl: string, token: string, dataset: string, path: string, workerPid: number, dbName: string): Promise<ImportFigures> {
  const pg = new PgCpuSampler(dbName, 50);
  pg.start();
  const w0 = cpuOf(workerPid) ?? 0;
  const t0 = performance.now();
  const form = new FormData();
  form.append('file', await openAsBlob(path), `${dataset}.csv`);
  const res = await api(baseUrl, `/api/v1/imports/${dataset}`, { method: 'POST', token, body: form });
  if (res.status !== 202) throw new Error(`upload ${dataset}: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: number };
  for (;;) {
    const body = (await (await api(baseUrl, `/api/v1/imports/${id}`, { token })).json()) as Record<string, unknown>;
    if (body.status === 'failed') throw new Error(`import ${dataset} failed: ${JSON.stringify(body).slice(0, 500)}`);
    if (body.status === 'succeeded' || body.status === 'succeeded_with_errors') {
      const ms = performance.now() - t0;
      return { ms, rows: Number(body.rowsAccepted), workerCpuMs: (cpuOf(workerPid) ?? 0) - w0, pgCpuMs: pg.stop() };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The baseline: the same CSV copied as text into a bare table with a (project_code, period) index. */
async function rawCopy(db: Client, dataset: 'payroll' | 'attendance', path: string): Promise<number> {
  const table = `bench_raw_${dataset}`;
  const columns = headerOf(dataset, false);
  await db.query(`CREATE TABLE ${table} (${columns.map((c) => `"${c}" text`).join(', ')})`);
  await db.query(`CREATE INDEX ON ${table} (project_code, period)`);
  const t0 = performance.now();
  await pipeline(createReadStream(path), db.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER true)`)));
  const took = performance.now() - t0;
  await db.query(`DROP TABLE ${table}`);
  return took;
}

async function waitScan(baseUrl: string, token: string): Promise<Record<string, unknown>> {
  const post = await api(baseUrl, '/api/v1/scans', { method: 'POST', token, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ asOf: AS_OF }) });
  if (post.status !== 202) throw new Error(`POST /scans: ${post.status} ${await post.text()}`);
  const { id } = (await post.json()) as { id: number };
  for (;;) {
    const scan = (await (await api(baseUrl, `/api/v1/scans/${id}`, { token })).json()) as Record<string, unknown>;
    if (scan.status === 'succeeded' || scan.status === 'failed') return scan;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function bestOf3(fn: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** One set of service processes on one database: the API (API_WORKERS=n) and, if asked, a worker. */
interface Service {
  api: ChildProcess;
  worker?: ChildProcess;
  baseUrl: string;
}

async function startServices(env: NodeJS.ProcessEnv, compiled: string | undefined, apiWorkers: number, withWorker: boolean, apiNodeArgs: string[] = []): Promise<Service> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const api = startService('apps/api/src/main.ts', { ...env, PORT: String(port), API_WORKERS: String(apiWorkers) }, compiled, [], apiNodeArgs);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, api);
  // With API_WORKERS > 1, /health answers as soon as the first HTTP process listens.
  for (let i = 0; i < 300 && processTree(api.pid ?? 0).length < 1 + (apiWorkers > 1 ? apiWorkers : 0); i++) await new Promise((r) => setTimeout(r, 100));
  const workerArgs = [
    ...(WORKER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${WORKER_CPU_PROF}`, `--cpu-prof-name=worker-${Date.now()}.cpuprofile`] : []),
    ...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const worker = withWorker ? startService('apps/worker/src/main.ts', env, compiled, [], workerArgs) : undefined;
  return { api, worker, baseUrl };
}

async function stopServices(s: Service | undefined): Promise<void> {
  if (!s) return;
  await stopService(s.api);
  if (s.worker) await stopService(s.worker);
}

/**
 * The service's read code in this process (no HTTP server, no job workers): the exact list
 * statements for EXPLAIN and the raw-SQL baseline, and the risk recomputation after
 * synthetic alerts. Created per database copy, after the API migrated it.
 */
async function readSide(): Promise<INestApplicationContext> {
  await prepareInfrastructure(() => undefined);
  return NestFactory.createApplicationContext(AppModule.forRoot({ workers: false }) as never, { logger: false });
}

const withDatabase = (databaseUrl: string, name: string): string => {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

type Timed = Record<string, ImportFigures>;

function importLines(imports: Timed, raw: Record<'payroll' | 'attendance', number>): void {
  for (const d of ['payroll', 'attendance'] as const) {
    line(`${d} import`, `${rate(imports[d].rows, imports[d].ms)} (${secs(imports[d].ms)})`, `raw COPY: ${rate(imports[d].rows, raw[d])} (${secs(raw[d])})`, `${(raw[d] / imports[d].ms).toFixed(2)} (≥ 0.33)`);
    line(`  ${d} import CPU`, `worker ${secs(imports[d].workerCpuMs)}, PostgreSQL ${secs(imports[d].pgCpuMs)}`, '', '');
  }
  line('workers import', `${rate(imports.workers.rows, imports.workers.ms)}`, '—', '');
}

/** --imports-only: the import figures alone, with the load average when they were taken. */
function printImports(imports: Timed, raw: Record<'payroll' | 'attendance', number>): void {
  const load = loadavg().map((v) => v.toFixed(2)).join(' ');
  console.log('');
  console.log(`province: ${PROJECTS} projects, ${imports.workers.rows} workers, ${imports.attendance.rows} attendance, ${imports.payroll.rows} payroll rows; load average ${load}`);
  line('figure', 'this service', 'baseline in the same run', 'ratio (target)');
  importLines(imports, raw);
}

async function main(): Promise<void> {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const dbName = REUSE ?? `wage_bench_province_${suffix}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  if (!REUSE) await admin.query(`CREATE DATABASE ${dbName}`);
  const prefix = `bench_${suffix}`;
  const dir = await mkdtemp(join(tmpdir(), 'bench-province-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: withDatabase(BASE_URL, dbName),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: args['log-level'] ?? 'warn',
    DATA_DIR: join(dir, 'data-dir'),
    IMPORT_DIR: join(dir, 'uploads'),
    // One key for every run, so a kept database (--keep, --reuse) stays readable; not a secret.
    DATA_ENCRYPTION_KEY: Buffer.from('bench-province-key-is-not-secret').toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
  };
  Object.assign(process.env, env);
  const compiled = FROM_SOURCE ? undefined : compileService('province');
  let beforeCode: string | undefined;
  const copies: string[] = [];
  let service: Service | undefined;
  let context: INestApplicationContext | undefined;
  let db: Client | undefined;
  const adminName = DEV_ADMIN_USERNAME;
  try {
    const lines: Array<() => void> = [];
    let counts = '';
    if (!REUSE) {
      const t0 = performance.now();
      const { manifest, files } = await writeDataset(join(dir, 'data'), { projects: PROJECTS, workersPerProject: WORKERS_PER_PROJECT, asOf: AS_OF, seed: 17 });
      console.log(`generated ${PROJECTS} projects: ${Object.entries(manifest.files).map(([k, f]) => `${k} ${f.rows}`).join(', ')} in ${secs(performance.now() - t0)}`);
      service = await startServices(env, compiled, API_WORKERS[0], true);
      db = new Client({ connectionString: env.DATABASE_URL });
      await db.connect();
      const token = await login(service.baseUrl, adminName, DEV_ADMIN_PASSWORD);

      const imports: Timed = {};
      for (const dataset of ORDER) imports[dataset] = await importFile(service.baseUrl, token, dataset, files[dataset], service.worker?.pid ?? 0, dbName);
      const raw = { payroll: await rawCopy(db, 'payroll', files.payroll), attendance: await rawCopy(db, 'attendance', files.attendance) };
      // What autovacuum does within a minute of an import of this size (PostgreSQL 13+
      // vacuums insert-only tables too): the visibility map lets the scan's index-only
      // reads skip the heap, as they do at night over data imported during the day. This
      // server runs without autovacuum; bench:scan vacuums its loaded data the same way.
      await db.query('VACUUM (ANALYZE)');
      if (IMPORTS_ONLY) {
        printImports(imports, raw);
        return;
      }

      const refMs = await bestOf3(() => db!.query(REFERENCE_SQL, [AS_OF, PERIOD]));
      const s0 = performance.now();
      const scan = await waitScan(service.baseUrl, token);
      const scanMs = performance.now() - s0;
      if (scan.status !== 'succeeded') throw new Error(`scan failed: ${String(scan.error)}`);
      const load = loadavg().map((v) => v.toFixed(2)).join(' ');
      counts = `${PROJECTS} projects, ${imports.workers.rows} workers, ${imports.attendance.rows} attendance, ${imports.payroll.rows} payroll rows; load average ${load} after the scan`;
      lines.push(() => {
        importLines(imports, raw);
        line('full scan', `${secs(scanMs)} (${String(scan.alertsRaised)} alerts)`, `reference statement: ${secs(refMs)}`, `${(scanMs / refMs).toFixed(1)}× (≤ 15×)`);
      });
      await db.end();
      db = undefined;
      await stopServices(service);
      service = undefined;
    }

    // The queue, once per API_WORKERS setting, each on its own copy of the scanned
    // database (claim-next assigns alerts: every setting starts from the same state).
    const queues: QueueFigures[] = [];
    // --rounds=N: the whole sequence (before, then every setting) N times, interleaved,
    // so that an A/B on a shared machine sees the same load on both sides.
    beforeCode = BEFORE ? compileService('province-before', BEFORE) : undefined;
    const phases = Array.from({ length: ROUNDS }, (_, r) => [
      ...(beforeCode ? [{ apiWorkers: 1, code: beforeCode, label: `before (${BEFORE})${ROUNDS > 1 ? `, round ${r + 1}` : ''}` }] : []),
      ...API_WORKERS.map((apiWorkers) => ({ apiWorkers, code: compiled, label: `this code${ROUNDS > 1 ? `, round ${r + 1}` : ''}` })),
    ]).flat();
    for (const [i, { apiWorkers, code, label }] of phases.entries()) {
      const copy = `wage_bench_province_q${i}_${suffix}`;
      await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${dbName}`);
      copies.push(copy);
      const copyEnv = { ...env, DATABASE_URL: withDatabase(BASE_URL, copy) };
      Object.assign(process.env, copyEnv);
      service = await startServices(copyEnv, code, apiWorkers, false, API_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${API_CPU_PROF}`, `--cpu-prof-name=api-q${i}-${Date.now()}.cpuprofile`] : []);
      context = await readSide();
      db = new Client({ connectionString: copyEnv.DATABASE_URL });
      await db.connect();
      // What autovacuum does within a minute of the scan (most alert rows got a new version
      // from the scan's risk update); a fresh copy has no statistics to trigger it by itself.
      await db.query('VACUUM (ANALYZE) alerts');
      const token = await login(service.baseUrl, adminName, DEV_ADMIN_PASSWORD);
      const api = service.api;
      const queueCtx = {
        db,
        databaseUrl: copyEnv.DATABASE_URL,
        apiPids: () => processTree(api.pid ?? 0),
        apiConnections: 10 * apiWorkers,
        label: `${label}, API_WORKERS=${apiWorkers}`,
        baseUrl: service.baseUrl,
        token,
        adminName,
        alertQueries: context.get(AlertQueryService),
        clients: CLIENTS,
        requests: REQUESTS,
        seed: 17,
      };
      const queue = await benchQueue(queueCtx);
      queues.push(queue);
      if (OPEN_ALERTS > queue.open) {
        const risk = context.get(ProjectRiskService);
        const manager = context.get(DataSource).manager;
        await raiseOpenAlerts(db, OPEN_ALERTS, () => risk.recomputeWhere(manager, 'SELECT project_code FROM alerts WHERE status = $1', 'open'));
        queues.push(await benchQueue(queueCtx));
      }
      await db.end();
      db = undefined;
      await context.close();
      context = undefined;
      await stopServices(service);
      service = undefined;
      await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
    }

    console.log('');
    console.log(`province: ${counts || `database ${dbName} (--reuse)`}; ${queues[0].open} open alerts after the scan; the service runs as separate processes (API, worker), the load from this one`);
    line('figure', 'this service', 'baseline in the same run', 'ratio (target)');
    for (const l of lines) l();
    for (const q of queues) printQueue(q, CLIENTS, line);
    for (const q of queues.filter((q, i) => queues.findIndex((o) => o.open === q.open) === i)) console.log(`\n${q.open.toLocaleString('en-US')} open alerts\n${q.explain.join('\n\n')}`);
  } finally {
    await db?.end().catch(() => undefined);
    await context?.close().catch(() => undefined);
    await stopServices(service);
    for (const copy of copies) await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
    if ('keep' in args && !REUSE) console.log(`kept database ${dbName} (run the queue again on it: --reuse=${dbName})`);
    else if (!REUSE) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await deleteRedisPrefix(REDIS_URL, prefix);
    await rm(dir, { recursive: true, force: true });
    if (compiled) await rm(compiled, { recursive: true, force: true });
    if (beforeCode) await rm(beforeCode, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
