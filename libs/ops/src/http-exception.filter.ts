import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Response } from 'express';
import { isQueueStoreUnreachable } from '@wage/queues';

/**
 * Every error leaves as { statusCode, error, message } (api.md). Validation errors keep
 * the list of every bad field in `details` and join them into `message`. Unexpected
 * errors are logged and answered with a generic 500 that leaks nothing.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const details = Array.isArray(raw) ? raw.map(String) : undefined;
      const message = details ? details.join('; ') : String(raw ?? exception.message);
      const extra = typeof body === 'object' && body !== null ? { ...(body as object) } : {};
      delete (extra as Record<string, unknown>).message;
      delete (extra as Record<string, unknown>).statusCode;
      delete (extra as Record<string, unknown>).error;
      res.status(status).json({
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        ...(details ? { details } : {}),
        ...extra,
      });
      return;
    }
    if (isQueueStoreUnreachable(exception)) {
      // A request path that needs Redis while it is down: say so (api.md) instead of a 500.
      this.logger.warn(`queue store unreachable: ${(exception as Error).message}`);
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The job queue (Redis) is unavailable; try again in a few minutes.',
      });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Unexpected server error; it has been logged. Try again or contact the administrator.',
    });
  }
}
