import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { jobId, JobName, QueueName } from '@wage/queues';
import { Queue } from 'bullmq';
import { Clock } from './clock';

export interface EscalationJobData {
  alertId: number;
  /** The escalation level this timer would raise the alert to. */
  level: number;
}

export interface EscalationTimer {
  alertId: number;
  level: number;
  /** When the deadline passes (workflow clock). */
  at: Date;
}

/** The BullMQ job id of the timer of one (alert, level): a timer is never scheduled twice. */
export const escalationJobId = (alertId: number, level: number): string => jobId('esc', alertId, level);

/**
 * Escalation timers are delayed jobs, one per (alert, level). Adding a timer whose job
 * is still pending is a no-op (same job id); a timer that fires early because the
 * deadline moved re-delays itself (see EscalationService). Completed timers are removed,
 * so an alert that comes back later can get a timer for the same level again.
 */
@Injectable()
export class EscalationTimers {
  constructor(
    @InjectQueue(QueueName.Escalations) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  async schedule(timers: EscalationTimer[]): Promise<void> {
    if (timers.length === 0) return;
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      timers.map((t) => ({
        name: JobName.EscalationCheck,
        data: { alertId: t.alertId, level: t.level } satisfies EscalationJobData,
        opts: { jobId: escalationJobId(t.alertId, t.level), delay: Math.max(0, t.at.getTime() - now), removeOnComplete: true },
      })),
    );
  }

  /**
   * For deadlines that moved EARLIER (a severity went up): sets the timer, and brings a
   * pending timer forward when it would fire after the new deadline. (A deadline that
   * moved later needs nothing: the early timer re-delays itself.)
   */
  async advance(timers: EscalationTimer[]): Promise<void> {
    await this.schedule(timers);
    const now = this.clock.now().getTime();
    for (const t of timers) {
      const job = await this.queue.getJob(escalationJobId(t.alertId, t.level));
      if (!job || !(await job.isDelayed())) continue;
      const wanted = Math.max(0, t.at.getTime() - now);
      if (job.timestamp + job.delay > Date.now() + wanted) await job.changeDelay(wanted);
    }
  }

  /**
   * For a reopened alert: its deadline starts again from the reopening, so a timer of the
   * same (alert, level) still pending from before (resolve deadline of the first life)
   * is dropped and set again for the new deadline.
   */
  async rearm(timers: EscalationTimer[]): Promise<void> {
    for (const t of timers) {
      const job = await this.queue.getJob(escalationJobId(t.alertId, t.level));
      // An active job is running its check now and re-reads the alert; leave it.
      if (job && (await job.getState()) !== 'active') await job.remove();
    }
    await this.schedule(timers);
  }

  /** Real (Redis) time for a workflow-clock instant, for re-delaying a job. */
  toQueueTime(at: Date): number {
    return Date.now() + Math.max(0, at.getTime() - this.clock.now().getTime());
  }
}
