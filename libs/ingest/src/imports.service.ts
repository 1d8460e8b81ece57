import { rm } from 'node:fs/promises';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Response } from 'express';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { Principal, Role } from '@wage/auth';
import { JobName, jobId, QueueName, queueUnavailable } from '@wage/queues';
import { ImportDetailDto, ImportRowErrorDto, ImportSummaryDto } from './api/import-view.dto';
import { Import, ImportFormat } from './entities/import.entity';
import { ImportJobData } from './import-job.handler';

export interface NewImport {
  dataset: string;
  atomic: boolean;
  filePath: string;
  fileName: string;
  fileSize: number;
  format: ImportFormat;
}

const ERRORS_SHOWN = 100;
const CSV_PAGE = 5_000;

const csvCell = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Submitters (API keys) see only their own imports; everyone else allowed in sees all. */
function ownedBy(p: Principal): FindOptionsWhere<Import> {
  return p.role === Role.Submitter ? { submittedByKind: p.kind, submittedById: p.id } : {};
}

@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly db: DataSource,
    @InjectQueue(QueueName.Imports) private readonly queue: Queue<ImportJobData>,
  ) {}

  async submit(input: NewImport, by: Principal): Promise<Import> {
    const repo = this.db.getRepository(Import);
    const imp = await repo.save(
      repo.create({
        dataset: input.dataset,
        atomic: input.atomic,
        filePath: input.filePath,
        fileName: input.fileName,
        fileSize: input.fileSize,
        fileFormat: input.format,
        submittedByKind: by.kind,
        submittedById: by.id,
        submittedByName: by.name,
      }),
    );
    try {
      await this.queue.add(JobName.ImportRun, { importId: imp.id }, { jobId: jobId('import', imp.id) });
    } catch (error) {
      // Fails fast (producer connection without offline queue): leave nothing half-done,
      // neither a "queued" import that no job will ever run nor its upload.
      this.logger.error(`import ${imp.id} could not be enqueued: ${(error as Error).message}`);
      await rm(input.filePath, { force: true });
      await repo.update(imp.id, {
        status: 'failed',
        errorMessage: 'The job queue was unavailable when the file was uploaded, so it was not imported; upload it again',
        finishedAt: new Date(),
      });
      throw queueUnavailable('the file was not accepted for import');
    }
    return imp;
  }

  async get(id: number, by: Principal): Promise<ImportDetailDto> {
    const imp = await this.find(id, by);
    const errors = await this.db.query<ImportRowErrorDto[]>(
      'SELECT "row", "column", code, message FROM import_errors WHERE import_id = $1 ORDER BY id LIMIT $2',
      [imp.id, ERRORS_SHOWN],
    );
    return { ...summary(imp), errors };
  }

  async list(by: Principal, page: number, pageSize: number): Promise<{ items: ImportSummaryDto[]; total: number }> {
    const [rows, total] = await this.db.getRepository(Import).findAndCount({
      where: ownedBy(by),
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(summary), total };
  }

  /** Every error of an import as CSV, read page by page and written with backpressure. */
  async writeErrorsCsv(id: number, by: Principal, res: Response): Promise<void> {
    const imp = await this.find(id, by);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="import-${imp.id}-errors.csv"`);
    // BOM so that Excel opens the Chinese messages as UTF-8.
    res.write('\uFEFFrow,column,code,message\r\n');
    let after = 0;
    for (;;) {
      const page = await this.db.query<Array<ImportRowErrorDto & { id: number }>>(
        'SELECT id, "row", "column", code, message FROM import_errors WHERE import_id = $1 AND id > $2 ORDER BY id LIMIT $3',
        [imp.id, after, CSV_PAGE],
      );
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      const text = page.map((e) => [e.row, e.column, e.code, e.message].map(csvCell).join(',')).join('\r\n') + '\r\n';
      if (!res.write(text)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  private async find(id: number, by: Principal): Promise<Import> {
    const imp = await this.db.getRepository(Import).findOneBy({ id, ...ownedBy(by) });
    if (!imp) throw new NotFoundException(`Import ${id} not found`);
    return imp;
  }
}

function summary(imp: Import): ImportSummaryDto {
  return {
    id: imp.id,
    dataset: imp.dataset,
    status: imp.status,
    atomic: imp.atomic,
    fileName: imp.fileName,
    rowsTotal: imp.rowsTotal,
    rowsProcessed: imp.rowsProcessed,
    rowsAccepted: imp.rowsAccepted,
    rowsRejected: imp.rowsRejected,
    warnings: imp.warnings,
    errorMessage: imp.errorMessage,
    submittedBy: { kind: imp.submittedByKind, name: imp.submittedByName },
    createdAt: imp.createdAt,
    startedAt: imp.startedAt,
    finishedAt: imp.finishedAt,
  };
}
