import { Injectable } from '@nestjs/common';

/**
 * The time the workflow believes it is. Deadlines and escalation checks read it instead
 * of `new Date()` so that tests can move time forward (`travel`) without waiting days;
 * production never calls travel, so now() is the system clock.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test-only: shift this process's notion of "now" by `ms` (cumulative). */
  travel(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
