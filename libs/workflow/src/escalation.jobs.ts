import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobHandler, JobName, QueueName, RUNS_WORKERS } from '@wage/queues';
import { DelayedError, Job, Queue } from 'bullmq';
import { EscalationService } from './escalation.service';
import { EscalationSweepService, SweepResult } from './escalation-sweep.service';
import { EscalationJobData, EscalationTimers } from './escalation-timers.service';

export const ESCALATION_SWEEP_SCHEDULER_ID = 'escalation-sweep';
/** How often the deadline sweep runs: a lost timer escalates at most this late. */
export const ESCALATION_SWEEP_EVERY_MS = 5 * 60_000;

/**
 * The escalation timer job (re-check, and if it is not time yet, wait again under the
 * same id) and the periodic deadline sweep that catches timers that were lost.
 */
@Injectable()
export class EscalationJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(EscalationJobs.name);

  constructor(
    private readonly escalation: EscalationService,
    private readonly timers: EscalationTimers,
    private readonly sweeper: EscalationSweepService,
    @InjectQueue(QueueName.Escalations) private readonly queue: Queue,
    @Inject(RUNS_WORKERS) private readonly runsWorkers: boolean,
  ) {}

  /** Worker processes register the sweep; upserting by a fixed id leaves exactly one schedule. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorkers) return;
    await this.queue.upsertJobScheduler(
      ESCALATION_SWEEP_SCHEDULER_ID,
      { every: ESCALATION_SWEEP_EVERY_MS },
      { name: JobName.EscalationSweep, data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }

  @JobHandler(JobName.EscalationSweep)
  sweep(): Promise<SweepResult> {
    return this.sweeper.sweep();
  }

  @JobHandler(JobName.EscalationCheck)
  async check(job: Job<EscalationJobData>): Promise<string> {
    const outcome = await this.escalation.check(job.data.alertId, job.data.level);
    if (outcome.kind === 'later') {
      // Same job, later: the (alert, level) timer stays unique while it waits.
      await job.moveToDelayed(this.timers.toQueueTime(outcome.at), job.token);
      throw new DelayedError();
    }
    if (outcome.kind === 'escalated') this.logger.log(`alert ${job.data.alertId} escalated to level ${outcome.level}`);
    return outcome.kind === 'escalated' ? 'escalated' : `skipped: ${outcome.reason}`;
  }
}
