import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Manifest, writeDataset } from '@wage/generator';
import { PipelineResult, runPipeline } from './support/pipeline';
import { startTestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

/** Root and a working `unshare -n` (Linux): else this test cannot prove isolation. */
function isolationProblem(): string | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root';
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return probe.status === 0 ? null : '`unshare -n` with `ip link set lo up` does not work here';
}

interface EmbeddedResult {
  probes: { postgres5432Refused: boolean; redis6379Refused: boolean };
  health: { status: string; details: Record<string, { status: string }> };
  pipeline: Omit<PipelineResult, 'adminToken'>;
  scheduled: { scansDelayed: number; noticesDelayed: number };
  embeddedLogLine: string | null;
  secondStartLog: string;
  firstStop: { code: number | null; ms: number; postgresStopped: boolean };
  secondStop: { code: number | null; ms: number; postgresStopped: boolean };
  alertsAfterRestart: string[];
}

function runIsolated(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const proc = spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" -r @swc-node/register test/support/embedded-pipeline.ts', process.execPath], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => resolve({ code, out }));
  });
}

/**
 * issue 18: with nothing but Node.js (no PostgreSQL on 5432, no Redis on 6379: a network
 * namespace of its own), the service starts on the embedded default, runs the whole
 * pipeline with the same alerts as on real servers, registers the nightly schedule,
 * stops on SIGTERM and keeps its data (and its generated secrets) across a restart.
 */
describe('the embedded default, with no server reachable', () => {
  let dir: string;
  let manifest: Manifest;
  let real: PipelineResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wage-embedded-e2e-'));
    // mkdtemp makes it private; PostgreSQL (run as an unprivileged user under root) must reach DATA_DIR inside.
    await chmod(dir, 0o755);
    ({ manifest } = await writeDataset(join(dir, 'dataset'), { projects: 24, seed: 18, asOf: '2026-11-03', workersPerProject: 8, months: 4 }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const files = (): Record<string, string> => Object.fromEntries(Object.entries(manifest.files).map(([k, v]) => [k, v.file]));

  it('runs the pipeline on real PostgreSQL + Redis (the reference)', async () => {
    const t = await startTestApp({ workers: true });
    try {
      real = await runPipeline({ baseUrl: t.baseUrl, datasetDir: join(dir, 'dataset'), files: files(), asOf: manifest.asOf, adminPassword: 'admin-dev-password' });
    } finally {
      await t.close();
    }
    expect(real.scanStatus).toBe('succeeded');
    expect(real.alerts.length).toBeGreaterThanOrEqual(10);
  });

  it('runs the same pipeline on the embedded default in a network namespace, and keeps the data after SIGTERM', async () => {
    const problem = isolationProblem();
    if (problem) {
      console.warn(`SKIPPED the embedded-default isolation test: ${problem} (it needs root and unshare -n)`);
      return;
    }
    const dataDir = join(dir, 'data');
    const { code, out } = await runIsolated({
      EMBEDDED_DATA_DIR: dataDir,
      EMBEDDED_DATASET_DIR: join(dir, 'dataset'),
      EMBEDDED_FILES: JSON.stringify(files()),
      EMBEDDED_AS_OF: manifest.asOf,
    });
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (code !== 0 || !line) throw new Error(`the isolated run failed (${code}):\n${out.slice(-4000)}`);
    const r = JSON.parse(line.slice('RESULT '.length)) as EmbeddedResult;

    expect(r.probes).toEqual({ postgres5432Refused: true, redis6379Refused: true });
    expect(r.health).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, queues: { status: 'up' } } });
    expect(r.embeddedLogLine).toMatch(new RegExp(`Embedded PostgreSQL \\d+.*data in ${join(dataDir, 'postgres')}.*set DATABASE_URL`));

    // Same fixtures, same answers as on real servers.
    expect(r.pipeline.imports).toEqual(real.imports);
    expect(r.pipeline.imports.every((i) => i.status === 'succeeded' && i.rejected === 0)).toBe(true);
    expect(r.pipeline.scanStatus).toBe('succeeded');
    expect(r.pipeline.alerts).toEqual(real.alerts);
    expect(r.pipeline.inspectorAction).toEqual({ claimed: 200, acknowledged: 200, status: 'acknowledged' });
    expect(r.pipeline.inspectorAction).toEqual(real.inspectorAction);
    expect(r.pipeline.noticesCreated).toBeGreaterThan(0);
    expect(r.pipeline.noticesCreated).toBe(real.noticesCreated);
    expect(r.pipeline.noticesListed).toBe(r.pipeline.noticesCreated);
    // The nightly scan's scheduler has its next run waiting (and the daily notices theirs).
    expect(r.scheduled.scansDelayed).toBe(1);
    expect(r.scheduled.noticesDelayed).toBeGreaterThanOrEqual(1);

    // SIGTERM: a clean exit, PostgreSQL stopped with it; the second start reuses the data.
    expect(r.firstStop).toMatchObject({ code: 0, postgresStopped: true });
    expect(r.firstStop.ms).toBeLessThan(10_000);
    expect(r.secondStartLog).not.toMatch(/applied migration/);
    expect(r.alertsAfterRestart).toEqual(r.pipeline.alerts);
    expect(r.secondStop).toMatchObject({ code: 0, postgresStopped: true });
  });
});
