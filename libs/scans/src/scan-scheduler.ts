import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@wage/config';
import { JobName, QueueName, RUNS_WORKERS } from '@wage/queues';

export const NIGHTLY_SCAN_SCHEDULER_ID = 'nightly-scan';

/**
 * Registers the nightly scan as a BullMQ Job Scheduler in worker processes. Upserting by
 * a fixed id is idempotent: restarts and several workers leave exactly one schedule.
 */
@Injectable()
export class ScanScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScanScheduler.name);

  constructor(
    @InjectQueue(QueueName.Scans) private readonly queue: Queue,
    @Inject(RUNS_WORKERS) private readonly runsWorkers: boolean,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorkers) return;
    await this.queue.upsertJobScheduler(
      NIGHTLY_SCAN_SCHEDULER_ID,
      { pattern: this.config.SCAN_CRON, tz: this.config.SCAN_TZ },
      { name: JobName.ScanNightly, data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } } },
    );
    this.logger.log(`nightly scan scheduled: "${this.config.SCAN_CRON}" ${this.config.SCAN_TZ}`);
  }
}
