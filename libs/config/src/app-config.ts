import { Transform } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/**
 * Every environment variable the service reads, typed and validated once at boot.
 * Nothing else in the code base reads process.env: inject AppConfig instead.
 */
export class AppConfig {
  @IsIn(NODE_ENVS, { message: 'NODE_ENV must be one of development, test, production' })
  NODE_ENV: NodeEnv = 'development';

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, {
    message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/wage_warning',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/wage_warning';

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'QUEUE_PREFIX must be 1-64 characters of letters, digits, "_", "." or "-", such as wage',
  })
  QUEUE_PREFIX = 'wage';

  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'PORT must be an integer TCP port such as 3000' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT = 3000;

  /** First admin, created only when the user table is empty. Required in production. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.ADMIN_USERNAME !== undefined)
  @IsString()
  @Matches(/^[A-Za-z0-9_.@-]{3,64}$/, { message: 'ADMIN_USERNAME must be 3-64 letters, digits or _.@- such as admin' })
  ADMIN_USERNAME?: string;

  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.ADMIN_PASSWORD !== undefined)
  @IsString()
  @Matches(/^.{10,128}$/, { message: 'ADMIN_PASSWORD must be 10-128 characters (required in production)' })
  ADMIN_PASSWORD?: string;

  /** 32 random bytes, base64 (openssl rand -base64 32). Required in production. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.DATA_ENCRYPTION_KEY !== undefined)
  @IsBase64({}, { message: 'DATA_ENCRYPTION_KEY must be 32 bytes in base64; make one with: openssl rand -base64 32' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'DATA_ENCRYPTION_KEY must be 32 bytes in base64; make one with: openssl rand -base64 32',
  })
  DATA_ENCRYPTION_KEY?: string;

  /** Secret that signs access tokens. Required in production. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.JWT_SECRET !== undefined)
  @IsString()
  @Matches(/^.{32,}$/, { message: 'JWT_SECRET must be at least 32 characters (required in production)' })
  JWT_SECRET?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt({ message: 'JWT_TTL_SECONDS must be a whole number of seconds such as 900' })
  @Min(60, { message: 'JWT_TTL_SECONDS must be at least 60' })
  @Max(86400, { message: 'JWT_TTL_SECONDS must be at most 86400' })
  JWT_TTL_SECONDS = 900;

  @IsNotEmpty()
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'SCAN_CRON must be a 5-field cron expression such as "0 2 * * *"' })
  SCAN_CRON = '0 2 * * *';

  @IsNotEmpty()
  @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, { message: 'SCAN_TZ must be an IANA time zone such as Asia/Shanghai' })
  SCAN_TZ = 'Asia/Shanghai';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL = 'info';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}
