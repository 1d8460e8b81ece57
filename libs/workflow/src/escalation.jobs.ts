import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName } from '@wage/queues';
import { DelayedError, Job } from 'bullmq';
import { EscalationService } from './escalation.service';
import { EscalationJobData, EscalationTimers } from './escalation-timers.service';

/** The escalation timer job: re-check, and if it is not time yet, wait again under the same id. */
@Injectable()
export class EscalationJobs {
  private readonly logger = new Logger(EscalationJobs.name);

  constructor(
    private readonly escalation: EscalationService,
    private readonly timers: EscalationTimers,
  ) {}

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
