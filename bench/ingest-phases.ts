import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@wage/crypto';
import { ImportLimits } from '../libs/ingest/src/import-limits';
import { DATASETS } from '../libs/ingest/src/datasets/registry';
import { ErrorSink } from '../libs/ingest/src/merge/error-sink';
import { PiiSealer } from '../libs/ingest/src/merge/pii-sealer';
import { SegmentedStage } from '../libs/ingest/src/merge/segments';
import { writeStage } from '../libs/ingest/src/merge/stage-writer';
import { openRecords, readRecords } from '../libs/ingest/src/reading/records';
import { mapHeader, validateRow } from '../libs/ingest/src/validation/row-validator';
import { writeBenchFiles } from './ingest-data';

/**
 * npm run bench:ingest-phases [-- --rows=300000 --dataset=attendance]
 * Where the worker's CPU goes in a payroll (or attendance) import, without the database: (1) reading
 * (decode + CSV parse + limits), (2) + row checks, (3) + sealing personal data and
 * writing COPY lines (the whole reader side of an import), all in one thread; (4) the
 * same as (3) with the chunks in worker threads (as a big import runs). Each phase runs
 * the same file from the start; the differences are each step's cost.
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const ROWS = Number(args.rows ?? 300_000);
const limits = new ImportLimits();
const DATASET = (args.dataset ?? 'payroll') as 'payroll' | 'attendance';
const spec = DATASETS.get(DATASET)!;

async function timed(label: string, f: () => Promise<number>): Promise<number> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const n = await f();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2)} s  ${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rows/s  (CPU of all threads ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
  return ms;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-phases-'));
  try {
    const files = await writeBenchFiles(dir, ROWS, Math.max(1, Math.round(ROWS / 1000)));
    const read = await timed('1 read (decode, parse, limits)', async () => {
      let n = 0;
      for await (const batch of readRecords(files[DATASET], 'csv', limits)) n += batch.length;
      return n - 1;
    });
    const validated = await timed('2 read + row checks', async () => {
      let n = 0;
      let mapping;
      for await (const batch of readRecords(files[DATASET], 'csv', limits)) {
        for (const { row, cells } of batch) {
          if (!mapping) mapping = mapHeader(spec, cells);
          else if (validateRow(spec, mapping, row, cells)) n++;
        }
      }
      return n;
    });
    const projects = new Set(Array.from({ length: Math.max(1, Math.round(ROWS / 1000)) }, (_, p) => `BENCH-${String(p).padStart(5, '0')}`));
    const stageAll = async (threads: number): Promise<number> => {
      const key = randomBytes(32).toString('base64');
      const r = await writeStage({
        spec,
        importId: 1,
        source: await openRecords(files[DATASET], 'csv', limits),
        stage: new SegmentedStage(async () => undefined),
        sealer: new PiiSealer(new PiiCipher(key)),
        knownProjects: projects,
        errors: new ErrorSink(undefined as unknown as DataSource, 1),
        limits,
        threads: threads > 1 ? { threads, cipherKey: key } : undefined,
        onProgress: async () => undefined,
      });
      if (r.rowsRejected) throw new Error(`${r.rowsRejected} rows rejected`);
      return r.rowsAccepted;
    };
    const full = await timed('3 read + checks + seal + COPY lines', () => stageAll(1));
    console.log(`\nshares of the reader side in one thread: read ${((100 * read) / full).toFixed(0)} %, checks ${((100 * (validated - read)) / full).toFixed(0)} %, seal + COPY lines ${((100 * (full - validated)) / full).toFixed(0)} %`);
    const threads = Math.max(2, limits.importThreads);
    const parallel = await timed(`4 = 3 in ${threads} worker threads`, () => stageAll(threads));
    console.log(`${threads} worker threads: ${(full / parallel).toFixed(2)}× the rows/s of one thread (${availableParallelism()} cores, load average ${loadavg().map((v) => v.toFixed(2)).join(' ')})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
