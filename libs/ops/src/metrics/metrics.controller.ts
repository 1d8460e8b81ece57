import { timingSafeEqual } from 'node:crypto';
import { Controller, ForbiddenException, Get, Header, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import ipaddr from 'ipaddr.js';
import { Public } from '@wage/auth';
import { AppConfig } from '@wage/config';
import { MetricsService } from './metrics.service';

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The TCP peer itself, never X-Forwarded-For (which a client can write). */
const fromLoopback = (req: Request): boolean => {
  const peer = req.socket.remoteAddress ?? '';
  return ipaddr.isValid(peer) && ipaddr.process(peer).range() === 'loopback';
};

/**
 * Prometheus text format: counts and latencies, no personal data, but it shows the
 * service's load and queue state. With METRICS_TOKEN set, scrapers send
 * "Authorization: Bearer <METRICS_TOKEN>"; without it only local connections (a
 * Prometheus agent on the same machine) get an answer.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.METRICS_TOKEN;
    if (token) {
      const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!sameSecret(given, token)) throw new UnauthorizedException('GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"');
    } else if (!fromLoopback(req)) {
      throw new ForbiddenException('GET /metrics answers only local connections; set METRICS_TOKEN to let a remote scraper in with a bearer token');
    }
    const body = await this.metrics.render();
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(body);
  }
}
