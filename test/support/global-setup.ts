import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { adminUrl, databaseUrlFor, TEMPLATE_ENV, templateEnabled } from './template-db';

/**
 * Runs the migrations once per jest run, into a template database; each e2e file then
 * copies it (CREATE DATABASE … TEMPLATE …) instead of migrating from scratch.
 * The migrations run in a child process (as `npm run migration:run` does) because jest's
 * global setup does not resolve the @wage/* paths the entities import.
 */
export default async function globalSetup(): Promise<void> {
  if (!templateEnabled()) return;
  const name = `wage_tpl_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  // Set before migrating, so that the teardown drops it even when the migrations fail.
  process.env[TEMPLATE_ENV] = name;
  await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'test/support/migrate-once.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, DATABASE_URL: databaseUrlFor(name) },
  });
}
