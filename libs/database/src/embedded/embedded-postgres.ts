import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { binariesUsableBy, findBinaries, PostgresBinaries } from './binaries';
import { postgresRunAs, RunAs } from './run-as';

export interface EmbeddedPostgresOptions {
  /** DATA_DIR: the cluster goes to DATA_DIR/postgres, its log to DATA_DIR/postgres.log. */
  dataDir: string;
  /** Superuser password (scram-sha-256), so other local users cannot connect. */
  password: string;
  database?: string;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgres://… URL of the service's database on this cluster. */
  url: string;
  clusterDir: string;
  port: number;
  version: string;
  /** false when another process of this service already ran the cluster and we joined it. */
  owned: boolean;
  /** Fast shutdown (clients disconnected, clean checkpoint); a no-op when not owned. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parent pid from /proc (Linux); null where unknown. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The running postmaster of a cluster (pid and port from postmaster.pid), if any. */
function runningPostmaster(clusterDir: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && port > 0 && alive(pid) ? { pid, port } : null;
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

function run(cmd: string, args: string[], user: RunAs | null, logFd: number, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: 'C', LANG: 'C.UTF-8' },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with code ${code}`))));
  });
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-12).join('\n');
  } catch {
    return '';
  }
}

/**
 * initdb once: UTF-8, with the C.UTF-8 locale (PostgreSQL's builtin provider, so sorting
 * and case rules do not depend on the host's locales), password authentication.
 */
async function initialise(bin: PostgresBinaries, clusterDir: string, opts: EmbeddedPostgresOptions, user: RunAs | null, logFd: number): Promise<void> {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const pwfile = join(opts.dataDir, `.pwfile.${process.pid}`);
  writeFileSync(pwfile, `${opts.password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(clusterDir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  const base = [`--pgdata=${clusterDir}`, `--username=${SUPERUSER}`, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--encoding=UTF8', '--lc-messages=C'];
  try {
    try {
      await run(bin.initdb, [...base, '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C.UTF-8'], user, logFd, opts.dataDir);
    } catch {
      // A host without a C.UTF-8 OS locale: the builtin provider still gives C.UTF-8 semantics.
      rmSync(clusterDir, { recursive: true, force: true });
      mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
      if (user) chownSync(clusterDir, user.uid, user.gid);
      await run(bin.initdb, [...base, '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'], user, logFd, opts.dataDir);
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

async function waitReady(port: number, password: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the embedded PostgreSQL stopped while starting (${child.exitCode ?? child.signalCode}); ${logFile}:\n${logTail(logFile)}`);
    }
    const probe = new Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres', connectionTimeoutMillis: 1_000 });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.end();
      return;
    } catch {
      await probe.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`the embedded PostgreSQL did not accept connections within 60 s; ${logFile}:\n${logTail(logFile)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/**
 * Starts (or joins) the service's own PostgreSQL in DATA_DIR, for machines with nothing
 * but Node.js. A second start reuses the cluster. A cluster left running by a process
 * that was killed (its postmaster now orphaned) is stopped and started afresh; one run
 * by a live process of this service (say `npm run migration:run` during `npm start`) is
 * joined, and stays that process's to stop.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const user = postgresRunAs();
  const bin = binariesUsableBy(findBinaries(), user);
  const clusterDir = join(opts.dataDir, 'postgres');
  const logFile = join(opts.dataDir, 'postgres.log');
  const database = opts.database ?? 'wage_warning';
  // DATA_DIR itself stays root's when root runs the service, but must be traversable.
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o711 });
  if (user) chmodSync(opts.dataDir, (statSync(opts.dataDir).mode & 0o7777) | 0o011);
  if (user && spawnSync('test', ['-x', opts.dataDir], { uid: user.uid, gid: user.gid }).status !== 0) {
    throw new Error(
      `PostgreSQL must run as user ${user.name} (not root), who cannot reach DATA_DIR ${opts.dataDir} (a parent directory is private); ` +
        'set DATA_DIR to a directory such as /var/lib/wage-warning, start the service as a normal user, or set DATABASE_URL',
    );
  }
  const urlFor = (port: number): string =>
    `postgres://${SUPERUSER}:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  const running = runningPostmaster(clusterDir);
  if (running) {
    if (parentOf(running.pid) !== 1) {
      return { url: urlFor(running.port), clusterDir, port: running.port, version: bin.version, owned: false, stop: async () => undefined };
    }
    log(`stopping the embedded PostgreSQL left running by a killed process (pid ${running.pid})`);
    process.kill(running.pid, 'SIGINT');
    if (!(await waitGone(running.pid, 30_000))) throw new Error(`the old embedded PostgreSQL (pid ${running.pid}) did not stop; stop it and start again`);
  }

  const logFd = openSync(logFile, 'a', 0o600);
  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initialise(bin, clusterDir, opts, user, logFd);
    const port = await freePort();
    // Own process group: a Ctrl-C in the terminal reaches the service, which stops
    // PostgreSQL only after its own connections are closed.
    const child = spawn(bin.postgres, ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
      cwd: opts.dataDir,
      stdio: ['ignore', logFd, logFd],
      detached: true,
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    child.on('error', () => undefined);
    const killOnExit = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    };
    process.on('exit', killOnExit);
    try {
      await waitReady(port, opts.password, child, logFile);
    } catch (error) {
      killOnExit();
      throw error;
    }
    // The service's own handles decide when it exits; PostgreSQL must not keep it alive.
    child.unref();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return {
      url: urlFor(port),
      clusterDir,
      port,
      version: bin.version,
      owned: true,
      async stop() {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.ref();
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
        child.unref();
      },
    };
  } finally {
    closeSync(logFd);
  }
}
