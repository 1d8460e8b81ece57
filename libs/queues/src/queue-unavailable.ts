import { ServiceUnavailableException } from '@nestjs/common';

/**
 * Errors ioredis raises when Redis cannot be reached: offline queue disabled while
 * disconnected, a command timeout, a closed connection, retries exhausted.
 */
const UNREACHABLE = /enableOfflineQueue|Command timed out|Connection is closed|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|max retries per request|Reached the max retries/i;

export function isQueueStoreUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'MaxRetriesPerRequestError' || UNREACHABLE.test(error.message);
}

/** The 503 a request path answers when it could not enqueue its work. */
export function queueUnavailable(what: string): ServiceUnavailableException {
  return new ServiceUnavailableException(`The job queue (Redis) is unavailable, so ${what}. Nothing was kept; try again in a few minutes`);
}
