import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { binariesUsableBy, findBinaries } from './binaries';
import { initialise } from './initdb';
import { freePort, parentOf, runningPostmaster, SUPERUSER, waitGone, waitReady } from './postmaster';
import { postgresRunAs } from './run-as';

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
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initialise(bin, clusterDir, opts, user, logFd, logFile);
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
