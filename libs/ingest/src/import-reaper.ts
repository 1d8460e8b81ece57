import { rm } from 'node:fs/promises';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { JobHandler, jobId, JobName, QueueName, RUNS_WORKERS } from '@wage/queues';
import { Import } from './entities/import.entity';

export const IMPORT_REAPER_SCHEDULER_ID = 'import-reaper';
/** How often workers look for imports whose job is gone or dead. */
export const REAP_EVERY_MS = 30_000;
/** An import younger than this may still be between its INSERT and its enqueue. */
const GRACE_MS = 60_000;

interface OpenImport {
  id: string;
  file_path: string;
}

/** Why an import whose job is in this state will never finish by itself, or undefined. */
export function deadJobReason(job: Job | undefined, state: string): string | undefined {
  if (!job || state === 'unknown') return 'its job is gone from the queue (the queue store lost it)';
  if (state === 'failed') {
    if (/stalled/i.test(job.failedReason ?? '')) return 'the worker loading it stopped (killed or frozen) too many times, so it was given up';
    return `its job failed (${job.failedReason ?? 'no reason given'})`;
  }
  if (state === 'completed') return 'its job ended without finishing it';
  return undefined;
}

/**
 * api.md: an import never stays queued or running after its worker is gone. BullMQ
 * hands a stalled job to another worker (and fails it after maxStalledCount stalls),
 * but a job that failed that way, or vanished from Redis, never runs the import's own
 * failure path. This periodic job finds such imports, fails them with a message that
 * says what happened and removes their upload.
 */
@Injectable()
export class ImportReaper implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportReaper.name);

  constructor(
    private readonly db: DataSource,
    @InjectQueue(QueueName.Imports) private readonly imports: Queue,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    @Inject(RUNS_WORKERS) private readonly runsWorkers: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorkers) return;
    await this.maintenance.upsertJobScheduler(
      IMPORT_REAPER_SCHEDULER_ID,
      { every: REAP_EVERY_MS },
      { name: JobName.ImportReap, data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }

  @JobHandler(JobName.ImportReap)
  async reap(): Promise<{ failed: number[] }> {
    const open = await this.db.query<OpenImport[]>(
      `SELECT id, file_path FROM imports WHERE status IN ('queued', 'running') AND created_at < now() - make_interval(secs => $1) ORDER BY id`,
      [GRACE_MS / 1000],
    );
    const failed: number[] = [];
    for (const imp of open) {
      const job = (await this.imports.getJob(jobId('import', imp.id))) ?? undefined;
      const reason = deadJobReason(job, job ? await job.getState() : 'unknown');
      if (!reason) continue;
      const message = `The import was stopped because ${reason}; nothing was imported. Upload the file again (split it if it is very large)`;
      const { affected } = await this.db
        .getRepository(Import)
        .update({ id: Number(imp.id), status: In(['queued', 'running']) }, { status: 'failed', errorMessage: message, finishedAt: new Date() });
      if (!affected) continue;
      await rm(imp.file_path, { force: true });
      this.logger.warn(`import ${imp.id} failed by the reaper: ${reason}`);
      failed.push(Number(imp.id));
    }
    return { failed };
  }
}
