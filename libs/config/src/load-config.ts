import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig } from './app-config';
import { DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME, DEV_DATA_ENCRYPTION_KEY, DEV_JWT_SECRET } from './dev-defaults';

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
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const plain: Record<string, string> = {};
  for (const key of [...known, 'ADMIN_USERNAME', 'ADMIN_PASSWORD', 'DATA_ENCRYPTION_KEY', 'JWT_SECRET']) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') plain[key] = value.trim();
  }
  const config = plainToInstance(AppConfig, plain);
  const problems = flatten(validateSync(config, { skipMissingProperties: false }));
  if (problems.length > 0) throw new ConfigError(problems);

  // Development and test fall back to fixed, publicly known secrets (see README);
  // production never reaches here without them because validation requires them.
  if (!config.isProduction) {
    config.ADMIN_USERNAME ??= DEV_ADMIN_USERNAME;
    config.ADMIN_PASSWORD ??= DEV_ADMIN_PASSWORD;
    config.JWT_SECRET ??= DEV_JWT_SECRET;
    config.DATA_ENCRYPTION_KEY ??= DEV_DATA_ENCRYPTION_KEY;
  }
  return config;
}

/** Secrets are guaranteed present after loadConfig; this narrows the type for callers. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new ConfigError([`${name}: is required`]);
  return value;
}
