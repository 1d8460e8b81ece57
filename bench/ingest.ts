import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME } from '@wage/config';
import { deleteRedisPrefix } from '../test/support/test-env';
import { writeBenchFiles } from './ingest-data';
import { compileService, startService as start, stopService as stop, waitForHealth } from './service-processes';

/**
 * npm run bench:ingest [-- --rows=1000000 --projects=1000 --from-source]
 * Generates payroll and attendance rows (and the projects and workers they reference),
 * starts the real service as two child processes (API, worker) on a fresh database,
 * uploads the files over HTTP and waits for each import job; after each of payroll and
 * attendance, raw-COPYs the same CSV into a bare table with the same indexes. Prints
 * rows/s of both, their ratio, and the worker's peak RSS (VmHWM) during each import.
 * BENCH_DATASETS=payroll measures only one of them.
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const ROWS = Number(args.rows ?? 1_000_000);
const PROJECTS = Number(args.projects ?? 1_000);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** --from-source runs the service through @swc-node/register (higher RSS: the compiler lives in-process). */
const FROM_SOURCE = 'from-source' in args;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Resets the kernel's peak-RSS mark (VmHWM) so that the next reading covers only what follows. */
async function resetPeakRss(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function importFile(baseUrl: string, token: string, dataset: string, path: string): Promise<{ ms: number; jobMs: number; body: Record<string, unknown> }> {
  const t0 = performance.now();
  const form = new FormData();
  form.append('file', await openAsBlob(path), `${dataset}.csv`);
  const res = await fetch(`${baseUrl}/api/v1/imports/${dataset}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 202) throw new Error(`upload ${dataset}: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: number };
  for (;;) {
    const body = (await (await fetch(`${baseUrl}/api/v1/imports/${id}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
    if (['succeeded', 'succeeded_with_errors', 'failed'].includes(body.status as string)) {
      const ms = performance.now() - t0;
      const db = new Client({ connectionString: process.env.DATABASE_URL });
      await db.connect();
      const [{ job_ms }] = (await db.query('SELECT extract(epoch FROM finished_at - started_at) * 1000 AS job_ms FROM imports WHERE id = $1', [id])).rows;
      await db.end();
      return { ms, jobMs: Number(job_ms), body };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The baseline: the same CSV straight into a bare table with the dataset's key and (period, project) index. */
const RAW_COLUMNS = {
  payroll: 'payable_amount numeric NOT NULL, paid_amount numeric NOT NULL, paid_on date, paid_via varchar(20)',
  attendance: 'days_worked smallint NOT NULL',
};
type Measured = keyof typeof RAW_COLUMNS;

async function rawCopy(dataset: Measured, path: string): Promise<number> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const table = `bench_${dataset}_raw`;
  await db.query(`CREATE TABLE ${table} (project_code varchar(64) NOT NULL, id_number varchar(18) NOT NULL, period varchar(7) NOT NULL,
    ${RAW_COLUMNS[dataset]}, PRIMARY KEY (project_code, id_number, period))`);
  await db.query(`CREATE INDEX ON ${table} (period, project_code)`);
  const t0 = performance.now();
  await pipeline(createReadStream(path), db.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER true)`)));
  const ms = performance.now() - t0;
  await db.end();
  return ms;
}

async function main(): Promise<void> {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const dbName = `wage_bench_ingest_${suffix}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const dir = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env = { ...process.env, NODE_ENV: 'development', DATABASE_URL: url.toString(), REDIS_URL, QUEUE_PREFIX: `bench_${suffix}`, PORT: String(port), LOG_LEVEL: process.env.BENCH_VERBOSE ? 'info' : 'warn', IMPORT_DIR: join(dir, 'uploads') };
  Object.assign(process.env, env);
  const children: ChildProcess[] = [];
  const compiled = FROM_SOURCE ? undefined : compileService('ingest');
  try {
    console.log(`generating ${fmt(ROWS)} payroll rows, ${fmt(Math.ceil(ROWS / 12))} workers, ${fmt(PROJECTS)} projects …`);
    const files = await writeBenchFiles(dir, ROWS, PROJECTS);
    const api = start('apps/api/src/main.ts', env, compiled);
    children.push(api);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(baseUrl);
    const worker = start('apps/worker/src/main.ts', env, compiled);
    children.push(worker);
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: DEV_ADMIN_USERNAME, password: DEV_ADMIN_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    for (const dataset of ['projects', 'workers'] as const) {
      const r = await importFile(baseUrl, accessToken, dataset, files[dataset]);
      console.log(`${dataset}: ${r.body.status}, ${fmt(r.body.rowsAccepted as number)} rows in ${(r.ms / 1000).toFixed(1)} s`);
    }
    const rssBefore = await peakRssMb(worker.pid as number);
    const measured = (process.env.BENCH_DATASETS ?? 'payroll,attendance').split(',') as Measured[];
    const results: string[] = [];
    for (const dataset of measured) {
      const reset = await resetPeakRss(worker.pid as number);
      const imp = await importFile(baseUrl, accessToken, dataset, files[dataset]);
      if (imp.body.status !== 'succeeded') throw new Error(`${dataset} import ended ${JSON.stringify(imp.body)}`);
      const rss = await peakRssMb(worker.pid as number);
      const copyMs = await rawCopy(dataset, files[dataset]);
      const importRate = ROWS / (imp.ms / 1000);
      const copyRate = ROWS / (copyMs / 1000);
      results.push(
        '',
        `${dataset} import (HTTP upload → job → tables): ${fmt(ROWS)} rows in ${(imp.ms / 1000).toFixed(2)} s = ${fmt(importRate)} rows/s`,
        `  of which the job itself (started → finished): ${(imp.jobMs / 1000).toFixed(2)} s = ${fmt(ROWS / (imp.jobMs / 1000))} rows/s`,
        `raw COPY into a bare table with the same indexes: ${(copyMs / 1000).toFixed(2)} s = ${fmt(copyRate)} rows/s`,
        `ratio import / raw COPY: ${(importRate / copyRate).toFixed(2)} (target ≥ 0.33, goal ≥ 0.50)`,
        reset ? `worker peak RSS (VmHWM) during the ${dataset} import: ${rss.toFixed(0)} MB (target < 300 MB)` : `worker peak RSS (VmHWM) since start: ${rss.toFixed(0)} MB (target < 300 MB)`,
      );
    }
    results.push(`worker peak RSS before them (start-up, projects and workers imports): ${rssBefore.toFixed(0)} MB`, `load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
    console.log(results.join('\n'));
  } finally {
    for (const c of children) await stop(c);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await deleteRedisPrefix(REDIS_URL, env.QUEUE_PREFIX);
    await rm(dir, { recursive: true, force: true });
    if (compiled) await rm(compiled, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
