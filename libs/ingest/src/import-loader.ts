import { finished } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@wage/crypto';
import { DatasetSpec } from './datasets/dataset-spec';
import { Import } from './entities/import.entity';
import { ErrorSink } from './merge/error-sink';
import { copyStageSql, createMissingEnterprisesSql, createStageSql, mergeSql } from './merge/merge-sql';
import { PiiSealer } from './merge/pii-sealer';
import { StageResult, writeStage } from './merge/stage-writer';
import { readRecords } from './reading/records';

export interface LoadResult extends StageResult {
  /** Nothing was written: an atomic import with row errors. */
  rolledBack: boolean;
}

const MAX_LISTED_ENTERPRISES = 20;

/**
 * Loads one import file in ONE transaction: stream → check → COPY into a temporary
 * staging table → upsert + audit trail → commit. A crash anywhere before COMMIT
 * leaves the tables as they were, so a retried job can simply start over.
 */
@Injectable()
export class ImportLoader {
  private readonly logger = new Logger(ImportLoader.name);

  constructor(
    private readonly db: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  async load(imp: Import, spec: DatasetSpec): Promise<LoadResult> {
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const errors = new ErrorSink(this.db, imp.id);
    const t0 = Date.now();
    try {
      await client.query('BEGIN');
      await client.query(createStageSql(spec));
      const knownProjects = spec.projectColumn ? await this.projectCodes(client) : new Set<string>();
      const copy = client.query(copyFrom(copyStageSql(spec)));
      const copied = finished(copy);
      copied.catch(() => undefined); // awaited below; avoids an unhandled rejection meanwhile
      let staged: StageResult;
      try {
        staged = await writeStage({
          spec,
          records: readRecords(imp.filePath, imp.fileFormat),
          copy,
          sealer: new PiiSealer(this.cipher),
          knownProjects,
          errors,
          onProgress: (n) => this.progress(imp.id, n),
        });
        copy.end();
        await copied;
      } catch (error) {
        copy.destroy(error as Error);
        await copied.catch(() => undefined);
        throw error;
      }
      await errors.flush();
      await this.progress(imp.id, staged.rowsTotal);
      const t1 = Date.now();
      if (imp.atomic && staged.rowsRejected > 0) {
        await client.query('ROLLBACK');
        return { ...staged, rolledBack: true };
      }
      const warnings = [...staged.warnings];
      if (spec.name === 'projects') warnings.push(...(await this.createMissingEnterprises(client, imp.id)));
      await client.query(mergeSql(spec, staged.keysRepeat), [imp.id, spec.name]);
      await client.query('COMMIT');
      this.logger.log(`import ${imp.id} (${spec.name}): ${staged.rowsAccepted} rows read, checked and staged in ${t1 - t0} ms, merged in ${Date.now() - t1} ms`);
      return { ...staged, warnings, rolledBack: false };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      await errors.flush().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async projectCodes(client: PoolClient): Promise<Set<string>> {
    const { rows } = await client.query<{ project_code: string }>('SELECT project_code FROM projects');
    return new Set(rows.map((r) => r.project_code));
  }

  private async createMissingEnterprises(client: PoolClient, importId: number): Promise<string[]> {
    const { rows } = await client.query<{ uscc: string }>(createMissingEnterprisesSql(), [importId]);
    if (rows.length === 0) return [];
    const codes = rows.map((r) => r.uscc).sort();
    const listed = codes.slice(0, MAX_LISTED_ENTERPRISES).join(', ');
    const more = codes.length > MAX_LISTED_ENTERPRISES ? ` and ${codes.length - MAX_LISTED_ENTERPRISES} more` : '';
    return [`${codes.length} enterprise(s) referenced by projects were not known and were created without a name: ${listed}${more}. Import them with the enterprises dataset to add their names`];
  }

  private async progress(importId: number, rowsProcessed: number): Promise<void> {
    await this.db.query('UPDATE imports SET rows_processed = $2 WHERE id = $1', [importId, rowsProcessed]);
  }
}
