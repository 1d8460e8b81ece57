import { AppConfig, installationSecrets } from '@wage/config';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

/**
 * The embedded default: with DATABASE_URL unset (never in production: config validation
 * requires it there) the service runs its own PostgreSQL in DATA_DIR. Afterwards
 * config.DATABASE_URL, and process.env for every later loadConfig() of this process,
 * name that cluster. Returns null when a real server is configured.
 */
export async function startEmbeddedIfNeeded(config: AppConfig, log: (line: string) => void): Promise<EmbeddedPostgres | null> {
  if (config.DATABASE_URL) return null;
  if (config.isProduction) throw new Error('DATABASE_URL is required in production; the embedded PostgreSQL is for trying and developing only');
  const { EMBEDDED_DB_PASSWORD } = installationSecrets(config.DATA_DIR);
  const pg = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, password: EMBEDDED_DB_PASSWORD, log });
  config.DATABASE_URL = pg.url;
  process.env.DATABASE_URL = pg.url;
  log(
    `Embedded PostgreSQL ${pg.version}${pg.owned ? '' : ' (already running)'}: data in ${pg.clusterDir}, port ${pg.port}. ` +
      'For trying and development only; to use a real server set DATABASE_URL (and REDIS_URL), see README "Profiles".',
  );
  return pg;
}
