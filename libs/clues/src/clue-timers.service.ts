import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { jobId, JobName, QueueName } from '@wage/queues';
import { Clock } from '@wage/workflow';
import { Queue } from 'bullmq';

export interface ClueTimerJobData {
  clueId: string;
  /** The escalation level this timer would raise the case to. */
  level: number;
}

export interface ClueTimer extends ClueTimerJobData {
  /** When the running deadline passes (workflow clock). */
  at: Date;
}

/** The BullMQ job id of the timer of one (clue, level): never scheduled twice. */
export const clueTimerJobId = (clueId: string, level: number): string => jobId('clue-esc', clueId, level);

/**
 * Deadline timers of clue cases: delayed jobs on the escalations queue, one per
 * (clue, level), exactly like the alert timers. A timer that fires before the running
 * deadline (it moved on to a later step) waits again under the same id.
 */
@Injectable()
export class ClueTimers {
  constructor(
    @InjectQueue(QueueName.Escalations) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  async schedule(timers: ClueTimer[]): Promise<void> {
    if (timers.length === 0) return;
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      timers.map((t) => ({
        name: JobName.ClueEscalationCheck,
        data: { clueId: t.clueId, level: t.level } satisfies ClueTimerJobData,
        opts: { jobId: clueTimerJobId(t.clueId, t.level), delay: Math.max(0, t.at.getTime() - now), removeOnComplete: true },
      })),
    );
  }

  /** Real (Redis) time for a workflow-clock instant, for re-delaying a job. */
  toQueueTime(at: Date): number {
    return Date.now() + Math.max(0, at.getTime() - this.clock.now().getTime());
  }
}
