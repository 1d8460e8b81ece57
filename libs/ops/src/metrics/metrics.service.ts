import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { onJobOutcome, QueueName } from '@wage/queues';
import { metricCounter, metricGauge, metricsRegistry } from '@wage/common';

export type ScrapeHook = () => Promise<void> | void;

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

const queueJobs = metricGauge({
  name: 'bullmq_jobs',
  help: 'BullMQ jobs per queue and state, read from the queue store (Redis or PostgreSQL) at scrape time',
  labelNames: ['queue', 'state'],
});

const jobOutcomes = metricCounter({
  name: 'bullmq_job_outcomes_total',
  help: 'Jobs run by this process’s workers per queue and outcome (completed, retried, failed on the last attempt)',
  labelNames: ['queue', 'outcome'],
});
// Once per process (not per app instance), so a test that boots two apps counts once.
onJobOutcome((queue, outcome) => jobOutcomes.inc({ queue, outcome }));

/**
 * Renders /metrics. Before each scrape it refreshes the gauges whose truth lives
 * elsewhere: BullMQ job counts, and whatever hooks other libraries registered with
 * onScrape() (e.g. alerts by status from the database). A failing hook is logged and
 * skipped, so one broken source never blanks the whole page.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  private readonly hooks: ScrapeHook[] = [];
  private readonly queues: Queue[];

  constructor(
    @InjectQueue(QueueName.Imports) imports: Queue,
    @InjectQueue(QueueName.Scans) scans: Queue,
    @InjectQueue(QueueName.Escalations) escalations: Queue,
    @InjectQueue(QueueName.Outbox) outbox: Queue,
    @InjectQueue(QueueName.Notices) notices: Queue,
  ) {
    this.queues = [imports, scans, escalations, outbox, notices];
    this.onScrape(() => this.collectQueueCounts());
  }

  onScrape(hook: ScrapeHook): void {
    this.hooks.push(hook);
  }

  get contentType(): string {
    return metricsRegistry.contentType;
  }

  async render(): Promise<string> {
    await Promise.all(
      this.hooks.map(async (hook) => {
        try {
          await hook();
        } catch (error) {
          this.logger.warn(`metrics hook failed: ${(error as Error).message}`);
        }
      }),
    );
    return metricsRegistry.metrics();
  }

  private async collectQueueCounts(): Promise<void> {
    await Promise.all(
      this.queues.map(async (queue) => {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
      }),
    );
  }
}
