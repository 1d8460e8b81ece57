import { finished } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AppConfig, required } from '@wage/config';
import { PiiCipher } from '@wage/crypto';
import { DatasetSpec } from './datasets/dataset-spec';
import { Import } from './entities/import.entity';
import { formatDuration, ImportLimits } from './import-limits';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from './merge/copy-binary';
import { ErrorSink } from './merge/error-sink';
import { GcNudger } from './merge/heap';
import { copyNewSql, copyStageSql, createMissingEnterprisesSql, createStageSql, mergeSql, STAGE_TABLE } from './merge/merge-sql';
import { PiiSealer } from './merge/pii-sealer';
import { rowChecks } from './merge/row-access';
import { SEGMENT_ROWS, SegmentedStage } from './merge/segments';
import { StageResult, StageThreads, writeStage } from './merge/stage-writer';
import { FileProblem } from './reading/file-problem';
import { openRecords } from './reading/records';

export interface LoadResult extends StageResult {
  /** Nothing was written: an atomic import with row errors. */
  rolledBack: boolean;
}

const MAX_LISTED_ENTERPRISES = 20;
const UNIQUE_VIOLATION = '23505';
const QUERY_CANCELED = '57014';
const IDLE_IN_TRANSACTION_TIMEOUT = '25P03';

async function copySegment(client: PoolClient, sql: string, segment: Buffer): Promise<void> {
  const copy = client.query(copyFrom(sql));
  const done = finished(copy);
  done.catch(() => undefined); // awaited below
  // One write of the whole framed segment: the socket then sends it without the event
  // loop, which the reading keeps busy. Chunk by chunk, every 'drain' waited for a turn
  // of the loop and PostgreSQL sat idle in between.
  copy.write(segment);
  copy.end();
  await done;
}

function enterpriseWarning(codes: string[]): string[] {
  if (codes.length === 0) return [];
  const sorted = [...new Set(codes)].sort();
  const listed = sorted.slice(0, MAX_LISTED_ENTERPRISES).join(', ');
  const more = sorted.length > MAX_LISTED_ENTERPRISES ? ` and ${sorted.length - MAX_LISTED_ENTERPRISES} more` : '';
  return [`${sorted.length} enterprise(s) referenced by projects were not known and were created without a name: ${listed}${more}. Import them with the enterprises dataset to add their names`];
}

/**
 * Loads one import file in ONE transaction: stream → check → COPY into a temporary
 * staging table → upsert + audit trail (segment by segment, overlapping the reading)
 * → commit. A crash anywhere before COMMIT leaves the tables as they were, so a
 * retried job can simply start over.
 */
@Injectable()
export class ImportLoader {
  private readonly logger = new Logger(ImportLoader.name);

  constructor(
    private readonly db: DataSource,
    private readonly cipher: PiiCipher,
    private readonly config: AppConfig,
    private readonly limits: ImportLimits,
  ) {}

  /** signal: aborted when the job runs out of time (its reason is the FileProblem to report). */
  async load(imp: Import, spec: DatasetSpec, signal?: AbortSignal): Promise<LoadResult> {
    const started = Date.now();
    const cpu0 = process.cpuUsage();
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const errors = new ErrorSink(this.db, imp.id);
    const createdEnterprises: string[] = [];
    let segments = 0;
    let stageUsed = false;
    /** A first load (see copyNew); projects must pass the staging table, which names their missing enterprises. */
    let copyDirect = false;
    let audited = true;
    /** Time the segments took in the database (with the reader's wait: which side is the bottleneck). */
    let segmentsMs = 0;
    const nudger = new GcNudger();
    const loadSegment = async (segment: Buffer, keysRepeat: boolean): Promise<void> => {
      const t0 = Date.now();
      try {
        await loadOne(segment, keysRepeat);
      } finally {
        segmentsMs += Date.now() - t0;
      }
    };
    const loadOne = async (segment: Buffer, keysRepeat: boolean): Promise<void> => {
      if (imp.atomic && errors.count > 0) return; // will be rolled back anyway
      segments++;
      nudger.check();
      if (copyDirect && !keysRepeat) {
        if (await this.copyNew(client, spec, segment)) return;
        copyDirect = false; // the file repeats keys across segments: merge from now on
      }
      if (stageUsed) await client.query(`TRUNCATE ${STAGE_TABLE}`);
      stageUsed = true;
      await copySegment(client, copyStageSql(spec), segment);
      if (spec.name === 'projects') {
        const { rows } = await client.query<{ uscc: string }>(createMissingEnterprisesSql(), [imp.id]);
        createdEnterprises.push(...rows.map((r) => r.uscc));
      }
      if (audited) await client.query(mergeSql(spec, keysRepeat), [imp.id, spec.name]);
      else await client.query(mergeSql(spec, keysRepeat, false), [imp.id]);
    };
    const stage = new SegmentedStage(loadSegment, SEGMENT_ROWS, { head: COPY_BINARY_HEADER, tail: COPY_BINARY_TRAILER });
    try {
      await client.query('BEGIN');
      // A frozen worker must not hold the transaction (and the dataset's lock) for ever.
      await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.round(this.limits.idleInTransactionTimeoutMs)}`);
      // One import per dataset at a time: concurrent upserts of the same keys would
      // deadlock, and the "was the table empty" answer below must stay true. Waiting
      // for that lock may take as long as another whole import, every other statement
      // gets statementTimeoutMs.
      await client.query(`SET LOCAL statement_timeout = ${Math.round(this.limits.jobTimeoutMs)}`);
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`wage-ingest:${spec.table}`]);
      await client.query(`SET LOCAL statement_timeout = ${Math.round(this.limits.statementTimeoutMs)}`);
      audited = (await client.query(`SELECT 1 FROM ${spec.table} LIMIT 1`)).rowCount !== 0;
      copyDirect = !audited && spec.name !== 'projects';
      await client.query(createStageSql(spec));
      const knownProjects = spec.projectColumn ? await this.projectCodes(client) : new Set<string>();
      const rowCheck = await rowChecks(client, imp, spec, this.config.webhookAllowList);
      let staged: StageResult;
      const readFrom = Date.now();
      try {
        staged = await writeStage({
          spec,
          importId: imp.id,
          source: await openRecords(imp.filePath, imp.fileFormat, this.limits),
          limits: this.limits,
          threads: this.threads(imp),
          signal,
          stage,
          sealer: new PiiSealer(this.cipher),
          knownProjects,
          errors,
          rowCheck,
          onProgress: (n) => this.progress(imp.id, n),
        });
      } finally {
        await errors.flush();
      }
      const readMs = Date.now() - readFrom;
      await stage.finish();
      const tailMs = Date.now() - readFrom - readMs;
      await this.progress(imp.id, staged.rowsTotal);
      if (imp.atomic && staged.rowsRejected > 0) {
        await client.query('ROLLBACK');
        return { ...staged, rolledBack: true };
      }
      const c0 = Date.now();
      await client.query('COMMIT');
      const cpu = process.cpuUsage(cpu0);
      // Which side an import waited for: the reader (busy = reading minus its waits for the
      // database) or the database (its segments, the last one after the reading, the commit).
      this.logger.log(
        `import ${imp.id} (${spec.name}): ${staged.rowsAccepted} of ${staged.rowsTotal} rows loaded in ${segments} segment(s), ${Date.now() - started} ms: ` +
          `reading ${readMs} ms (busy ${readMs - stage.waitedMs} ms, waited ${stage.waitedMs} ms for the database), segments in the database ${segmentsMs} ms, ` +
          `after the reading ${tailMs} ms, commit ${Date.now() - c0} ms; the worker's CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms`,
      );
      return { ...staged, warnings: [...staged.warnings, ...enterpriseWarning(createdEnterprises)], rolledBack: false };
    } catch (error) {
      await stage.settle(); // the connection must be idle before ROLLBACK
      await client.query('ROLLBACK').catch(() => undefined);
      throw this.explain(error);
    } finally {
      runner.release().catch(() => undefined);
    }
  }

  /**
   * A first load (the table was empty as the import began) COPYs a segment without a
   * repeated key straight into the table: no staging table, no ON CONFLICT (together
   * ~60% of the database's time). Only a key of an earlier segment can then collide;
   * the savepoint undoes the partial COPY and false sends the segment the merge way.
   */
  private async copyNew(client: PoolClient, spec: DatasetSpec, segment: Buffer): Promise<boolean> {
    await client.query('SAVEPOINT ingest_copy');
    try {
      await copySegment(client, copyNewSql(spec), segment);
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await client.query('ROLLBACK TO SAVEPOINT ingest_copy');
      return false;
    }
    await client.query('RELEASE SAVEPOINT ingest_copy');
    return true;
  }

  /** Worker threads for a big file (a small one is done before they would have started). */
  private threads(imp: Import): StageThreads | undefined {
    if (this.limits.importThreads <= 1 || Number(imp.fileSize) < this.limits.threadsFromBytes) return undefined;
    return { threads: this.limits.importThreads, cipherKey: required(this.config.DATA_ENCRYPTION_KEY, 'DATA_ENCRYPTION_KEY') };
  }

  /** PostgreSQL's timeouts, in words that name the limit. */
  private explain(error: unknown): unknown {
    const code = (error as { code?: string }).code;
    if (code === QUERY_CANCELED) {
      return new FileProblem(`The import stopped: one database step took longer than the limit of ${formatDuration(this.limits.statementTimeoutMs)} (statement timeout). Try again later or split the file`);
    }
    if (code === IDLE_IN_TRANSACTION_TIMEOUT) {
      return new FileProblem(`The import stopped: its worker left the database waiting longer than the limit of ${formatDuration(this.limits.idleInTransactionTimeoutMs)} (idle-in-transaction timeout). Upload the file again`);
    }
    return error;
  }

  private async projectCodes(client: PoolClient): Promise<Set<string>> {
    const { rows } = await client.query<{ project_code: string }>('SELECT project_code FROM projects');
    return new Set(rows.map((r) => r.project_code));
  }

  private async progress(importId: number, rowsProcessed: number): Promise<void> {
    await this.db.query('UPDATE imports SET rows_processed = $2 WHERE id = $1', [importId, rowsProcessed]);
  }
}
