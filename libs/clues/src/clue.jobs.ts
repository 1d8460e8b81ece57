import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobHandler, JobName, QueueName, RUNS_WORKERS } from '@wage/queues';
import { DelayedError, Job, Queue } from 'bullmq';
import { ClueEscalationService } from './clue-escalation.service';
import { ClueIntakeService } from './clue-intake.service';
import { ClueTimerJobData, ClueTimers } from './clue-timers.service';

export const CLUE_SWEEP_SCHEDULER_ID = 'clue-sweep';
/** How often workers look for cases a lost job left behind (intake and deadlines). */
const SWEEP_EVERY_MS = 60_000;

/** The clue jobs: intake after an import, deadline timers, and the periodic sweep. */
@Injectable()
export class ClueJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(ClueJobs.name);

  constructor(
    private readonly intake: ClueIntakeService,
    private readonly escalation: ClueEscalationService,
    private readonly timers: ClueTimers,
    @InjectQueue(QueueName.Escalations) private readonly queue: Queue,
    @Inject(RUNS_WORKERS) private readonly runsWorkers: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorkers) return;
    await this.queue.upsertJobScheduler(
      CLUE_SWEEP_SCHEDULER_ID,
      { every: SWEEP_EVERY_MS },
      { name: JobName.ClueSweep, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } } },
    );
  }

  @JobHandler(JobName.ClueIntake)
  async runIntake(): Promise<{ routed: number }> {
    return { routed: await this.intake.intakePending() };
  }

  @JobHandler(JobName.ClueEscalationCheck)
  async check(job: Job<ClueTimerJobData>): Promise<string> {
    const outcome = await this.escalation.check(job.data.clueId, job.data.level);
    if (outcome.kind === 'later') {
      await job.moveToDelayed(this.timers.toQueueTime(outcome.at), job.token);
      throw new DelayedError();
    }
    if (outcome.kind === 'escalated') {
      this.logger.log(`clue ${job.data.clueId} escalated to level ${outcome.level}`);
      return 'escalated';
    }
    return `skipped: ${outcome.reason}`;
  }

  @JobHandler(JobName.ClueSweep)
  async sweep(): Promise<{ routed: number; escalated: number }> {
    const routed = await this.intake.intakePending();
    const escalated = await this.escalation.sweep();
    return { routed, escalated };
  }
}
