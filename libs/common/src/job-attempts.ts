/** The part of a BullMQ job that says how often it ran (structural, so no bullmq import here). */
export interface AttemptedJob {
  attemptsMade: number;
  opts: { attempts?: number };
}

/**
 * True while the job runs its last allowed attempt: a failure now is final, so the
 * handler records it (e.g. marks the scan or import failed) instead of waiting for a retry.
 */
export function isLastAttempt(job: AttemptedJob): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
