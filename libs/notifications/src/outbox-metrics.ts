import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { metricCounter, metricGauge, MetricsService } from '@wage/ops';

const outboxMessages = metricGauge({
  name: 'outbox_messages',
  help: 'Webhook messages waiting (pending) and dead letters (dead), read from the database at scrape time',
  labelNames: ['status'],
});

/** Outcome of each webhook try: delivered, retry (will try again) or dead. */
export const webhookDeliveries = metricCounter({
  name: 'webhook_deliveries_total',
  help: 'Webhook delivery tries by outcome',
  labelNames: ['outcome'],
});

/** Puts the outbox backlog and the dead letters on /metrics (an alerting target). */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(async () => {
      const rows: Array<{ status: string; n: number }> = await this.dataSource.query(
        `SELECT status, count(*)::int AS n FROM outbox_messages WHERE status IN ('pending', 'dead') GROUP BY status`,
      );
      for (const status of ['pending', 'dead']) outboxMessages.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
    });
  }
}
