import { Client } from 'pg';
import { adminUrl, TEMPLATE_ENV } from './template-db';

/** Drops the template database of this jest run (see global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  const name = process.env[TEMPLATE_ENV];
  if (!name) return;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  delete process.env[TEMPLATE_ENV];
}
