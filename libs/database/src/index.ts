export { DatabaseModule } from './database.module';
export { dataSourceOptions } from './data-source-options';
export { migrateDatabase } from './migrate';
export { describeDatabaseError, redactUrl } from './database-errors';
export { SnakeNamingStrategy } from './snake-naming.strategy';
export { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded/embedded-postgres';
export { startEmbeddedIfNeeded } from './embedded/embedded-default';
export { readOnOneSnapshot, type SnapshotRead, type SnapshotReadOptions } from './snapshot-reads';
export { MAX_NAMES, queryPrepared, statementName } from './prepared-statements';
