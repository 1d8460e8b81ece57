import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, required } from '@wage/config';
import { hashPassword } from './password';
import { Role } from './roles';
import { SecurityAuditService } from './security-audit.service';

const FIRST_ADMIN_LOCK_KEY = 7_220_260_302;

/**
 * Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD when the users table is
 * empty. Processes starting together serialise on an advisory lock and re-check, so
 * exactly one admin is created.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: SecurityAuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ exists }] = (await this.dataSource.query('SELECT EXISTS (SELECT 1 FROM users) AS exists')) as Array<{ exists: boolean }>;
    if (exists) return;
    const username = required(this.config.ADMIN_USERNAME, 'ADMIN_USERNAME');
    const hash = await hashPassword(required(this.config.ADMIN_PASSWORD, 'ADMIN_PASSWORD'));
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK_KEY]);
      const [{ empty }] = (await manager.query('SELECT NOT EXISTS (SELECT 1 FROM users) AS empty')) as Array<{ empty: boolean }>;
      if (!empty) return;
      const rows = (await manager.query(
        `INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING id`,
        [username, hash, Role.Admin],
      )) as Array<{ id: string }>;
      if (rows.length === 0) return;
      await this.audit.record('user.created', { kind: 'system', name: 'bootstrap' }, { userId: rows[0].id, username, role: Role.Admin }, { manager });
      this.logger.log(`created the first admin user "${username}" from ADMIN_USERNAME/ADMIN_PASSWORD`);
    });
  }
}
