import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@wage/auth';
import { RedisHealthIndicator } from './redis-health.indicator';

/** Liveness and readiness: 200 when PostgreSQL and Redis both answer, else 503 naming what is down. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: '{ status: "ok", details: { database, redis } }' })
  @ApiServiceUnavailableResponse({ description: 'message names the failing dependency; details per check' })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.db.pingCheck('database').withTimeout(1_500), () => this.redis.check('redis')]);
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
