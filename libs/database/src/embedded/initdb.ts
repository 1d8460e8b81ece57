import { spawn } from 'node:child_process';
import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresBinaries } from './binaries';
import { logTail, SUPERUSER } from './postmaster';
import { RunAs } from './run-as';

export function run(cmd: string, args: string[], user: RunAs | null, logFd: number, cwd: string): Promise<void> {
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

/**
 * initdb once: UTF-8, with the C.UTF-8 locale (PostgreSQL's builtin provider, so sorting
 * and case rules do not depend on the host's locales), password authentication.
 */
export async function initialise(bin: PostgresBinaries, clusterDir: string, opts: { dataDir: string; password: string }, user: RunAs | null, logFd: number, logFile: string): Promise<void> {
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
      try {
        await run(bin.initdb, [...base, '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'], user, logFd, opts.dataDir);
      } catch (error) {
        throw new Error(`initdb failed for ${clusterDir}; ${logFile}:\n${logTail(logFile)}`, { cause: error });
      }
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}
