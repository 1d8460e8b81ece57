import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateDatabase } from '@wage/database';

/**
 * npm run bench:test-setup [-- --rounds=6]
 * What one e2e file pays for its database before its first test: a copy of the run's
 * migrated template (CREATE DATABASE … TEMPLATE, plus the new service instance id that
 * test/support/test-env.ts writes) against an empty database migrated from scratch (what
 * TEST_TEMPLATE_DB=off does). Alternates the two, prints medians and both times the number
 * of e2e files. Databases are named BENCH_DB_PREFIX (default bench_setup_) and dropped.
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const ROUNDS = Number(args.rounds ?? 6);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = process.env.BENCH_DB_PREFIX ?? 'bench_setup_';

const urlFor = (name: string): string => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function timed(run: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function e2eFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? e2eFiles(join(dir, e.name)) : e.name.endsWith('.e2e-spec.ts') ? 1 : 0),
    0,
  );
}

async function main(): Promise<void> {
  const template = `${PREFIX}tpl_${process.pid}`;
  const created: string[] = [];
  try {
    await admin(`CREATE DATABASE ${template}`);
    const templateMs = await timed(async () => void (await migrateDatabase(urlFor(template))));
    const copy: number[] = [];
    const migrate: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const a = `${PREFIX}copy_${process.pid}_${i}`;
      const b = `${PREFIX}mig_${process.pid}_${i}`;
      created.push(a, b);
      copy.push(
        await timed(async () => {
          await admin(`CREATE DATABASE ${a} TEMPLATE ${template}`);
          const c = new Client({ connectionString: urlFor(a) });
          await c.connect();
          await c.query('UPDATE service_instance SET id = uuid_generate_v4(), created_at = now()');
          await c.end();
        }),
      );
      migrate.push(
        await timed(async () => {
          await admin(`CREATE DATABASE ${b}`);
          await migrateDatabase(urlFor(b));
        }),
      );
      await admin(`DROP DATABASE ${a} WITH (FORCE)`);
      await admin(`DROP DATABASE ${b} WITH (FORCE)`);
    }
    const files = e2eFiles(join(__dirname, '..', 'test'));
    const [c, m] = [median(copy), median(migrate)];
    const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${ROUNDS} rounds, alternating`);
    console.log(`template built once per run (all migrations): ${fmt(templateMs)}`);
    console.log(`per file, copy of the template:      median ${c.toFixed(0)} ms (${copy.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`per file, empty + all migrations:    median ${m.toFixed(0)} ms (${migrate.map((x) => x.toFixed(0)).join(', ')})  = ${(m / c).toFixed(1)}x the copy`);
    console.log(`x ${files} e2e files: copy ${fmt(c * files)} + template ${fmt(templateMs)}  vs  migrate ${fmt(m * files)}  (saves ${fmt(m * files - c * files - templateMs)} of setup per run)`);
  } finally {
    for (const name of [...created, template]) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
