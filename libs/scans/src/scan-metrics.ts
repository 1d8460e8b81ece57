import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ALERT_STATUSES } from '@wage/alerts';
import { metricGauge, metricHistogram, MetricsService } from '@wage/ops';

const scanSeconds = metricHistogram({
  name: 'wage_scan_duration_seconds',
  help: 'Scan duration from its first shard to finalize (or failure), by outcome',
  labelNames: ['status'],
  buckets: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600],
});

const alertsByStatus = metricGauge({
  name: 'wage_alerts_by_status',
  help: 'Alerts by status, read from the database at scrape time',
  labelNames: ['status'],
});


/** Scan durations and alerts by status on the registry GET /metrics serves (libs/ops). */
@Injectable()
export class ScanMetrics {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, metrics: MetricsService) {
    metrics.onScrape(() => this.collectAlerts());
  }

  observeScan(status: 'succeeded' | 'failed', durationMs: number): void {
    scanSeconds.observe({ status }, durationMs / 1000);
  }

  private async collectAlerts(): Promise<void> {
    const rows: Array<{ status: string; n: number }> = await this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM alerts GROUP BY status`,
    );
    const counts = new Map(rows.map((r) => [r.status, r.n]));
    for (const status of ALERT_STATUSES) alertsByStatus.set({ status }, counts.get(status) ?? 0);
  }
}
