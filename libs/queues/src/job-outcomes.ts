/**
 * Outcomes of the jobs this process's workers ran, as events, so that the metrics library
 * (which depends on this one) can count them without this library depending on it.
 *   completed  the handler returned
 *   retried    the handler threw and the job will run again
 *   failed     the handler threw on its last attempt (the job is now failed)
 */
export type JobOutcome = 'completed' | 'retried' | 'failed';
export type JobOutcomeListener = (queue: string, outcome: JobOutcome) => void;

const listeners = new Set<JobOutcomeListener>();

export function onJobOutcome(listener: JobOutcomeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitJobOutcome(queue: string, outcome: JobOutcome): void {
  for (const l of listeners) l(queue, outcome);
}

/** A failed attempt is final when no attempt is left. */
export function failureOutcome(attemptsMade: number, attempts: number | undefined): JobOutcome {
  return attemptsMade >= (attempts ?? 1) ? 'failed' : 'retried';
}
