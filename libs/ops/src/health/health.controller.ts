import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@wage/auth';
import { PostgresQueuesHealthIndicator } from './postgres-queues-health.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

/**
 * Liveness and readiness: 200 when PostgreSQL and the queue store answer, else 503
 * naming what is down. The queue store is "redis", or "queues" (BullMQ's schema in
 * PostgreSQL) with QUEUE_BACKEND=postgres.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queues: PostgresQueuesHealthIndicator,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: '{ status: "ok", details: { database, redis } } (queues instead of redis with QUEUE_BACKEND=postgres)' })
  @ApiServiceUnavailableResponse({ description: 'message names the failing dependency; details per check' })
  async check(): Promise<HealthCheckResult> {
    try {
      const queueStore = this.redis.enabled ? () => this.redis.check('redis') : () => this.queues.check('queues');
      return await this.health.check([() => this.db.pingCheck('database').withTimeout(1_500), queueStore]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.entries(result.error ?? {}).map(([name, r]) => {
        const why = (r as { message?: unknown } | undefined)?.message;
        return `${name} is down${why ? ` (${String(why)})` : ''}`;
      });
      throw new ServiceUnavailableException({ message: `Not ready: ${down.join('; ') || result.status}`, status: result.status, details: result.details });
    }
  }
}
