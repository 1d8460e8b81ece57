import { DefaultJobOptions } from 'bullmq';

const DAY = 24 * 3600;

/**
 * Retention on every queue: Redis must not grow without bound, yet an operator needs
 * recent history. Completed jobs are kept a week (at most 1,000), failed ones a month
 * (at most 5,000). Retries use exponential backoff.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * DAY, count: 1_000 },
  removeOnFail: { age: 30 * DAY, count: 5_000 },
};

/**
 * Deterministic job ids make enqueueing idempotent: BullMQ ignores an add whose id
 * exists. Parts are joined with "." because ":" is BullMQ's key separator.
 */
export function jobId(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/[:\s]/g, '_')).join('.');
}
