import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@wage/config';
import { dataSourceOptions, EmbeddedPostgres, migrateDatabase, startEmbeddedIfNeeded, startEmbeddedPostgres } from '@wage/database';

/**
 * Migration commands that never touch a real database's schema by accident:
 *   run             apply pending migrations to DATABASE_URL (under the advisory lock)
 *   generate NAME   diff the entities against a scratch database built from the
 *                   committed migrations, and write the difference as a new migration
 *   check           the same diff; exits 1 when entities and migrations disagree (CI)
 * With DATABASE_URL unset, `run` migrates the embedded PostgreSQL in DATA_DIR, while
 * `generate` and `check` use a throwaway embedded cluster in the temp directory (so
 * `npm test` needs no server and leaves nothing behind).
 */
async function withScratchDatabase<T>(baseUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `wage_scratch_${process.pid}_${Date.now()}`;
  // Connect to the server's maintenance database: DATABASE_URL's own database need not
  // exist yet (a fresh machine, before the first `npm start`).
  const maintenance = new URL(baseUrl);
  maintenance.pathname = '/postgres';
  const admin = new Client({ connectionString: maintenance.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function diff(url: string): Promise<{ up: string[]; down: string[] }> {
  await migrateDatabase(url);
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query).reverse() };
  } finally {
    await ds.destroy();
  }
}

const quote = (q: string): string => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

function writeMigration(name: string, up: string[], down: string[]): string {
  const ts = Date.now();
  const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${ts}`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }
}
`;
  const file = join(process.cwd(), 'libs', 'database', 'src', 'migrations', `${ts}-${name}.ts`);
  writeFileSync(file, body);
  return file;
}

/** A server to build scratch databases on: DATABASE_URL's, or a throwaway embedded cluster. */
async function scratchServer(config: AppConfig): Promise<{ url: string; done(): Promise<void> }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, done: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'wage-migrations-'));
  let pg: EmbeddedPostgres | undefined;
  try {
    pg = await startEmbeddedPostgres({ dataDir: dir, password: randomBytes(16).toString('hex'), database: 'postgres' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const started = pg;
  return {
    url: started.url,
    async done() {
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig(process.env, { generateSecrets: false });
  if (command === 'run') {
    const embedded = await startEmbeddedIfNeeded(config, console.log);
    try {
      const applied = await migrateDatabase(config.databaseUrl, console.log);
      console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
    } finally {
      await embedded?.stop();
    }
    return;
  }
  if (command === 'generate' || command === 'check') {
    const server = await scratchServer(config);
    let up: string[];
    let down: string[];
    try {
      ({ up, down } = await withScratchDatabase(server.url, diff));
    } finally {
      await server.done();
    }
    if (up.length === 0) {
      console.log('entities and migrations agree');
      return;
    }
    if (command === 'check') {
      console.error(`entities and migrations disagree; run "npm run migration:generate -- <Name>". Missing:\n${up.join(';\n')}`);
      process.exitCode = 1;
      return;
    }
    if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: npm run migration:generate -- <Name> (letters and digits)');
    console.log(`wrote ${writeMigration(name, up, down)}`);
    return;
  }
  throw new Error('usage: migrations run | generate <Name> | check');
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
