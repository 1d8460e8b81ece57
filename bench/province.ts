import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AlertQueryService } from '@wage/alerts';
import { DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME } from '@wage/config';
import { DATASET_NAMES, headerOf, writeDataset } from '@wage/generator';
import { createHttpApp, prepareInfrastructure } from '@wage/ops';
import { deleteRedisPrefix } from '../test/support/test-env';
import { AppModule } from '@wage/platform';
import { ProjectRiskService } from '@wage/projects';
import { benchQueue, printQueue, raiseOpenAlerts } from './province-queue';
import { REFERENCE_SQL } from './scan-data';

/**
 * npm run bench:province [-- --projects=1500 --workers-per-project=10 --clients=50
 *   --requests=40 --open-alerts=100000 --log-level=warn --keep --imports-only]
 * End to end through the API on a province from libs/generator (every dataset, in a fresh
 * database, the real service with its BullMQ workers in this process; the HTTP load runs
 * in a worker thread), each figure next to its baseline of the same run:
 *   payroll / attendance import (upload → job → tables) vs raw COPY of the same CSV into
 *   a table with a (project_code, period) index; the full scan (POST → succeeded) vs the
 *   reference statement (PAY_RATIO_LOW + PAYROLL_MISSING in one SQL); the alert list
 *   (status=open, pageSize=50, random pages and filters) and claim-next under `clients`
 *   concurrent loopback clients, with EXPLAIN ANALYZE of the list's statements; /health;
 *   with --open-alerts=N the queue again after topping the open alerts up to N with
 *   synthetic ones (bench/province-queue.ts).
 * --imports-only stops after the imports and their raw-COPY baselines (no scan, no queue).
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
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const AS_OF = '2026-11-03';
const PERIOD = '2026-10-01';
const ORDER = DATASET_NAMES;
const IMPORTS_ONLY = 'imports-only' in args;

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

async function importFile(baseUrl: string, token: string, dataset: string, path: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const form = new FormData();
  form.append('file', await openAsBlob(path), `${dataset}.csv`);
  const res = await api(baseUrl, `/api/v1/imports/${dataset}`, { method: 'POST', token, body: form });
  if (res.status !== 202) throw new Error(`upload ${dataset}: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: number };
  for (;;) {
    const body = (await (await api(baseUrl, `/api/v1/imports/${id}`, { token })).json()) as Record<string, unknown>;
    if (body.status === 'failed') throw new Error(`import ${dataset} failed: ${JSON.stringify(body).slice(0, 500)}`);
    if (body.status === 'succeeded' || body.status === 'succeeded_with_errors') return { ms: performance.now() - t0, rows: Number(body.rowsAccepted) };
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

type Timed = Record<string, { ms: number; rows: number }>;

function printImports(imports: Timed, copies: Record<'payroll' | 'attendance', number>, more = ''): void {
  const load = loadavg().map((v) => v.toFixed(2)).join(' ');
  console.log('');
  console.log(`province: ${PROJECTS} projects, ${imports.workers.rows} workers, ${imports.attendance.rows} attendance, ${imports.payroll.rows} payroll rows${more}; load average ${load}`);
  line('figure', 'this service', 'baseline in the same run', 'ratio (target)');
  for (const d of ['payroll', 'attendance'] as const) {
    line(`${d} import`, `${rate(imports[d].rows, imports[d].ms)} (${secs(imports[d].ms)})`, `raw COPY: ${rate(imports[d].rows, copies[d])} (${secs(copies[d])})`, `${(copies[d] / imports[d].ms).toFixed(2)} (≥ 0.33)`);
  }
  line('workers import', `${rate(imports.workers.rows, imports.workers.ms)}`, '—', '');
}

async function main(): Promise<void> {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const dbName = `wage_bench_province_${suffix}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const prefix = `bench_${suffix}`;
  const dir = await mkdtemp(join(tmpdir(), 'bench-province-'));
  Object.assign(process.env, { NODE_ENV: 'development', DATABASE_URL: url.toString(), REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: args['log-level'] ?? 'warn', IMPORT_DIR: join(dir, 'uploads') });
  const db = new Client({ connectionString: url.toString() });
  let app: Awaited<ReturnType<typeof createHttpApp>> | undefined;
  try {
    const t0 = performance.now();
    const { manifest, files } = await writeDataset(join(dir, 'data'), { projects: PROJECTS, workersPerProject: WORKERS_PER_PROJECT, asOf: AS_OF, seed: 17 });
    console.log(`generated ${PROJECTS} projects: ${Object.entries(manifest.files).map(([k, f]) => `${k} ${f.rows}`).join(', ')} in ${secs(performance.now() - t0)}`);
    const config = await prepareInfrastructure(() => undefined);
    await db.connect();
    app = await createHttpApp(AppModule.forRoot({ workers: true }));
    await app.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const adminName = config.ADMIN_USERNAME ?? DEV_ADMIN_USERNAME;
    const token = await login(baseUrl, adminName, config.ADMIN_PASSWORD ?? DEV_ADMIN_PASSWORD);

    const imports: Timed = {};
    for (const dataset of ORDER) imports[dataset] = await importFile(baseUrl, token, dataset, files[dataset]);
    const copies = { payroll: await rawCopy(db, 'payroll', files.payroll), attendance: await rawCopy(db, 'attendance', files.attendance) };
    await db.query('ANALYZE');
    if (IMPORTS_ONLY) {
      printImports(imports, copies);
      return;
    }

    const refMs = await bestOf3(() => db.query(REFERENCE_SQL, [AS_OF, PERIOD]));
    const s0 = performance.now();
    const scan = await waitScan(baseUrl, token);
    const scanMs = performance.now() - s0;
    if (scan.status !== 'succeeded') throw new Error(`scan failed: ${String(scan.error)}`);

    // The queue (alert list and claim-next), at the scan's open alerts and, with --open-alerts, again at that many.
    const queueCtx = { db, baseUrl, token, adminName, alertQueries: app.get(AlertQueryService), clients: CLIENTS, requests: REQUESTS, seed: 17 };
    const queue = await benchQueue(queueCtx);
    const risk = app.get(ProjectRiskService);
    const raised = OPEN_ALERTS > queue.open ? await raiseOpenAlerts(db, OPEN_ALERTS, () => risk.recomputeWhere(app!.get(DataSource).manager, 'SELECT project_code FROM alerts WHERE status = $1', 'open')) : 0;
    const queueRaised = raised ? await benchQueue(queueCtx) : undefined;

    printImports(imports, copies, `; ${queue.open} open alerts after the scan`);
    line('full scan', `${secs(scanMs)} (${String(scan.alertsRaised)} alerts)`, `reference statement: ${secs(refMs)}`, `${(scanMs / refMs).toFixed(1)}× (≤ 15×)`);
    for (const q of [queue, queueRaised]) if (q) printQueue(q, CLIENTS, line);
    for (const q of [queue, queueRaised]) if (q) console.log(`\n${q.open.toLocaleString('en-US')} open alerts\n${q.explain.join('\n\n')}`);
  } finally {
    await app?.close();
    await db.end().catch(() => undefined);
    if ('keep' in args) console.log(`kept database ${dbName}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await deleteRedisPrefix(REDIS_URL, prefix);
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
