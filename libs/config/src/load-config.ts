import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig } from './app-config';
import { join, resolve } from 'node:path';
import { DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME } from './dev-defaults';
import { installationSecrets, SECRETS_FILE } from './dev-secrets';

/** Thrown at boot when the environment is unusable; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).slice(0, 1).map((m) => `${e.property}: ${m}`));
}

/**
 * Reads the environment into a validated AppConfig. Empty strings count as unset so a
 * blank line in an .env file falls back to the default instead of failing obscurely.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { generateSecrets?: boolean } = {}): AppConfig {
  const known = Object.keys(new AppConfig());
  const plain: Record<string, string> = {};
  for (const key of [...known, 'ADMIN_USERNAME', 'ADMIN_PASSWORD', 'DATA_ENCRYPTION_KEY', 'JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'QUEUE_BACKEND']) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') plain[key] = value.trim();
  }
  const config = plainToInstance(AppConfig, plain);
  const problems = flatten(validateSync(config, { skipMissingProperties: false }));
  if (problems.length > 0) throw new ConfigError(problems);

  config.DATA_DIR = resolve(config.DATA_DIR);
  config.IMPORT_DIR ||= join(config.DATA_DIR, 'imports');
  config.QUEUE_BACKEND ??= config.queueBackend;
  // Outside production (NODE_ENV unset counts as development) an unset secret is
  // generated once for this installation and kept in DATA_DIR; production never gets
  // here without them because validation requires them. Only the admin login has a
  // public development default (README), and only while no user exists.
  if (!config.isProduction) {
    config.ADMIN_USERNAME ??= DEV_ADMIN_USERNAME;
    config.ADMIN_PASSWORD ??= DEV_ADMIN_PASSWORD;
    // Tools that never sign or decrypt (migrations) pass generateSecrets: false, leaving no DATA_DIR behind.
    if ((!config.JWT_SECRET || !config.DATA_ENCRYPTION_KEY) && options.generateSecrets !== false) {
      const generated = installationSecrets(config.DATA_DIR);
      config.generatedSecretsFile = join(config.DATA_DIR, SECRETS_FILE);
      config.JWT_SECRET ??= generated.JWT_SECRET;
      config.DATA_ENCRYPTION_KEY ??= generated.DATA_ENCRYPTION_KEY;
    }
  }
  return config;
}

/** Secrets are guaranteed present after loadConfig; this narrows the type for callers. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new ConfigError([`${name}: is required`]);
  return value;
}
