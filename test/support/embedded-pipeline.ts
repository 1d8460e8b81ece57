import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { listAlerts, PipelineResult, runPipeline } from './pipeline';

/**
 * Child process of embedded-default.e2e-spec, run inside `unshare -n` (a network
 * namespace with only a loopback of its own): starts the service on the embedded
 * default, drives the pipeline over HTTP, stops it with SIGTERM, starts it again on the
 * same DATA_DIR and checks the data and the old token. Prints one "RESULT {json}" line.
 * Input (env): EMBEDDED_DATA_DIR, EMBEDDED_DATASET_DIR, EMBEDDED_FILES (JSON), EMBEDDED_AS_OF.
 */
const ROOT = join(__dirname, '..', '..');
const PORT = 3900 + Math.floor(Math.random() * 90);
const BASE = `http://127.0.0.1:${PORT}`;
const env = process.env;
const dataDir = env.EMBEDDED_DATA_DIR ?? '';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

interface Service {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; ms: number }>;
}

function startService(): Service {
  // Nothing but what a user's shell has: no DATABASE_URL, no REDIS_URL, no NODE_ENV, no secrets.
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts', '--with-workers'], {
    cwd: ROOT,
    env: { PATH: env.PATH ?? '', HOME: env.HOME ?? '', DATA_DIR: dataDir, PORT: String(PORT), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let stopAt = 0;
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => proc.once('exit', (code) => resolve({ code, ms: Date.now() - stopAt })));
  const kill = proc.kill.bind(proc);
  proc.kill = (signal?: NodeJS.Signals | number) => {
    stopAt = Date.now();
    return kill(signal);
  };
  return { proc, output: () => out, exited };
}

async function healthy(service: Service): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await fetch(`${BASE}/health`).catch(() => null);
    if (res?.status === 200) return (await res.json()) as Record<string, unknown>;
    if (service.proc.exitCode !== null) throw new Error(`the service exited (${service.proc.exitCode}):\n${service.output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`the service did not become healthy:\n${service.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function stop(service: Service): Promise<{ code: number | null; ms: number; postgresStopped: boolean }> {
  service.proc.kill('SIGTERM');
  const { code, ms } = await service.exited;
  return { code, ms, postgresStopped: !existsSync(join(dataDir, 'postgres', 'postmaster.pid')) };
}

async function main(): Promise<void> {
  const probes = { postgres5432Refused: await refused(5432), redis6379Refused: await refused(6379) };
  const first = startService();
  const health = await healthy(first);
  const pipeline: PipelineResult = await runPipeline({
    baseUrl: BASE,
    datasetDir: env.EMBEDDED_DATASET_DIR ?? '',
    files: JSON.parse(env.EMBEDDED_FILES ?? '{}') as Record<string, string>,
    asOf: env.EMBEDDED_AS_OF ?? '',
    adminPassword: 'admin-dev-password',
  });
  const metrics = await (await fetch(`${BASE}/metrics`)).text();
  const delayed = (queue: string): number => Number(new RegExp(`bullmq_jobs\\{queue="${queue}",state="delayed"\\} (\\d+)`).exec(metrics)?.[1] ?? -1);
  const firstStop = await stop(first);
  const firstLog = first.output();

  const second = startService();
  await healthy(second);
  // The token issued before the restart still works: the generated JWT secret was kept.
  const alertsAfterRestart = await listAlerts(BASE, pipeline.adminToken);
  const secondStop = await stop(second);
  const result = {
    probes,
    health,
    pipeline: { ...pipeline, adminToken: undefined },
    scheduled: { scansDelayed: delayed('scans'), noticesDelayed: delayed('notices') },
    embeddedLogLine: /Embedded PostgreSQL [^\n]*/.exec(firstLog)?.[0] ?? null,
    secondStartLog: second.output(),
    firstStop,
    secondStop,
    alertsAfterRestart,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? String(error));
  process.exit(1);
});
