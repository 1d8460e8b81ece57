import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { shanghaiDate } from '@wage/calendar';
import { isLastAttempt, StepTimings } from '@wage/common';
import { JobHandler, JobName } from '@wage/queues';
import { ScanFinalizeService } from './scan-finalize.service';
import { ScanJobData, ScanRequestService } from './scan-request.service';
import { ScanShardService } from './scan-shard.service';

/** BullMQ entry points of scans; each is thin and delegates to a service. */
@Injectable()
export class ScanJobs {
  constructor(
    private readonly requests: ScanRequestService,
    private readonly shards: ScanShardService,
    private readonly finalizer: ScanFinalizeService,
  ) {}

  /** The nightly Job Scheduler fires this: today's scan (Asia/Shanghai), via the API's path. */
  @JobHandler(JobName.ScanNightly)
  async nightly(): Promise<{ scanId: number }> {
    const scan = await this.requests.request(shanghaiDate(new Date()), 'scheduled', 'nightly schedule');
    return { scanId: scan.id };
  }

  @JobHandler(JobName.ScanShard)
  async shard(job: Job<ScanJobData>): Promise<StepTimings> {
    try {
      return await this.shards.run(job.data.scanId, job.data.shard ?? 0, job.data.range);
    } catch (error) {
      // Out of retries: the parent fails too (failParentOnFailure); make it visible on the scan.
      if (isLastAttempt(job)) await this.finalizer.fail(job.data.scanId, `shard ${job.data.shard} failed: ${(error as Error).message}`);
      throw error;
    }
  }

  @JobHandler(JobName.ScanFinalize)
  async finalize(job: Job<ScanJobData>): Promise<StepTimings> {
    try {
      return await this.finalizer.run(job.data.scanId);
    } catch (error) {
      if (isLastAttempt(job)) await this.finalizer.fail(job.data.scanId, `finalize failed: ${(error as Error).message}`);
      throw error;
    }
  }
}
