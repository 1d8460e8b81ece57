/**
 * Wall-clock milliseconds per named step of a job (a scan shard: the month summary, each
 * rule, staging, commit). Cheap enough to keep on: the scan jobs return them, so BullMQ
 * keeps them with the job and bench:scan prints where a scan's time went.
 */
export type StepTimings = Record<string, number>;

export class StepTimer {
  readonly steps: StepTimings = {};

  /** Runs fn and adds its duration to step `name` (steps of the same name add up). */
  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.add(name, performance.now() - t0);
    }
  }

  timeSync<T>(name: string, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.add(name, performance.now() - t0);
    }
  }

  add(name: string, ms: number): void {
    this.steps[name] = Math.round((this.steps[name] ?? 0) + ms);
  }

  /** Adds another timer's steps under a prefix (`main.`, `p2026-09-01.`). */
  merge(prefix: string, steps: StepTimings | undefined): void {
    for (const [name, ms] of Object.entries(steps ?? {})) this.add(`${prefix}${name}`, ms);
  }
}
