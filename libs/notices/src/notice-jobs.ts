import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '@wage/config';
import { JobHandler, JobName, QueueName, RUNS_WORKERS } from '@wage/queues';
import { NoticeDeadlineService } from './notice-deadline.service';
import { NoticeGeneratorService } from './notice-generator.service';

export const NOTICES_GENERATE_SCHEDULER_ID = 'notices-generate-daily';
export const NOTICES_DEADLINE_SCHEDULER_ID = 'notices-deadline-daily';

/**
 * The daily notice jobs. Worker processes register both as Job Schedulers (upsert by a
 * fixed id: restarts and several workers leave one schedule each); the handlers are
 * idempotent, so a retried or duplicated run issues and reminds nothing twice.
 */
@Injectable()
export class NoticeJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(NoticeJobs.name);

  constructor(
    @InjectQueue(QueueName.Notices) private readonly queue: Queue,
    @Inject(RUNS_WORKERS) private readonly runsWorkers: boolean,
    private readonly config: AppConfig,
    private readonly generator: NoticeGeneratorService,
    private readonly deadlines: NoticeDeadlineService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorkers) return;
    const tz = this.config.SCAN_TZ;
    const opts = { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } };
    await this.queue.upsertJobScheduler(
      NOTICES_GENERATE_SCHEDULER_ID,
      { pattern: this.config.NOTICES_CRON, tz },
      { name: JobName.NoticesGenerate, data: {}, opts },
    );
    await this.queue.upsertJobScheduler(
      NOTICES_DEADLINE_SCHEDULER_ID,
      { pattern: this.config.NOTICES_DEADLINE_CRON, tz },
      { name: JobName.NoticesDeadlineCheck, data: {}, opts },
    );
    this.logger.log(`joint notices scheduled: "${this.config.NOTICES_CRON}", deadline check "${this.config.NOTICES_DEADLINE_CRON}" ${tz}`);
  }

  @JobHandler(JobName.NoticesGenerate)
  async generate(job: Job<{ asOf?: string }>): Promise<{ created: number }> {
    const { created } = await this.generator.generate(job.data?.asOf);
    return { created };
  }

  @JobHandler(JobName.NoticesDeadlineCheck)
  checkDeadlines(): Promise<{ overdue: number; reminded: number }> {
    return this.deadlines.check();
  }
}
