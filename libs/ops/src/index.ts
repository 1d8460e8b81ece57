// First: modules that CoreModule pulls in (auth's DTOs) extend it while this index is still loading.
export { PageQueryDto } from './page-query.dto';
export { CoreModule } from './core.module';
export { LoggingModule } from './logging.module';
export { HttpExceptionFilter } from './http-exception.filter';
export { createValidationPipe } from './validation.pipe';
export { checkRedis, configureHttpApp, createHttpApp, createWorkerContext, prepareInfrastructure, runMain, StartupError } from './bootstrap';
export { OpsModule } from './ops.module';
export { MetricsService, type ScrapeHook } from './metrics/metrics.service';
export { metricCounter, metricGauge, metricHistogram, metricsRegistry } from './metrics/metrics-registry';
export { HEALTH_REDIS_URL } from './health/redis-health.indicator';
