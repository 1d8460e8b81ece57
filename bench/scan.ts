import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { deleteRedisPrefix } from '../test/support/test-env';
import { AppModule } from '@wage/platform';
import { createHttpApp, prepareInfrastructure } from '@wage/ops';
import { jobId, QueueName } from '@wage/queues';
import { spawnWorker, WorkerProcess } from '../test/support/worker-process';
import { loadBankFeeds } from './bank-data';
import { PgCpuSampler } from './pg-cpu';
import { loadBenchData, REFERENCE_SQL } from './scan-data';

/**
 * npm run bench:scan [-- --multipliers=1,10 --shards=4 --shard-projects=2500 --bank-share=0,0.4]
 * (--shards / --shard-projects set SCAN_SHARDS / SCAN_SHARD_PROJECTS: the fewest shards, the most projects per shard)
 * For each multiplier m: 10k·m projects with 1M·m payroll and 1M·m attendance rows in a
 * fresh database; the full scan end to end (POST /api/v1/scans → succeeded, the real
 * service with its BullMQ workers in this process) against a single reference SQL
 * statement (PAY_RATIO_LOW + PAYROLL_MISSING) over the same tables, warm (3 runs before and
 * 3 after each scan, the median; the database vacuumed after loading and between rounds).
 * --multipliers=1,10,1 brackets the 10× run between two 1× runs (the scaling line compares
 * the first run with the largest); --multipliers=1,10,1,10,1,10 --reuse=<1×>,<10×> interleaves
 * the sizes and prints each 10× scan against the 1× scan before it.
 * --bank-share: share of projects with a bank feed (one transfer per paid worker-month);
 * default 0.4; a list runs each share on its own fresh database, for the comparison.
 * --db-prefix=<name> names the fresh databases <name>_<m>x_… (default wage_bench) and the queue prefix <name>_…; --keep keeps them;
 * --reuse=<db>[,<db>…] scans kept databases instead (one per multiplier, in order).
 * Prints each shard's and finalize's steps (the jobs' return values) and fails when the
 * findings by rule differ from the recorded counts or from the reference statement.
 * --rounds=N alternates reference and scan N times in one run and reports the medians
 * (a second round scans over the first one's alerts, as --reuse does).
 * Each round also prints CPU time: PostgreSQL's for this database (backends and parallel
 * workers, from /proc: PostgreSQL on this machine) and this process's, against the
 * reference statement's own CPU time (bench/pg-cpu.ts).
 * --extra-workers=N starts N more worker processes (apps/worker) on the same queues, to
 * compare 1 process with 1 + N (docs/scaling.md).
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const MULTIPLIERS = (args.multipliers ?? '1,10').split(',').map(Number);
const BANK_SHARES = (args['bank-share'] ?? '0.4').split(',').map(Number);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const AS_OF = '2026-11-03';
const PERIOD = '2026-10-01';

const secs = (ms: number): string => (ms / 1000).toFixed(2);
const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function timeReference(db: Client): Promise<{ times: number[]; rows: number; byRule: Record<string, number> }> {
  const times: number[] = [];
  let rows: Array<{ rule: string }> = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const res = await db.query<{ rule: string }>(REFERENCE_SQL, [AS_OF, PERIOD]);
    times.push(performance.now() - t0);
    rows = res.rows;
  }
  const byRule: Record<string, number> = {};
  for (const r of rows) byRule[r.rule] = (byRule[r.rule] ?? 0) + 1;
  return { times, rows: rows.length, byRule };
}

/**
 * The scan's findings by rule must not move with performance work: at 10k and 30k projects
 * (bank share 0.4) they are the counts of main @ c6a1a69 (before this branch's scan work);
 * at every size PAY_RATIO_LOW and PAYROLL_MISSING must equal the reference statement's.
 */
const EXPECTED_BY_RULE: Record<string, Record<string, number>> = {
  '10000@0.4': {
    PAY_RATIO_LOW: 500, DEPOSIT_MISSING: 248, PAYROLL_MISSING: 200, ACCOUNT_DIVERSION: 39, ACCOUNT_NOT_FILED: 310,
    PAYROLL_UNVERIFIED: 33, NOTICE_BOARD_MISSING: 693, PAID_OUTSIDE_ACCOUNT: 267,
  },
  '30000@0.4': {
    PAY_RATIO_LOW: 1500, DEPOSIT_MISSING: 746, PAYROLL_MISSING: 600, ACCOUNT_DIVERSION: 118, ACCOUNT_NOT_FILED: 931,
    PAYROLL_UNVERIFIED: 98, NOTICE_BOARD_MISSING: 2077, PAID_OUTSIDE_ACCOUNT: 800,
  },
};

function checkFindings(m: number, bankShare: number, byRule: Record<string, number>, reference: Record<string, number>): string {
  const problems: string[] = [];
  for (const rule of ['PAY_RATIO_LOW', 'PAYROLL_MISSING']) {
    if ((byRule[rule] ?? 0) !== (reference[rule] ?? 0)) problems.push(`${rule} ${byRule[rule] ?? 0} ≠ reference ${reference[rule] ?? 0}`);
  }
  const expected = EXPECTED_BY_RULE[`${10_000 * m}@${bankShare}`];
  if (expected) {
    for (const rule of new Set([...Object.keys(expected), ...Object.keys(byRule)])) {
      if ((byRule[rule] ?? 0) !== (expected[rule] ?? 0)) problems.push(`${rule} ${byRule[rule] ?? 0} ≠ recorded ${expected[rule] ?? 0}`);
    }
  }
  if (problems.length > 0) throw new Error(`[${m}x] findings changed: ${problems.join('; ')}`);
  return expected ? 'findings by rule = the recorded counts and the reference statement' : 'PAY_RATIO_LOW and PAYROLL_MISSING = the reference statement (no recorded counts at this size)';
}

/** Where the time went: BullMQ's job timestamps, and the steps each job returned (ms). */
async function phases(queue: Queue, scanId: number, shards: number): Promise<string> {
  const steps = (v: unknown): string =>
    Object.entries((v ?? {}) as Record<string, number>)
      .filter(([, ms]) => ms >= 50)
      .map(([name, ms]) => `${name} ${secs(ms)}`)
      .join(', ');
  const parts: string[] = [];
  for (let i = 0; i < shards; i++) {
    const job = await queue.getJob(jobId('scan', scanId, 'shard', i));
    if (job?.processedOn && job.finishedOn) {
      parts.push(`shard ${i} ${secs(job.finishedOn - job.processedOn)} s (waited ${secs(job.processedOn - job.timestamp)} s) [${steps(job.returnvalue)}]`);
    }
  }
  const fin = await queue.getJob(jobId('scan', scanId, 'finalize'));
  if (fin?.processedOn && fin.finishedOn) parts.push(`finalize ${secs(fin.finishedOn - fin.processedOn)} s [${steps(fin.returnvalue)}]`);
  return parts.join('\n    ');
}

/** Waits until no queue has a job waiting or running (delayed jobs, e.g. deadlines days away, do not count). */
async function queuesIdle(app: { get<T>(token: string): T }): Promise<void> {
  const queues = Object.values(QueueName).map((name) => app.get<Queue>(getQueueToken(name)));
  for (let i = 0; i < 1200; i++) {
    let busy = 0;
    for (const q of queues) {
      const c = await q.getJobCounts('active', 'waiting', 'prioritized', 'waiting-children');
      busy += Object.values(c).reduce((a, b) => a + b, 0);
    }
    if (busy === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('queues still busy after 120 s');
}

async function runScan(baseUrl: string, token: string): Promise<Record<string, unknown>> {
  const post = await fetch(`${baseUrl}/api/v1/scans`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ asOf: AS_OF }),
  });
  if (post.status !== 202) throw new Error(`POST /scans: ${post.status} ${await post.text()}`);
  const { id } = (await post.json()) as { id: number };
  for (;;) {
    const scan = (await (await fetch(`${baseUrl}/api/v1/scans/${id}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
    if (scan.status === 'succeeded' || scan.status === 'failed') return scan;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function benchOnce(m: number, bankShare: number): Promise<{ m: number; bankShare: number; scanMs: number; refMs: number; bestMs: number; scan: Record<string, unknown>; refRows: number }> {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  // --reuse=<db>[,<db>…] pairs with --multipliers in order (one loaded database per size).
  const reuse = args.reuse?.split(',')[MULTIPLIERS.indexOf(m)];
  const dbName = reuse ?? `${args['db-prefix'] ?? 'wage_bench'}_${String(m).replace('.', '_')}x_${suffix}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const prefix = `${args['db-prefix'] ?? 'bench'}_${suffix}`;
  Object.assign(process.env, { NODE_ENV: 'development', DATABASE_URL: url.toString(), REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' });
  if (args.shards) process.env.SCAN_SHARDS = args.shards;
  if (args['shard-projects']) process.env.SCAN_SHARD_PROJECTS = args['shard-projects'];
  const db = new Client({ connectionString: url.toString() });
  let app: Awaited<ReturnType<typeof createHttpApp>> | undefined;
  const extra: WorkerProcess[] = [];
  try {
    const config = await prepareInfrastructure(() => undefined);
    await db.connect();
    const t0 = performance.now();
    if (!reuse) await loadBenchData(db, 10_000 * m, PERIOD);
    else await db.query(`DELETE FROM scans`);
    const transfers = reuse ? 0 : await loadBankFeeds(db, bankShare, PERIOD);
    // This server runs without autovacuum, so a freshly loaded database has no visibility
    // map and no hint bits: whichever statement first reads a page pays for setting them
    // (and the dirty page's write), and the first round's reference or scan is slower than
    // the next for that reason alone. A production table has been vacuumed by the time a
    // nightly scan reads it; vacuum here so both sides start from that state.
    if (!reuse) await db.query(`VACUUM (ANALYZE)`);
    const [{ payroll, attendance }] = (
      await db.query(`SELECT (SELECT count(*) FROM payroll) AS payroll, (SELECT count(*) FROM attendance) AS attendance`)
    ).rows;
    console.log(`[${m}x] loaded ${10_000 * m} projects, ${payroll} payroll, ${attendance} attendance, ${transfers} bank transfer rows (bank share ${bankShare}) in ${secs(performance.now() - t0)} s`);

    app = await createHttpApp(AppModule.forRoot({ workers: true }));
    await app.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    for (let i = 0; i < Number(args['extra-workers'] ?? 0); i++) extra.push(spawnWorker());
    if (extra.length > 0) {
      // Ready once BullMQ sees every process's worker connected to the scans queue.
      const scans = app.get<Queue>(getQueueToken(QueueName.Scans));
      const ready = async (): Promise<boolean> => (await scans.getWorkers()).length > extra.length;
      for (let i = 0; i < 600 && !(await ready()); i++) await new Promise((r) => setTimeout(r, 200));
    }
    // --rounds=N alternates the reference (warm, 3 runs before and 3 after) and the scan N times, so both
    // see the same moments of a shared machine; the figures are the medians of the rounds.
    const rounds = Number(args.rounds ?? 1);
    const refTimes: number[] = [];
    const bestTimes: number[] = [];
    const scanTimes: number[] = [];
    let ref: Awaited<ReturnType<typeof timeReference>> | undefined;
    let scan: Record<string, unknown> = {};
    for (let round = 1; round <= rounds; round++) {
      // The previous scan's follow-up jobs (routing, notifications, deliveries of the alerts
      // it raised) compete with the next round for the cores and the alert rows: wait for them.
      await queuesIdle(app);
      // Each scan stages ≈ 20k scope and finding rows and deletes them at finalize, and
      // updates every alert it confirms: without autovacuum (off on this server) the dead
      // rows pile up scan after scan (scan_scopes 131 MB after 15 scans of 1x) and each round
      // is slower than the last. Between two nightly scans autovacuum would have cleaned them.
      await db.query(`VACUUM (ANALYZE) alerts, alert_events, project_risk, scans, scan_findings, scan_scopes, scan_skips`);
      // CPU seconds beside the wall-clock ones: on a shared machine the wall clock also
      // counts the other work's turns on the cores, CPU time much less (pg-cpu.ts).
      const refCpu = new PgCpuSampler(dbName);
      refCpu.start();
      ref = await timeReference(db);
      const refCpuMs = refCpu.stop() / 3;
      const cpu0 = process.cpuUsage();
      const pgCpu = new PgCpuSampler(dbName);
      pgCpu.start();
      const s0 = performance.now();
      scan = await runScan(baseUrl, accessToken);
      const pgCpuMs = pgCpu.stop();
      const scanMs = performance.now() - s0;
      const cpu1 = process.cpuUsage(cpu0);
      if (scan.status !== 'succeeded') throw new Error(`scan failed: ${String(scan.error)}`);
      // The reference runs 3 times before the scan and 3 times after it: the scan's one
      // long sample averages the machine's load over its seconds, so the reference is taken
      // as the median of six short samples around it (the best of them, the quietest
      // moment, is printed too: on a shared machine it moved 0.22–0.74 s within one run).
      await queuesIdle(app);
      const after = await timeReference(db);
      const around = [...ref.times, ...after.times];
      const refMs = median(around);
      const bestMs = Math.min(...around);
      refTimes.push(refMs);
      bestTimes.push(bestMs);
      scanTimes.push(scanMs);
      console.log(
        `[${m}x] round ${round}: cpu: postgres ${secs(pgCpuMs)} s + this process ${secs((cpu1.user + cpu1.system) / 1000)} s vs reference ${secs(refCpuMs)} s = ${((pgCpuMs + (cpu1.user + cpu1.system) / 1000) / refCpuMs).toFixed(1)}×; scan ${secs(scanMs)} s, reference ${secs(refMs)} s (median of 6 around the scan; best ${secs(bestMs)} s) = ${(scanMs / refMs).toFixed(1)}× (${(scanMs / bestMs).toFixed(1)}× the best) (load ${loadavg().map((l) => l.toFixed(1)).join(' ')})`,
      );
      console.log(`[${m}x] ${checkFindings(m, bankShare, scan.byRule as Record<string, number>, ref.byRule)}`);
      console.log(`[${m}x] phases (steps ≥ 0.05 s):\n    ${await phases(app.get<Queue>(getQueueToken(QueueName.Scans)), Number(scan.id), Number(scan.shardCount ?? 4))}`);
    }
    return { m, bankShare, scanMs: median(scanTimes), refMs: median(refTimes), bestMs: median(bestTimes), scan, refRows: ref?.rows ?? 0 };
  } finally {
    for (const w of extra) await w.kill('SIGTERM');
    await app?.close();
    await db.end().catch(() => undefined);
    if (!('keep' in args) && reuse === undefined) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    else console.log(`[${m}x] kept database ${dbName}`);
    await admin.end();
    await deleteRedisPrefix(REDIS_URL, prefix);
  }
}

/**
 * --multipliers=1,10,1,10,1,10 (with --reuse=<1×>,<10×>) interleaves the sizes, so each 10×
 * scan is compared with the 1× scan just before it, minutes apart instead of one size's
 * rounds after the other's: on a shared machine the same 1× scan took 1.9–3.6 s between
 * runs (docs/scaling.md). Prints each pair's ratio, their median, and the ratio of the medians.
 */
function printInterleaved(results: Array<{ m: number; scanMs: number }>, small: number, large: number): void {
  const smalls = results.filter((r) => r.m === small);
  const larges = results.filter((r) => r.m === large);
  if (smalls.length < 2 || larges.length < 2) return;
  const pairs: number[] = [];
  results.forEach((r, i) => {
    const before = results.slice(0, i).reverse().find((x) => x.m === small);
    if (r.m === large && before) pairs.push(r.scanMs / before.scanMs);
  });
  const smallMs = median(smalls.map((r) => r.scanMs));
  const largeMs = median(larges.map((r) => r.scanMs));
  console.log(
    `interleaved ${small}x / ${large}x: ${large}x scan / the ${small}x scan before it = ${pairs.map((p) => `${p.toFixed(1)}×`).join(', ')} ` +
      `(median ${median(pairs).toFixed(1)}×); medians ${secs(smallMs)} s / ${secs(largeMs)} s = ${(largeMs / smallMs).toFixed(1)}×`,
  );
}

async function main(): Promise<void> {
  const results = [];
  for (const m of MULTIPLIERS) {
    for (const share of BANK_SHARES) {
      const r = await benchOnce(m, share);
      results.push(r);
      console.log(
        `[${m}x] full scan ${secs(r.scanMs)} s${Number(args.rounds ?? 1) > 1 ? ' (median)' : ''} (${String(r.scan.projectsScanned)} projects, ${String(r.scan.bankFeedProjects)} with a bank feed, ${String(r.scan.alertsRaised)} alerts, by rule ${JSON.stringify(r.scan.byRule)})`,
      );
      console.log(`[${m}x] reference query ${secs(r.refMs)} s (${r.refRows} rows, median of 6 runs around each scan${Number(args.rounds ?? 1) > 1 ? ', median of the rounds' : ''}); scan / reference = ${(r.scanMs / r.refMs).toFixed(1)}× (against the best runs ${secs(r.bestMs)} s: ${(r.scanMs / r.bestMs).toFixed(1)}×)`);
    }
    const pair = results.filter((r) => r.m === m);
    if (pair.length > 1) {
      const [without, withFeeds] = [pair[0], pair[pair.length - 1]];
      console.log(`[${m}x] bank feeds ${without.bankShare} → ${withFeeds.bankShare}: scan ${secs(without.scanMs)} s → ${secs(withFeeds.scanMs)} s (${(withFeeds.scanMs / without.scanMs).toFixed(2)}×)`);
    }
  }
  if (MULTIPLIERS.length > 1) {
    const last = BANK_SHARES[BANK_SHARES.length - 1];
    const same = results.filter((r) => r.bankShare === last);
    const [a, b] = [same[0], same.reduce((x, y) => (y.m > x.m ? y : x))];
    console.log(`scaling ${a.m}x → ${b.m}x data: scan ${(b.scanMs / a.scanMs).toFixed(1)}× the time, reference ${(b.refMs / a.refMs).toFixed(1)}×`);
    printInterleaved(same, a.m, b.m);
  }
  console.log('targets: full scan ≤ 15 s at 1x (goal ≤ 5 s); 10x data in ≤ 10x the time');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
