import { execFileSync } from 'node:child_process';

/** The unprivileged account PostgreSQL runs as when the service itself runs as root. */
export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

function lookup(name: string): RunAs | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && uid > 0 ? { name, uid, gid } : null;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the system's `postgres`
 * account when there is one (what a PostgreSQL admin expects to own cluster files),
 * else as `nobody`, which every Linux and macOS has: no account is ever created.
 * As any other user, PostgreSQL simply runs as that user (null).
 */
export function postgresRunAs(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const user = lookup('postgres') ?? lookup('nobody');
  if (!user) throw new Error('running as root, but neither a "postgres" nor a "nobody" account exists to run the embedded PostgreSQL as');
  return user;
}
