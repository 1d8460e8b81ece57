import { NextFunction, Request, Response } from 'express';
import { metricHistogram } from '@wage/common';

const httpDuration = metricHistogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

/**
 * Express middleware timing every request. The route label is the matched pattern
 * (/api/v1/alerts/:id), never the raw URL, so label cardinality stays bounded.
 * Mounted with app.use() so that requests refused by guards (401/403) count too.
 */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer();
  res.once('finish', () => {
    const route = (req.route as { path?: string } | undefined)?.path;
    end({ method: req.method, route: route ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) });
  });
  next();
}
