// PageQueryDto and the metric helpers live in @wage/common; re-exported for older imports.
export { PageQueryDto } from '@wage/common';
export { CoreModule } from './core.module';
export { LoggingModule } from './logging.module';
export { HttpExceptionFilter } from './http-exception.filter';
export { createValidationPipe } from './validation.pipe';
export { checkRedis, configureHttpApp, createHttpApp, createWorkerContext, prepareInfrastructure, runMain, StartupError } from './bootstrap';
export { OpsModule } from './ops.module';
export { MetricsService, type ScrapeHook } from './metrics/metrics.service';
export { metricCounter, metricGauge, metricHistogram, metricsRegistry } from '@wage/common';
export { HEALTH_REDIS_URL } from './health/redis-health.indicator';
export { forkHttpWorkers, isHttpClusterWorker, prepareHttpClusterWorker } from './http-cluster';
