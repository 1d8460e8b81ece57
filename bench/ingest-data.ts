import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { idNumberCheckChar, usccCheckChar } from '@wage/ingest';

/**
 * Minimal deterministic payroll data for bench:ingest: P projects, W workers spread
 * over them, 12 months of payroll per worker, and attendance for the same worker-months. Files are written the way a project's
 * ledger export looks (by project, month, worker).
 */
const REGIONS = ['420113', '420102', '420103', '420104', '420105', '420106', '420111', '420112'];

export function benchId(n: number): string {
  const year = 1960 + (n % 40);
  const month = (Math.floor(n / 40) % 12) + 1;
  const day = (Math.floor(n / 480) % 28) + 1;
  const seq = Math.floor(n / 13_440) % 1000;
  const region = REGIONS[Math.floor(n / 13_440_000) % REGIONS.length];
  const first17 = `${region}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function benchUscc(n: number): string {
  const first17 = `91420100MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
}

async function writeLines(path: string, header: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buf = header + '\n';
  for (const line of lines) {
    buf += line + '\n';
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export interface BenchFiles {
  projects: string;
  workers: string;
  payroll: string;
  attendance: string;
  payrollRows: number;
}

export async function writeBenchFiles(dir: string, payrollRows: number, projectCount: number): Promise<BenchFiles> {
  const workerCount = Math.ceil(payrollRows / 12);
  const projectOf = (w: number): number => w % projectCount;
  const code = (p: number): string => `BENCH-${String(p).padStart(5, '0')}`;
  const files = { projects: `${dir}/projects.csv`, workers: `${dir}/workers.csv`, payroll: `${dir}/payroll.csv`, attendance: `${dir}/attendance.csv`, payrollRows };
  /** Every (project, month, worker) of the files, in ledger order; the first payrollRows of them. */
  function* workerMonths(): Generator<{ p: number; m: number; w: number }> {
    let rows = 0;
    for (let p = 0; p < projectCount; p++) {
      for (let m = 1; m <= 12; m++) {
        for (let w = p; w < workerCount; w += projectCount) {
          if (rows++ >= payrollRows) return;
          yield { p, m, w };
        }
      }
    }
  }
  const month = (m: number): string => `2025-${String(m).padStart(2, '0')}`;

  await writeLines(
    files.projects,
    'project_code,name,region_code,industry,construction_unit_uscc,general_contractor_uscc,contract_amount,contract_signed_on,status',
    (function* () {
      for (let p = 0; p < projectCount; p++) yield `${code(p)},基准测试项目${p},420113,housing,${benchUscc(p * 2)},${benchUscc(p * 2 + 1)},12000000.00,2025-01-01,in_progress`;
    })(),
  );
  await writeLines(
    files.workers,
    'project_code,id_number,name,employer_uscc,entered_on,contract_signed,bank_card_number',
    (function* () {
      for (let w = 0; w < workerCount; w++) yield `${code(projectOf(w))},${benchId(w)},工人${w},${benchUscc(projectOf(w) * 2 + 1)},2025-01-01,是,62220202${String(w).padStart(11, '0')}`;
    })(),
  );
  await writeLines(
    files.payroll,
    'project_code,id_number,period,payable_amount,paid_amount,paid_on,paid_via',
    (function* () {
      for (const { p, m, w } of workerMonths()) {
        const paid = (w + m) % 10 === 0 ? '0' : '5800.00';
        yield `${code(p)},${benchId(w)},${month(m)},6000.00,${paid},${paid === '0' ? '' : `${month(m)}-28`},`;
      }
    })(),
  );
  await writeLines(
    files.attendance,
    'project_code,id_number,period,days_worked',
    (function* () {
      for (const { p, m, w } of workerMonths()) yield `${code(p)},${benchId(w)},${month(m)},${18 + ((w + m) % 10)}`;
    })(),
  );
  return files;
}
