import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { StepTimer } from '@wage/common';
import { dataSourceOptions } from '@wage/database';
import { RegionProfileService, RuleEngine } from '@wage/rules';
import { ACTIVE_PROJECT_SQL, SHARD_BOUNDS_SQL, inRangeSql, shardRanges } from '@wage/scans';
import { cpuOf, PgCpuSampler } from './pg-cpu';

/**
 * npm run bench:scan-statements -- --db=<kept bench:scan database> [--shard=0 --shards=2]
 *   [--pg=max_parallel_workers_per_gather:0] [--explain=<regex> --out=<file>]
 * One scan shard's main evaluation (RuleEngine.evaluate in a REPEATABLE READ transaction,
 * the shard's code range as ScanRequestService splits it), printing every statement of
 * ≥ 20 ms with its wall time and its backend's CPU time (/proc: PostgreSQL on this
 * machine), the evaluation's steps, and PostgreSQL's CPU with parallel workers. CPU time
 * per statement is what a shared machine measures best. --pg sets session settings
 * (name:value, comma-separated), e.g. the scan shard's max_parallel_workers_per_gather = 0;
 * --explain writes EXPLAIN (ANALYZE, BUFFERS) of the matching statements (run in a
 * savepoint first, then the statement itself) to --out.
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const AS_OF = '2026-11-03';
const PERIOD = '2026-10-01';
const cpu = (pid: number): number => cpuOf(pid) ?? 0;

async function main(): Promise<void> {
  const url = `postgres://postgres@127.0.0.1:5432/${args.db}`;
  const ds = new DataSource({ ...dataSourceOptions(url), extra: { max: 2, ...(args.pg ? { options: args.pg.split(',').map((o) => `-c ${o.replace(':', '=')}`).join(' ') } : {}) } });
  await ds.initialize();
  const shards = Number(args.shards ?? 2);
  const shard = Number(args.shard ?? 0);
  const bounds: Array<{ bound: string }> = await ds.query(SHARD_BOUNDS_SQL, [shards]);
  const { from, to } = shardRanges(bounds.map((r) => r.bound), shards)[shard];
  const stats: Array<{ sql: string; ms: number; cpu: number }> = [];
  const explains: string[] = [];
  const orig = PostgresQueryRunner.prototype.query;
  const pids = new WeakMap<object, number>();
  PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, sql: string, params?: unknown[], full?: boolean) {
    let pid = pids.get(this);
    if (pid === undefined) {
      pid = Number((await orig.call(this, 'SELECT pg_backend_pid() AS p', [], false))[0].p);
      pids.set(this, pid);
    }
    if (args.explain && new RegExp(args.explain).test(sql) && /^\s*(WITH|SELECT|CREATE TEMP)/i.test(sql)) {
      await orig.call(this, 'SAVEPOINT ex', [], false);
      const rows = await orig.call(this, `EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params, false);
      await orig.call(this, 'ROLLBACK TO SAVEPOINT ex', [], false);
      explains.push(`${sql}\n${rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n`);
    }
    const c0 = cpu(pid);
    const t0 = performance.now();
    const res = await orig.call(this, sql, params, full);
    stats.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 90), ms: performance.now() - t0, cpu: cpu(pid) - c0 });
    return res;
  } as typeof orig;
  const engine = new RuleEngine(new RegionProfileService(ds));
  const timer = new StepTimer();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const sampler = new PgCpuSampler(String(args.db));
  sampler.start();
  await ds.transaction('REPEATABLE READ', async (m) => {
    const active: string[] = (await m.query(
      `SELECT project_code FROM projects WHERE ${ACTIVE_PROJECT_SQL} AND ${inRangeSql('project_code', '$1', '$2')} ORDER BY 1`,
      [from, to],
    )).map((r: { project_code: string }) => r.project_code);
    await engine.evaluate(m, { asOf: AS_OF, period: PERIOD, projectCodes: active }, timer);
  });
  const total = performance.now() - t0;
  const pgAll = sampler.stop();
  const nodeCpu = process.cpuUsage(c0);
  let sumCpu = 0;
  for (const s of stats) {
    sumCpu += s.cpu;
    if (s.ms >= 20 || s.cpu >= 20) console.log(`${s.ms.toFixed(0).padStart(6)} ms ${String(s.cpu).padStart(5)} cpu  ${s.sql}`);
  }
  console.log(`shard ${shard}/${shards}: ${total.toFixed(0)} ms, backend cpu ${sumCpu} ms (with parallel workers ${pgAll} ms), node cpu ${((nodeCpu.user + nodeCpu.system) / 1000).toFixed(0)} ms`);
  console.log(JSON.stringify(Object.fromEntries(Object.entries(timer.steps).filter(([, v]) => v >= 30).map(([k, v]) => [k, Math.round(v)]))));
  if (explains.length) writeFileSync(args.out ?? 'scan-statements-explain.txt', explains.join('\n'));
  await ds.destroy();
}
main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
