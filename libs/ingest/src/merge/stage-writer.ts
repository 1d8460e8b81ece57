import { once } from 'node:events';
import { Writable } from 'node:stream';
import { DatasetSpec } from '../datasets/dataset-spec';
import { FileProblem } from '../reading/file-problem';
import { SourceRecord } from '../reading/records';
import { RowErrorCode } from '../validation/error-codes';
import { columnLabel, mapHeader, validateRow } from '../validation/row-validator';
import { copyField } from './copy-text';
import { ErrorSink } from './error-sink';
import { KeySet } from './key-set';
import { PiiSealer } from './pii-sealer';

export interface StageInput {
  spec: DatasetSpec;
  records: AsyncIterable<SourceRecord>;
  /** The COPY … FROM STDIN stream of the staging table. */
  copy: Writable;
  sealer: PiiSealer;
  /** Project codes in the database (checked when the dataset references a project). */
  knownProjects: ReadonlySet<string>;
  errors: ErrorSink;
  onProgress(rowsProcessed: number): Promise<void>;
}

export interface StageResult {
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  warnings: string[];
  keysRepeat: boolean;
}

const CHUNK_CHARS = 64 * 1024;
const PROGRESS_EVERY_MS = 1_000;

/**
 * Reads, checks and seals every row, and writes the good ones to the staging COPY
 * stream in 64 KB chunks, waiting whenever PostgreSQL is behind (backpressure).
 */
export async function writeStage(input: StageInput): Promise<StageResult> {
  const { spec, copy, sealer, errors } = input;
  const iterator = input.records[Symbol.asyncIterator]();
  let header: SourceRecord | undefined;
  for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
    if (r.value.cells.some((c) => c !== '')) {
      header = r.value;
      break;
    }
  }
  if (!header) throw new FileProblem('The file is empty: it needs a header row and at least one data row');
  const mapping = mapHeader(spec, header.cells);
  if (mapping.missing.length) {
    const names = mapping.missing.map(columnLabel).join(', ');
    throw new FileProblem(`Required column missing: ${names}. Add the column (canonical or Chinese header) and upload again`);
  }
  const warnings = mapping.unknown.length ? [`Ignored unknown columns: ${mapping.unknown.join(', ')}`] : [];
  const conflictIdx = spec.conflict.map((name) => spec.staged.findIndex((c) => c.name === name));
  const keys = new KeySet();
  const projectColumn = spec.projectColumn;
  let chunk: string[] = [];
  let chunkChars = 0;
  let total = 0;
  let accepted = 0;
  let rejected = 0;
  let lastProgress = Date.now();

  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const ok = copy.write(chunk.join(''));
    chunk = [];
    chunkChars = 0;
    if (!ok) await once(copy, 'drain');
  };

  for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
    const { row, cells } = r.value;
    const outcome = validateRow(spec, mapping, row, cells);
    if (outcome === null) continue;
    total++;
    if ('errors' in outcome) {
      rejected++;
      await errors.add(outcome.errors);
    } else if (projectColumn && !input.knownProjects.has(outcome.values[projectColumn] as string)) {
      rejected++;
      const code = outcome.values[projectColumn] as string;
      await errors.add([{ row, column: projectColumn, code: RowErrorCode.UnknownProject, message: `Project ${code} is not known: import it with the projects dataset first` }]);
    } else {
      accepted++;
      const fields = spec.staged.map((c) => copyField(c.value(outcome.values, sealer)));
      keys.add(conflictIdx.map((i) => fields[i]).join('\t'));
      const line = `${accepted}\t${fields.join('\t')}\n`;
      chunk.push(line);
      chunkChars += line.length;
      if (chunkChars >= CHUNK_CHARS) await flush();
    }
    if ((total & 0x3fff) === 0 && Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      await input.onProgress(total);
    }
  }
  await flush();
  if (total === 0) warnings.push('The file has a header but no data rows');
  return { rowsTotal: total, rowsAccepted: accepted, rowsRejected: rejected, warnings, keysRepeat: keys.repeated };
}
