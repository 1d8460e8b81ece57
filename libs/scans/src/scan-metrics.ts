import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Histogram, register } from 'prom-client';
import { DataSource } from 'typeorm';

const SCAN_DURATION = 'wage_scan_duration_seconds';
const ALERTS_BY_STATUS = 'wage_alerts_by_status';

/** The database the alerts gauge reads at scrape time (the latest live application). */
let gaugeSource: DataSource | null = null;

/**
 * Scan durations and alerts by status on prom-client's default registry, which /metrics
 * serves. Metrics are created once per process (tests boot several apps in one process).
 */
@Injectable()
export class ScanMetrics implements OnModuleDestroy {
  private readonly duration: Histogram<'status'>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    gaugeSource = dataSource;
    this.duration =
      (register.getSingleMetric(SCAN_DURATION) as Histogram<'status'> | undefined) ??
      new Histogram({
        name: SCAN_DURATION,
        help: 'Scan duration from first shard start to finalize, by outcome',
        labelNames: ['status'],
        buckets: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600],
      });
    if (!register.getSingleMetric(ALERTS_BY_STATUS)) {
      new Gauge({
        name: ALERTS_BY_STATUS,
        help: 'Alerts by status',
        labelNames: ['status'],
        async collect() {
          if (!gaugeSource?.isInitialized) return;
          const rows: Array<{ status: string; n: number }> = await gaugeSource.query(
            `SELECT status, count(*)::int AS n FROM alerts GROUP BY status`,
          );
          this.reset();
          for (const r of rows) this.set({ status: r.status }, r.n);
        },
      });
    }
  }

  observeScan(status: 'succeeded' | 'failed', durationMs: number): void {
    this.duration.observe({ status }, durationMs / 1000);
  }

  onModuleDestroy(): void {
    gaugeSource = null;
  }
}
