import { DatasetSpec } from '../datasets/dataset-spec';
import { formatCount, ImportLimits } from '../import-limits';
import { FileProblem } from '../reading/file-problem';
import { RecordBatches } from '../reading/records';
import { RowError, RowErrorCode } from '../validation/error-codes';
import { columnLabel, HeaderMapping, mapHeader, validateRow } from '../validation/row-validator';
import { copyField } from './copy-text';
import { ErrorSink } from './error-sink';
import { PiiSealer } from './pii-sealer';
import { RowCheck } from './row-access';
import { SegmentedStage } from './segments';

export interface StageInput {
  spec: DatasetSpec;
  /** Written as each line's last_import_id. */
  importId: number;
  records: RecordBatches;
  /** Where accepted rows go, as COPY text lines. */
  stage: SegmentedStage;
  sealer: PiiSealer;
  /** Project codes in the database (checked when the dataset references a project). */
  knownProjects: ReadonlySet<string>;
  errors: ErrorSink;
  /** Access and target checks of a valid row (see row-access.ts). */
  rowCheck?: RowCheck;
  limits: Pick<ImportLimits, 'maxRows' | 'maxErrors'>;
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
 * waiting whenever the database is behind (backpressure).
 */
export async function writeStage(input: StageInput): Promise<StageResult> {
  const { spec, stage, sealer, errors, signal } = input;
  const { maxRows, maxErrors } = input.limits;
  const staged = spec.staged;
  const conflictIdx = spec.conflict.map((name) => spec.staged.findIndex((c) => c.name === name));
  const keys = stage.keys;
  const projectColumn = spec.projectColumn;
  let mapping: HeaderMapping | undefined;
  let warnings: string[] = [];
  let total = 0;
  let accepted = 0;
  let rejected = 0;
  let lastProgress = Date.now();
  const lineEnd = `${input.importId}\n`; // last_import_id

  for await (const batch of input.records) {
    signal?.throwIfAborted();
    for (const { row, cells } of batch) {
      if (!mapping) {
        if (cells.every((c) => c.trim() === '')) continue;
        mapping = headerMapping(spec, cells);
        if (mapping.unknown.length) warnings = [`Ignored unknown columns: ${mapping.unknown.join(', ')}`];
        continue;
      }
      const outcome = validateRow(spec, mapping, row, cells);
      if (outcome === null) continue;
      if (++total > maxRows) throw new FileProblem(`The file has more than the limit of ${formatCount(maxRows)} data rows per import; split it into smaller files`);
      let denied: RowError | null = null;
      if (input.rowCheck && !('errors' in outcome)) {
        const checked = input.rowCheck(outcome.values, row);
        denied = checked instanceof Promise ? await checked : checked; // no microtask per row unless it must wait
      }
      if ('errors' in outcome) {
        rejected++;
        await errors.add(outcome.errors);
        if (errors.count > maxErrors) throw tooManyErrors(maxErrors);
      } else if (denied) {
        // Before UNKNOWN_PROJECT: a key learns nothing about projects outside its scope.
        rejected++;
        await errors.add([denied]);
        if (errors.count > maxErrors) throw tooManyErrors(maxErrors);
      } else if (projectColumn && !input.knownProjects.has(outcome.values[projectColumn] as string)) {
        rejected++;
        const code = outcome.values[projectColumn] as string;
        await errors.add([{ row, column: projectColumn, code: RowErrorCode.UnknownProject, message: `Project ${code} is not known: import it with the projects dataset first` }]);
        if (errors.count > maxErrors) throw tooManyErrors(maxErrors);
      } else {
        accepted++;
        const fields: string[] = new Array<string>(staged.length);
        let line = '';
        for (let i = 0; i < staged.length; i++) {
          fields[i] = copyField(staged[i].value(outcome.values, sealer));
          line += fields[i] + '\t';
        }
        line += lineEnd;
        keys.add(fields, conflictIdx);
        const wait = stage.add(line);
        if (wait) await wait;
      }
    }
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      await input.onProgress(total);
    }
  }
  if (!mapping) throw new FileProblem('The file is empty: it needs a header row and at least one data row');
  if (total === 0) warnings.push('The file has a header but no data rows');
  return { rowsTotal: total, rowsAccepted: accepted, rowsRejected: rejected, warnings };
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
