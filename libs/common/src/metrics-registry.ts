import { collectDefaultMetrics, Counter, CounterConfiguration, Gauge, GaugeConfiguration, Histogram, HistogramConfiguration, Registry } from 'prom-client';

/**
 * The one Prometheus registry of the process, served at GET /metrics. Libraries add
 * their own metrics with the get-or-create helpers below (safe when several app
 * instances share a process, as in e2e tests), e.g.
 *   const scanSeconds = metricHistogram({ name: 'wage_scan_duration_seconds', help: '…', labelNames: ['status'] });
 * Values that must be read from the database at scrape time go in a MetricsService.onScrape() hook.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

function existing<T>(name: string): T | undefined {
  return metricsRegistry.getSingleMetric(name) as T | undefined;
}

export function metricHistogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
  return existing<Histogram<L>>(config.name) ?? new Histogram<L>({ ...config, registers: [metricsRegistry] });
}

export function metricGauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers' | 'collect'>): Gauge<L> {
  return existing<Gauge<L>>(config.name) ?? new Gauge<L>({ ...config, registers: [metricsRegistry] });
}

export function metricCounter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
  return existing<Counter<L>>(config.name) ?? new Counter<L>({ ...config, registers: [metricsRegistry] });
}
