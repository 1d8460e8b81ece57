import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '@wage/config';
import { HealthController } from './health/health.controller';
import { PostgresQueuesHealthIndicator } from './health/postgres-queues-health.indicator';
import { HEALTH_REDIS_URL, RedisHealthIndicator } from './health/redis-health.indicator';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

/** GET /health and GET /metrics (both outside /api/v1). MetricsService is exported for onScrape() hooks. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, MetricsController],
  providers: [
    { provide: HEALTH_REDIS_URL, inject: [AppConfig], useFactory: (c: AppConfig) => (c.queueBackend === 'redis' ? c.redisUrl : null) },
    RedisHealthIndicator,
    PostgresQueuesHealthIndicator,
    MetricsService,
  ],
  exports: [MetricsService],
})
export class OpsModule {}
