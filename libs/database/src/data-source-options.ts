import { join } from 'node:path';
import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * Entities and migrations are found by file name so that each domain library owns its
 * own tables. The globs work both from TypeScript sources (jest) and from dist/ (node),
 * because dist mirrors the source tree.
 */
const root = join(__dirname, '..', '..', '..');
const ext = __filename.endsWith('.ts') ? 'ts' : 'js';

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(root, 'libs', '*', 'src', '**', `*.entity.${ext}`)],
    migrations: [join(root, 'libs', 'database', 'src', 'migrations', `*.${ext}`)],
    migrationsTableName: 'typeorm_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // Business timestamps are timestamptz; this keeps the session itself in UTC.
    // temp_buffers: a scan shard's temporary tables (month summary, payroll history,
    // workers copy: about 30 MB for a shard of 5,000 projects) stay in the backend's
    // local buffers instead of going through a temporary file past the default 8 MB.
    // Local buffers are allocated as a session uses them, only by sessions with
    // temporary tables, and the setting cannot change after a session's first one:
    // hence per connection (docs/decisions/scan-shard-statements.md).
    extra: { max: 10, options: '-c timezone=UTC -c temp_buffers=64MB', application_name: 'wage-warning' },
  };
}

// Calendar dates stay 'YYYY-MM-DD' strings (never shifted through a JS Date and a time
// zone); int8 becomes a number (counts, ids and fen amounts stay far below 2^53).
types.setTypeParser(types.builtins.DATE, (v: string) => v);
types.setTypeParser(types.builtins.INT8, (v: string) => Number(v));
