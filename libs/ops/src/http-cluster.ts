import cluster, { Worker } from 'node:cluster';
import { AppConfig, loadConfig } from '@wage/config';
import { useQueueBackend } from '@wage/queues';
import { StartupError } from './bootstrap';

/**
 * API_WORKERS > 1 (docs/decisions/api-cluster.md): the first process prepares the
 * infrastructure once (embedded database, migrations, queue store), then forks HTTP-only
 * processes that share PORT through node:cluster. Job workers and schedules never run
 * in a forked process, so `--with-workers` still runs them exactly once, in the first.
 */
export const isHttpClusterWorker = (): boolean => cluster.isWorker;

/** What a forked HTTP process does before Nest starts: the first process checked the rest. */
export function prepareHttpClusterWorker(): AppConfig {
  const config = loadConfig();
  useQueueBackend(config.queueBackend);
  // The IPC channel to the first process would keep this process alive after Nest has
  // closed on SIGTERM; connections still reach it through the shared listening handle.
  process.channel?.unref();
  return config;
}

/** Replacements allowed per minute before the first process gives up (a crash loop). */
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * Forks `count` HTTP processes and resolves once all of them listen. They get the
 * database the first process resolved (the embedded one's URL when DATABASE_URL is
 * unset). SIGTERM/SIGINT to the first process is passed on to each and it waits for
 * them to exit; a process that dies unexpectedly is replaced.
 */
export async function forkHttpWorkers(count: number, config: AppConfig, log: (line: string) => void): Promise<void> {
  const env = { DATABASE_URL: config.databaseUrl, QUEUE_BACKEND: config.queueBackend };
  let stopping = false;
  let ready = false;
  const restarts: number[] = [];
  const fork = (): Worker => cluster.fork(env);

  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  cluster.on('exit', (worker, code, signal) => {
    if (stopping || !ready) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && now - restarts[0] > 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      log(`API process ${worker.process.pid} exited (${signal ?? code}); more than ${MAX_RESTARTS_PER_MINUTE} restarts in a minute, stopping`);
      process.exitCode = 1;
      stop();
      return;
    }
    log(`API process ${worker.process.pid} exited (${signal ?? code}); starting a replacement`);
    fork();
  });

  const started = Array.from({ length: count }, () => {
    const worker = fork();
    return new Promise<void>((resolve, reject) => {
      worker.once('listening', () => resolve());
      worker.once('exit', (code) => reject(new StartupError(`an API process exited with code ${String(code)} before it listened`)));
    });
  });
  try {
    await Promise.all(started);
    ready = true;
  } catch (error) {
    stop();
    throw error;
  }
  log(`API listening on port ${config.PORT} in ${count} processes (API_WORKERS=${config.API_WORKERS})`);
}
