/**
 * npm run bench:generate [-- --projects 10000 --workers-per-project 10]
 *
 * Generates ≈ 1M payroll and 1M attendance rows (with every other dataset) to a temp dir,
 * and in the same run writes the same number of fixed CSV lines with a plain buffered
 * stream: the baseline is the cost of formatting and writing bytes, the ratio what
 * generating realistic, valid, rule-designed data adds on top.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDataset } from '@wage/generator';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function baseline(path: string, rows: number): Promise<number> {
  const started = process.hrtime.bigint();
  const out = createWriteStream(path);
  let buf = 'project_code,id_number,period,payable_amount,paid_amount,paid_on,paid_via\r\n';
  for (let i = 0; i < rows; i++) {
    buf += `2024-420102-47-01-${String(i % 1e6).padStart(6, '0')},42010219900101${String(i % 10000).padStart(4, '0')},2026-10,6825.00,6825.00,2026-10-28,dedicated_account\r\n`;
    if (buf.length > 256 * 1024) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'wage-bench-gen-'));
  try {
    const started = process.hrtime.bigint();
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const { manifest } = await writeDataset(join(dir, 'gen'), {
      projects: arg('projects', 10_000),
      workersPerProject: arg('workers-per-project', 10),
      asOf: '2026-11-03',
      seed: 1,
    });
    clearInterval(timer);
    const genSecs = Number(process.hrtime.bigint() - started) / 1e9;
    const total = Object.values(manifest.files).reduce((s, f) => s + f.rows, 0);
    const baseSecs = await baseline(join(dir, 'baseline.csv'), total);
    console.log(`generator: ${total} rows (payroll ${manifest.files.payroll.rows}, attendance ${manifest.files.attendance.rows}) in ${genSecs.toFixed(1)} s = ${Math.round(total / genSecs)} rows/s, peak RSS ${Math.round(peak / 2 ** 20)} MB`);
    console.log(`baseline : ${total} fixed CSV lines written in ${baseSecs.toFixed(1)} s = ${Math.round(total / baseSecs)} rows/s`);
    console.log(`ratio    : generator runs at ${((baseSecs / genSecs) * 100).toFixed(0)} % of the raw write rate`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
