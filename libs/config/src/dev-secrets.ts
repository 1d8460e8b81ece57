import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The secrets an installation generates for itself outside production. */
export interface GeneratedSecrets {
  JWT_SECRET: string;
  DATA_ENCRYPTION_KEY: string;
  /** Password of the embedded PostgreSQL's superuser (scram), so other local users cannot connect. */
  EMBEDDED_DB_PASSWORD: string;
}

export const SECRETS_FILE = 'secrets.json';

const generators: Record<keyof GeneratedSecrets, () => string> = {
  JWT_SECRET: () => randomBytes(48).toString('base64url'),
  DATA_ENCRYPTION_KEY: () => randomBytes(32).toString('base64'),
  EMBEDDED_DB_PASSWORD: () => randomBytes(24).toString('base64url'),
};

function readSecrets(file: string): Partial<GeneratedSecrets> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<GeneratedSecrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${file} is unreadable or not JSON (${(error as Error).message}); fix it or set JWT_SECRET and DATA_ENCRYPTION_KEY`, { cause: error });
  }
}

/**
 * Secrets of this installation, generated on first use and kept in DATA_DIR/secrets.json
 * (mode 0600): two installations never share a signing secret or an encryption key, and
 * a restart keeps them (tokens stay valid, encrypted personal data stays readable).
 * Written to a temporary file and then linked into place: link() fails when the file
 * exists, so of two processes starting at once exactly one wins and both use its secrets.
 */
export function installationSecrets(dataDir: string): GeneratedSecrets {
  const file = join(dataDir, SECRETS_FILE);
  const stored = readSecrets(file);
  const missing = (Object.keys(generators) as Array<keyof GeneratedSecrets>).filter((k) => typeof stored[k] !== 'string' || stored[k] === '');
  if (missing.length === 0) return stored as GeneratedSecrets;
  mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  const next = { ...stored } as GeneratedSecrets;
  for (const key of missing) next[key] = generators[key]();
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  if (Object.keys(stored).length > 0) {
    renameSync(tmp, file); // an older file lacking a newer secret: complete it
  } else {
    try {
      linkSync(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(tmp);
    }
  }
  return readSecrets(file) as GeneratedSecrets;
}
