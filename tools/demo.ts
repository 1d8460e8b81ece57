/**
 * npm run demo [-- --projects 300 --port 3000 --seed 1 --as-of YYYY-MM-DD --fresh --keep-data]
 *
 * Builds the console, starts the whole service (API + workers) as a child process, on the
 * embedded default (PostgreSQL in DATA_DIR, default ./.data/demo; queues on PostgreSQL)
 * unless DATABASE_URL / REDIS_URL are set, generates a small province
 * with every kind of problem, loads it through the import API, runs a scan, prints the
 * alerts by rule and severity next to what the generator's manifest expects, and keeps
 * the service running until Ctrl-C.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { openSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { shanghaiDate } from '@wage/calendar';
import { DATASET_NAMES, Manifest, RULE_CODES, writeDataset } from '@wage/generator';
import { DemoClient, ImportView, MissingEndpoint, ScanViewLike, sleep } from './demo-client';
import { clearQueuePrefix, databaseExists, dropDatabase } from './demo-infra';

const ROOT = resolve(__dirname, '..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const PORT = Number(arg('port') ?? process.env.PORT ?? 3000);
const PROJECTS = Number(arg('projects') ?? 300);
const SEED = Number(arg('seed') ?? 20261101);
const KEEP = process.argv.includes('--keep-data');
const FRESH = process.argv.includes('--fresh');
/** Unset: the embedded default, in a DATA_DIR of the demo's own (never the one `npm start` uses). */
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const DEMO_DATA_DIR = process.env.DATA_DIR ?? join(ROOT, '.data', 'demo');
const QUEUE_PREFIX = process.env.QUEUE_PREFIX ?? 'wage-demo';
const REDIS_URL = process.env.REDIS_URL || undefined;
const USER = process.env.ADMIN_USERNAME ?? 'admin';
const PASSWORD = process.env.ADMIN_PASSWORD ?? 'admin-dev-password';
const BASE = `http://127.0.0.1:${PORT}`;
// Reference data first (projects route to units and bureaus), then what refers to projects.
const ORDER = ['enterprises', 'projects', 'inspection_units', 'industry_bureaus', ...DATASET_NAMES.filter((d) => !['enterprises', 'projects', 'inspection_units', 'industry_bureaus'].includes(d))];

let child: ChildProcess | null = null;
let dataDir = '';
const missing: string[] = [];


function startService(logFile: string): ChildProcess {
  const out = openSync(logFile, 'a');
  // Own process group: Ctrl-C reaches only the demo, which then stops the service in order.
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts', '--with-workers'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: DEMO_DATA_DIR, PORT: String(PORT), QUEUE_PREFIX },
    stdio: ['ignore', out, out],
    detached: true,
  });
  proc.on('exit', (code, signal) => {
    if (child === proc) {
      console.error(`\nThe service exited (${signal ?? `code ${code}`}); its log is ${logFile}`);
      process.exit(1);
    }
  });
  return proc;
}

async function stopService(): Promise<void> {
  const proc = child;
  child = null;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function loadAll(api: DemoClient, manifest: Manifest): Promise<void> {
  console.log('\nImporting (POST /api/v1/imports/{dataset}, then GET /api/v1/imports/{id}):');
  for (const dataset of ORDER) {
    const started = Date.now();
    const file = join(dataDir, manifest.files[dataset].file);
    let view: ImportView;
    try {
      const accepted = await api.upload(dataset, file);
      view = await api.waitFor<ImportView>(`/api/v1/imports/${accepted.id}`, 15 * 60_000);
    } catch (error) {
      if (error instanceof MissingEndpoint) {
        missing.push(error.message);
        console.log(`  ${dataset.padEnd(24)} SKIPPED: ${error.message}`);
        continue;
      }
      throw error;
    }
    const secs = (Date.now() - started) / 1000;
    const accepted = view.rowsAccepted ?? 0;
    console.log(
      `  ${dataset.padEnd(24)} ${view.status.padEnd(22)} ${String(accepted).padStart(8)} accepted ${String(view.rowsRejected ?? 0).padStart(6)} rejected  ${secs.toFixed(1)} s`,
    );
    for (const e of (view.errors ?? []).slice(0, 3)) console.log(`      row ${e.row} ${e.column}: ${e.code} ${e.message}`);
    if (view.status === 'failed') throw new Error(`import of ${dataset} failed: ${JSON.stringify(view).slice(0, 500)}`);
  }
}

async function scanAndReport(api: DemoClient, manifest: Manifest): Promise<void> {
  console.log(`\nScanning as of ${manifest.asOf} (assessed period ${manifest.period}) — POST /api/v1/scans`);
  const started = Date.now();
  const accepted = await api.request<{ id: number }>('POST', '/api/v1/scans', { asOf: manifest.asOf });
  const scan = await api.waitFor<ScanViewLike>(`/api/v1/scans/${accepted.id}`, 10 * 60_000);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  scan ${scan.id}: ${scan.status} in ${secs} s — ${scan.projectsScanned ?? '?'} projects, ${scan.alertsRaised ?? '?'} alerts raised`);
  console.log(`  projects with a bank feed (bank reconciliation rules evaluated): ${scan.bankFeedProjects ?? '?'}, generator: ${manifest.bankFeedProjects}`);
  if (scan.skipped && scan.skipped.length > 0) console.log(`  skipped: ${JSON.stringify(scan.skipped).slice(0, 300)}`);
  if (scan.status !== 'succeeded') throw new Error(`scan ${scan.id} ${scan.status}: ${scan.error ?? ''}`);

  console.log('\nAlerts by rule and severity (GET /api/v1/alerts?rule=…&severity=…), and what the generator designed:');
  const head = `  ${'rule'.padEnd(22)}${'red'.padStart(6)}${'orange'.padStart(8)}${'yellow'.padStart(8)}${'total'.padStart(7)}   expected (red/orange/yellow)`;
  console.log(head);
  console.log(`  ${'-'.repeat(head.length - 2)}`);
  const sums = { red: 0, orange: 0, yellow: 0 };
  let mismatches = 0;
  for (const rule of RULE_CODES) {
    const n = { red: 0, orange: 0, yellow: 0 };
    for (const sev of ['red', 'orange', 'yellow'] as const) {
      n[sev] = await api.alertCount(`rule=${rule}&severity=${sev}`);
      sums[sev] += n[sev];
    }
    const e = manifest.expectedAlerts.byRule[rule] ?? {};
    const expected = `${e.red ?? 0}/${e.orange ?? 0}/${e.yellow ?? 0}`;
    const total = n.red + n.orange + n.yellow;
    const same = n.red === (e.red ?? 0) && n.orange === (e.orange ?? 0) && n.yellow === (e.yellow ?? 0);
    if (!same) mismatches++;
    const mark = same ? '' : '  ≠';
    console.log(`  ${rule.padEnd(22)}${String(n.red).padStart(6)}${String(n.orange).padStart(8)}${String(n.yellow).padStart(8)}${String(total).padStart(7)}   ${expected}${mark}`);
  }
  console.log(`  ${'all rules'.padEnd(22)}${String(sums.red).padStart(6)}${String(sums.orange).padStart(8)}${String(sums.yellow).padStart(8)}${String(sums.red + sums.orange + sums.yellow).padStart(7)}   ${manifest.expectedAlerts.total}`);

  if (mismatches > 0) {
    console.log(`  (${mismatches} rules marked ≠ differ from the manifest; data left from an earlier demo run in the same database does that: rerun with --fresh)`);
  }

  type Item = { projectCode: string; projectName?: string; rule: string; severity: string; unitCode?: string | null };
  const top = await api.request<{ items: Item[] }>('GET', '/api/v1/alerts?pageSize=8');
  console.log('\nTop of the queue (GET /api/v1/alerts, queue order):');
  for (const a of top.items) {
    console.log(`  ${a.severity.padEnd(7)}${a.rule.padEnd(22)}${a.projectCode.padEnd(28)}${(a.unitCode ?? 'unrouted').padEnd(14)}${a.projectName ?? ''}`);
  }
}

function printNextSteps(manifest: Manifest, consoleUp: boolean): void {
  const example = manifest.problems.find((p) => p.variants.includes('ABANDONED_SITE')) ?? manifest.problems[0];
  const login = `TOKEN=$(curl -s -X POST ${BASE}/api/v1/auth/login -H 'content-type: application/json' -d '{"username":"${USER}","password":"${PASSWORD}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')`;
  console.log(`
Where to look next:
  console   ${BASE}/console${consoleUp ? '' : '   (not built: run `npm run build:console`, then restart the demo)'}
  API docs  ${BASE}/api/docs   (OpenAPI JSON: ${BASE}/api/docs-json)
  login     ${USER} / ${PASSWORD}
  data      ${dataDir}   (manifest.json lists what each problem project should raise)
  log       ${join(dataDir, 'service.log')}

  ${login}
  curl -s -H "Authorization: Bearer $TOKEN" '${BASE}/api/v1/alerts?severity=red&pageSize=5'
  curl -s -H "Authorization: Bearer $TOKEN" '${BASE}/api/v1/alerts?groupBy=project&pageSize=5'
  curl -s -H "Authorization: Bearer $TOKEN" '${BASE}/api/v1/projects/${example?.projectCode ?? ''}'
  curl -s -H "Authorization: Bearer $TOKEN" -F file=@${join(dataDir, 'payroll.csv')} '${BASE}/api/v1/imports/payroll'
  curl -s -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"asOf":"${manifest.asOf}"}' '${BASE}/api/v1/scans'
${missing.length > 0 ? `\nNot available in this build:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` : ''}
The service keeps running; press Ctrl-C to stop it.`);
}

async function main(): Promise<void> {
  const api = new DemoClient(BASE);
  if (await api.healthy()) throw new Error(`something already answers on ${BASE}; stop it or pass --port <free port>`);
  console.log('Building the console (npm run build:console)…');
  const built = spawnSync('npm', ['run', 'build:console'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) console.log('  the console build failed; the API still runs');
  if (DATABASE_URL) {
    if (FRESH) {
      console.log(`--fresh: dropping the database ${new URL(DATABASE_URL).pathname.slice(1)}`);
      await dropDatabase(DATABASE_URL);
    }
    // A new demo database with the demo's own queue prefix: drop jobs left from an older one.
    if (REDIS_URL && !process.env.QUEUE_PREFIX && !(await databaseExists(DATABASE_URL))) {
      const n = await clearQueuePrefix(REDIS_URL, QUEUE_PREFIX);
      if (n > 0) console.log(`New demo database: removed ${n} stale Redis keys under "${QUEUE_PREFIX}:".`);
    }
  } else if (FRESH) {
    // Jobs live in the same embedded database, so removing it leaves no stale jobs either.
    console.log(`--fresh: removing the embedded demo database in ${DEMO_DATA_DIR}`);
    rmSync(join(DEMO_DATA_DIR, 'postgres'), { recursive: true, force: true });
  }
  dataDir = await mkdtemp(join(tmpdir(), 'wage-demo-'));
  const logFile = join(dataDir, 'service.log');
  const where = DATABASE_URL ? `DATABASE_URL=${DATABASE_URL.replace(/\/\/[^@]*@/, '//…@')}` : `embedded PostgreSQL in ${DEMO_DATA_DIR}`;
  const queues = REDIS_URL ? 'queues on Redis' : 'queues on PostgreSQL';
  console.log(`Starting the service on ${BASE} (${where}, ${queues}, QUEUE_PREFIX=${QUEUE_PREFIX}); log: ${logFile}`);
  child = startService(logFile);

  const asOf = arg('as-of') ?? shanghaiDate(new Date());
  const genStarted = Date.now();
  const { manifest } = await writeDataset(dataDir, { projects: PROJECTS, seed: SEED, asOf, workersPerProject: 20, months: 12 });
  const rows = Object.values(manifest.files).reduce((s, f) => s + f.rows, 0);
  console.log(`Generated ${PROJECTS} projects (${manifest.problems.length} with problems, ${rows} rows) in ${((Date.now() - genStarted) / 1000).toFixed(1)} s into ${dataDir}`);

  const deadline = Date.now() + 180_000;
  while (!(await api.healthy())) {
    if (Date.now() > deadline) throw new Error(`the service did not become healthy within 3 minutes; see ${logFile}`);
    await sleep(1000);
  }
  console.log('Service is up (GET /health).');
  await api.login(USER, PASSWORD);
  await loadAll(api, manifest);
  try {
    await scanAndReport(api, manifest);
  } catch (error) {
    if (!(error instanceof MissingEndpoint)) throw error;
    missing.push(error.message);
    console.log(`\nCannot scan or list alerts: ${error.message}`);
  }
  const consoleUp = (await fetch(`${BASE}/console/`).catch(() => null))?.ok ?? false;
  printNextSteps(manifest, consoleUp);
}

async function shutdown(code: number): Promise<void> {
  console.log('\nStopping the service…');
  await stopService();
  if (dataDir && !KEEP) await rm(dataDir, { recursive: true, force: true });
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('exit', () => child?.kill('SIGKILL'));

main().catch(async (error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  if (dataDir) console.error(`data and service log kept in ${dataDir}`);
  await stopService();
  process.exit(1);
});
