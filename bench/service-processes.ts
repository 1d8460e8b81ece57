import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The real service as child processes of a benchmark (bench:ingest, bench:province): the
 * entry points `npm run start:api` / `start:worker` run, compiled, so the benchmark's own
 * work (load generation, baselines) never shares the service's event loop.
 */
const ROOT = join(__dirname, '..');

/**
 * Production runs compiled JavaScript (npm start); so does the bench, compiled into a
 * private directory under node_modules/.cache (never dist/, which others may be using)
 * so that module resolution finds node_modules.
 */
export function compileService(name: string, root = ROOT): string {
  const out = join(root, 'node_modules', '.cache', `bench-${name}-${process.pid}`);
  const swc = spawnSync('npx', ['swc', 'apps', 'libs', '--out-dir', out, '--copy-files', '--quiet', '--ignore', 'apps/console/**', '--ignore', '**/*.spec.ts'], { cwd: root, stdio: 'inherit' });
  if (swc.status !== 0) throw new Error('swc failed');
  return out;
}

/**
 * Starts an entry point (`apps/api/src/main.ts`), compiled when `compiled` is given, else
 * through the TypeScript loader. `nodeArgs` go to node itself (e.g. `--cpu-prof`, which
 * NODE_OPTIONS does not take).
 */
export function startService(script: string, env: NodeJS.ProcessEnv, compiled: string | undefined, args: string[] = [], nodeArgs: string[] = []): ChildProcess {
  const stdio: Array<'ignore' | 'inherit'> = ['ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore', 'inherit'];
  if (compiled) return spawn(process.execPath, [...nodeArgs, join(compiled, script.replace(/\.ts$/, '.js')), ...args], { cwd: ROOT, env, stdio });
  return spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', script, ...args], { cwd: ROOT, env, stdio });
}

/** SIGTERM, then waits for the exit (the service stops gracefully within its 10 s watchdog). */
export async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

export async function waitForHealth(baseUrl: string, child?: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child && child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode} before it answered ${baseUrl}/health`);
    try {
      if ((await fetch(`${baseUrl}/health`)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not start');
}

/** A process and its descendants (an API with API_WORKERS > 1 forks its HTTP processes). */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone, or not Linux
  }
  return [pid, ...children.flatMap(processTree)];
}

/** CPU time (user + system, ms) of the processes, from /proc (independent of how busy the machine is). */
export function cpuMs(pids: number[]): number {
  const { user, system } = cpuSplitMs(pids);
  return user + system;
}

/** The same, user and system (kernel: socket writes and reads, loopback TCP included) apart. */
export function cpuSplitMs(pids: number[]): { user: number; system: number } {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let user = 0;
  let system = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name "(…)": state is field 3, utime 14, stime 15.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      user += Number(fields[11]) * tick;
      system += Number(fields[12]) * tick;
    } catch {
      // gone
    }
  }
  return { user, system };
}
