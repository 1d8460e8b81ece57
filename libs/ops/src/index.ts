export { CoreModule } from './core.module';
export { LoggingModule } from './logging.module';
export { HttpExceptionFilter } from './http-exception.filter';
export { createValidationPipe } from './validation.pipe';
export { checkRedis, configureHttpApp, createHttpApp, createWorkerContext, prepareInfrastructure, runMain, StartupError } from './bootstrap';
export { OpsModule } from './ops.module';
export { MetricsService, type ScrapeHook } from './metrics/metrics.service';
export { metricCounter, metricGauge, metricHistogram, metricsRegistry } from './metrics/metrics-registry';
export { HEALTH_REDIS_URL } from './health/redis-health.indicator';
