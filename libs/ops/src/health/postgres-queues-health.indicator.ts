import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@wage/config';
import { queueSchema } from '@wage/queues';

/**
 * With QUEUE_BACKEND=postgres the queue store is BullMQ's schema in our own database:
 * ready when its migration ledger answers (the schema exists and is reachable).
 */
@Injectable()
export class PostgresQueuesHealthIndicator {
  private readonly sql: string;

  constructor(
    private readonly health: HealthIndicatorService,
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.sql = `SELECT max(version) AS version FROM "${queueSchema(config.QUEUE_PREFIX)}".migration`;
  }

  check(key: string, timeoutMs = 1_500) {
    return this.health
      .check(key)
      .attempt(async () => {
        const rows = (await this.db.query(this.sql)) as Array<{ version: number | null }>;
        if (!rows[0]?.version) throw new Error('the queue schema is not migrated');
      })
      .withTimeout(timeoutMs);
  }
}
