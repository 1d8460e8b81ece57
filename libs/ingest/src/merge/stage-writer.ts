import { DatasetSpec } from '../datasets/dataset-spec';
import { formatCount, ImportLimits } from '../import-limits';
import { RowPool } from '../parallel/row-pool';
import { chunkRecords, parseCsvChunk } from '../reading/csv-chunks';
import { FileProblem } from '../reading/file-problem';
import { RecordList, recordList } from '../reading/record-list';
import { RecordSource, SourceRecord } from '../reading/records';
import { RowError } from '../validation/error-codes';
import { columnLabel, HeaderMapping, mapHeader } from '../validation/row-validator';
import { ErrorSink } from './error-sink';
import { PiiSealer } from './pii-sealer';
import { EncodedBatch, RowEncoder } from './row-encoder';
import { RowCheck } from './row-access';
import { SegmentedStage } from './segments';

/** Worker threads for a CSV import's chunks; absent or 1 thread: everything in the import's thread. */
export interface StageThreads {
  threads: number;
  /** DATA_ENCRYPTION_KEY, for each thread's own PiiCipher. */
  cipherKey: string;
}

export interface StageInput {
  spec: DatasetSpec;
  /** Written as each line's last_import_id. */
  importId: number;
  source: RecordSource;
  /** Where accepted rows go, as COPY text lines. */
  stage: SegmentedStage;
  sealer: PiiSealer;
  /** Project codes in the database (checked when the dataset references a project). */
  knownProjects: ReadonlySet<string>;
  errors: ErrorSink;
  /** Access and target checks of a valid row (see row-access.ts); such an import stays in one thread. */
  rowCheck?: RowCheck;
  limits: Pick<ImportLimits, 'maxRows' | 'maxErrors' | 'maxRecordChars' | 'maxCellChars' | 'maxColumns'> & Partial<Pick<ImportLimits, 'rowsPerTurn'>>;
  /** Parse, check and seal CSV chunks in worker threads. */
  threads?: StageThreads;
  /** Checked between batches: the job ran out of time (the reason says so). */
  signal?: AbortSignal;
  onProgress(rowsProcessed: number): Promise<void>;
}

export interface StageResult {
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  warnings: string[];
}

const PROGRESS_EVERY_MS = 1_000;

/**
 * Reads, checks and seals every row and hands the good ones to the segmented stage,
 * waiting whenever the database is behind (backpressure). A CSV's chunks after the
 * header may go to worker threads; their batches are taken in file order, so the
 * counts, the row and error limits and the errors' row numbers are the same as in one
 * thread.
 */
export async function writeStage(input: StageInput): Promise<StageResult> {
  const tally = new StageTally(input);
  const { source, signal } = input;
  if (source.kind === 'records') {
    for await (const batch of source.batches) {
      signal?.throwIfAborted();
      await tally.records(batch);
    }
    return tally.result();
  }
  const threads = input.rowCheck ? 1 : (input.threads?.threads ?? 1);
  let pool: RowPool | undefined;
  const inFlight: Array<Promise<EncodedBatch>> = [];
  try {
    for await (const chunk of source.chunks) {
      signal?.throwIfAborted();
      // The header (and the chunk it is in) is read here; then the pool knows it.
      if (!tally.header) {
        await tally.records(parseCsvChunk(chunk, input.limits));
        continue;
      }
      if (threads <= 1) {
        await tally.encode(chunkRecords(chunk, input.limits));
        continue;
      }
      pool ??= startPool(input, threads, tally.header);
      const next = pool.run(chunk);
      next.catch(() => undefined); // awaited in order below
      inFlight.push(next);
      if (inFlight.length >= pool.depth) await tally.take(await (inFlight.shift() as Promise<EncodedBatch>));
    }
    while (inFlight.length) await tally.take(await (inFlight.shift() as Promise<EncodedBatch>));
  } finally {
    await pool?.close();
  }
  return tally.result();
}

function startPool(input: StageInput, threads: number, header: string[]): RowPool {
  const { maxRecordChars, maxCellChars, maxColumns } = input.limits;
  return new RowPool(threads, {
    dataset: input.spec.name,
    header,
    importId: input.importId,
    cipherKey: (input.threads as StageThreads).cipherKey,
    knownProjects: [...input.knownProjects],
    limits: { maxRecordChars, maxCellChars, maxColumns },
  });
}

/** The import's counts, errors and header; takes encoded batches in file order. */
class StageTally {
  header: string[] | undefined;
  private encoder: RowEncoder | undefined;
  private warnings: string[] = [];
  private total = 0;
  private accepted = 0;
  private rejected = 0;
  private lastProgress = Date.now();

  constructor(private readonly input: StageInput) {}

  /** Records read in this thread: the header first, then data rows through the encoder. */
  async records(batch: readonly SourceRecord[]): Promise<void> {
    let from = 0;
    while (!this.encoder && from < batch.length) {
      const { cells } = batch[from++];
      if (cells.every((c) => c.trim() === '')) continue;
      this.startEncoder(cells);
    }
    if (!this.encoder || from >= batch.length) return;
    await this.encode(recordList(from === 0 ? batch : batch.slice(from)));
  }

  /** Data records once the header is known (encoded in turns of the event loop). */
  async encode(records: RecordList): Promise<void> {
    if (!this.encoder) throw new Error('StageTally.encode before the header');
    await this.take(await this.encoder.encodeInTurns(records, this.input.limits.rowsPerTurn ?? 0));
  }

  async take(batch: EncodedBatch): Promise<void> {
    const { errors, stage } = this.input;
    const { maxRows, maxErrors } = this.input.limits;
    this.total += batch.rows;
    if (this.total > maxRows) throw new FileProblem(`The file has more than the limit of ${formatCount(maxRows)} data rows per import; split it into smaller files`);
    this.accepted += batch.accepted;
    this.rejected += batch.rejected;
    // One row's errors at a time, as they were found: the error limit cuts at the same row.
    for (let i = 0; i < batch.errors.length; ) {
      let j = i + 1;
      while (j < batch.errors.length && batch.errors[j].row === batch.errors[i].row) j++;
      await errors.add(batch.errors.slice(i, j) as RowError[]);
      if (errors.count > maxErrors) throw tooManyErrors(maxErrors);
      i = j;
    }
    await stage.addEncoded(batch.copy, batch.rowEnds, batch.keyHashes);
    if (Date.now() - this.lastProgress >= PROGRESS_EVERY_MS) {
      this.lastProgress = Date.now();
      await this.input.onProgress(this.total);
    }
  }

  result(): StageResult {
    if (!this.encoder) throw new FileProblem('The file is empty: it needs a header row and at least one data row');
    const warnings = [...this.warnings];
    if (this.total === 0) warnings.push('The file has a header but no data rows');
    return { rowsTotal: this.total, rowsAccepted: this.accepted, rowsRejected: this.rejected, warnings };
  }

  private startEncoder(header: string[]): void {
    const { spec, importId, sealer, knownProjects, rowCheck } = this.input;
    const mapping = headerMapping(spec, header);
    if (mapping.unknown.length) this.warnings = [`Ignored unknown columns: ${mapping.unknown.join(', ')}`];
    this.header = header;
    // Each batch is staged (copied into its segment) before the next is encoded: one set of buffers serves them all.
    this.encoder = new RowEncoder({ spec, mapping, importId, sealer, knownProjects, rowCheck, reuseBuffers: true });
  }
}

const tooManyErrors = (max: number): FileProblem =>
  new FileProblem(`The file has more than the limit of ${formatCount(max)} row errors, so nothing was imported (is it the right dataset and format?); the first ones are listed. Fix them and upload again`);

/** The header's columns, or the whole file rejected when a required one is missing. */
function headerMapping(spec: DatasetSpec, header: string[]): HeaderMapping {
  const mapping = mapHeader(spec, header);
  if (mapping.missing.length) {
    const names = mapping.missing.map(columnLabel).join(', ');
    throw new FileProblem(`Required column missing: ${names}. Add the column (canonical or Chinese header) and upload again`);
  }
  return mapping;
}
