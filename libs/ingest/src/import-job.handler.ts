import { rm } from 'node:fs/promises';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { isLastAttempt } from '@wage/common';
import { JobHandler, jobId, JobName, QueueName } from '@wage/queues';
import { DATASETS } from './datasets/registry';
import { Import, ImportStatus } from './entities/import.entity';
import { formatDuration, ImportLimits } from './import-limits';
import { ImportLoader } from './import-loader';
import { collectGarbage } from './merge/heap';
import { FileProblem } from './reading/file-problem';

export interface ImportJobData {
  importId: number;
}

/** Rows from which an import's end waits for a full collection (~3 segments). */
const COLLECT_AFTER_ROWS = 60_000;

const FINISHED: readonly ImportStatus[] = ['succeeded', 'succeeded_with_errors', 'failed'];

/**
 * Runs an import job. Idempotent: every attempt (including the retry of a job whose
 * worker died) resets the counters and errors and loads the file from the start; the
 * data itself is untouched until the loader's single transaction commits.
 */
@Injectable()
export class ImportJobHandler {
  private readonly logger = new Logger(ImportJobHandler.name);

  constructor(
    private readonly db: DataSource,
    private readonly loader: ImportLoader,
    @InjectQueue(QueueName.Escalations) private readonly escalations: Queue,
    private readonly limits: ImportLimits,
  ) {}

  @JobHandler(JobName.ImportRun)
  async run(job: Job<ImportJobData>): Promise<{ status: ImportStatus } | undefined> {
    const repo = this.db.getRepository(Import);
    const imp = await repo.findOneBy({ id: job.data.importId });
    if (!imp || FINISHED.includes(imp.status)) return undefined;
    await this.db.query('DELETE FROM import_errors WHERE import_id = $1', [imp.id]);
    await repo.update(imp.id, {
      status: 'running',
      startedAt: new Date(),
      rowsTotal: null,
      rowsProcessed: 0,
      rowsAccepted: 0,
      rowsRejected: 0,
      warnings: [],
      errorMessage: null,
    });
    const spec = DATASETS.get(imp.dataset);
    // The job timeout: the loader stops at its next batch and rolls back.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new FileProblem(`The import took longer than the limit of ${formatDuration(this.limits.jobTimeoutMs)} per import (job timeout), so nothing was imported; split the file into smaller ones`)),
      this.limits.jobTimeoutMs,
    );
    try {
      if (!spec) throw new FileProblem(`Unknown dataset ${imp.dataset}`);
      const r = await this.loader.load(imp, spec, timeout.signal);
      const status: ImportStatus = r.rolledBack ? 'failed' : r.rowsRejected > 0 ? 'succeeded_with_errors' : 'succeeded';
      await repo.update(imp.id, {
        status,
        rowsTotal: r.rowsTotal,
        rowsProcessed: r.rowsTotal,
        rowsAccepted: r.rolledBack ? 0 : r.rowsAccepted,
        rowsRejected: r.rowsRejected,
        warnings: r.warnings,
        errorMessage: r.rolledBack ? `${r.rowsRejected} row(s) have errors, so nothing was imported (atomic import). Fix them and upload the file again` : null,
        finishedAt: new Date(),
      });
      await this.removeFile(imp);
      // New clues got their cases (a trigger, in the import's transaction); route them now
      // rather than at the next clue sweep (libs/clues), which still catches them if this fails.
      if (spec.name === 'clues' && !r.rolledBack) {
        await this.escalations
          .add(JobName.ClueIntake, { importId: imp.id }, { jobId: jobId('clue-intake', imp.id), removeOnComplete: true })
          .catch((e: unknown) => this.logger.warn(`clue intake for import ${imp.id} not queued (the clue sweep will route them): ${(e as Error).message}`));
      }
      // A big import's garbage (most of it promoted: the seal cache, rows of segments in
      // flight) would sit in the old generation into the next job and add to its peak
      // (~45 MB after 125k workers rows). Here, once the loader's frame and its buffers
      // are gone and the import already reads as finished (the collection is the worker's
      // business, not the uploader's wait); the job ends after it, so the next import
      // starts on the collected heap. A small import is not worth the wait.
      if (r.rowsTotal >= COLLECT_AFTER_ROWS) await collectGarbage();
      return { status };
    } catch (error) {
      const lastAttempt = isLastAttempt(job);
      if (error instanceof FileProblem || lastAttempt) {
        const message = error instanceof FileProblem ? error.message : 'The import failed because of a server problem; it has been logged. Upload the file again later';
        if (!(error instanceof FileProblem)) this.logger.error(`import ${imp.id} failed: ${(error as Error).stack}`);
        // The upload first: once the import reads as failed, its file is already gone
        // (nothing retries a failed import, and a client may check right away).
        await this.removeFile(imp);
        await repo.update(imp.id, { status: 'failed', errorMessage: message, finishedAt: new Date() });
        if (error instanceof FileProblem) return { status: 'failed' };
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async removeFile(imp: Import): Promise<void> {
    await rm(imp.filePath, { force: true });
  }
}
