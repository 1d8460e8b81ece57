import { DatasetSpec } from '../datasets/dataset-spec';
import { SourceRecord } from '../reading/records';
import { RowError, RowErrorCode } from '../validation/error-codes';
import { HeaderMapping, validateRow } from '../validation/row-validator';
import { copyField } from './copy-text';
import { keyHash } from './key-set';
import { PiiSealer } from './pii-sealer';
import { RowCheck } from './row-access';

/**
 * What a batch of data records became: the accepted rows as COPY text (with the key
 * hash of each line), and the errors of the rejected ones in row order. Plain data and
 * typed arrays only, so a worker thread can hand it over without copying the bytes.
 */
export interface EncodedBatch {
  /** Non-blank data rows (what counts towards the row limit). */
  rows: number;
  accepted: number;
  rejected: number;
  /** Every error, in row order (a row may have several). */
  errors: RowError[];
  /** COPY text lines of the accepted rows, UTF-8. */
  copy: Uint8Array;
  /** keyHash of each accepted line's natural key, in line order. */
  keyHashes: Float64Array;
}

export interface EncoderContext {
  spec: DatasetSpec;
  mapping: HeaderMapping;
  /** Written as each line's last_import_id. */
  importId: number;
  sealer: PiiSealer;
  /** Project codes in the database (checked when the dataset references a project). */
  knownProjects: ReadonlySet<string>;
  /** Access and target checks of a valid row; never in a worker thread (it reads the database's answers). */
  rowCheck?: RowCheck;
}

const utf8 = new TextEncoder();

/**
 * Checks, seals and encodes data records (the header is already mapped). The one
 * implementation of a row's fate, run in the import's thread or in a worker thread.
 * Order of checks per row: cell errors, then the row check (access before
 * UNKNOWN_PROJECT: a key learns nothing about projects outside its scope), then the
 * project.
 */
export class RowEncoder {
  private readonly conflictIdx: number[];
  private readonly lineEnd: string;

  constructor(private readonly ctx: EncoderContext) {
    this.conflictIdx = ctx.spec.conflict.map((name) => ctx.spec.staged.findIndex((c) => c.name === name));
    this.lineEnd = `${ctx.importId}\n`; // last_import_id
  }

  /** Sync unless there is a row check (it may wait, e.g. for DNS of a webhook URL). */
  encodeAny(records: readonly SourceRecord[]): EncodedBatch | Promise<EncodedBatch> {
    return this.ctx.rowCheck ? this.encodeChecked(records) : this.encode(records);
  }

  /** Without a row check only (as in a worker thread). */
  encode(records: readonly SourceRecord[]): EncodedBatch {
    if (this.ctx.rowCheck) throw new Error('RowEncoder.encode: this import has row checks, use encodeAny');
    const out = this.start(records.length);
    for (const { row, cells } of records) this.one(out, row, cells);
    return this.end(out);
  }

  async encodeChecked(records: readonly SourceRecord[]): Promise<EncodedBatch> {
    const check = this.ctx.rowCheck as RowCheck;
    const out = this.start(records.length);
    for (const { row, cells } of records) {
      const outcome = validateRow(this.ctx.spec, this.ctx.mapping, row, cells);
      if (outcome === null) continue;
      if ('errors' in outcome) {
        this.rejectRow(out, outcome.errors);
        continue;
      }
      const checked = check(outcome.values, row);
      const denied = checked instanceof Promise ? await checked : checked; // no microtask per row unless it must wait
      if (denied) this.rejectRow(out, [denied]);
      else this.accept(out, row, outcome.values);
    }
    return this.end(out);
  }

  private one(out: Draft, row: number, cells: readonly string[]): void {
    const outcome = validateRow(this.ctx.spec, this.ctx.mapping, row, cells);
    if (outcome === null) return;
    if ('errors' in outcome) this.rejectRow(out, outcome.errors);
    else this.accept(out, row, outcome.values);
  }

  private accept(out: Draft, row: number, values: Record<string, unknown>): void {
    const { spec, knownProjects, sealer } = this.ctx;
    out.rows++;
    const projectColumn = spec.projectColumn;
    if (projectColumn && !knownProjects.has(values[projectColumn] as string)) {
      const code = values[projectColumn] as string;
      out.rejected++;
      out.errors.push({ row, column: projectColumn, code: RowErrorCode.UnknownProject, message: `Project ${code} is not known: import it with the projects dataset first` });
      return;
    }
    const staged = spec.staged;
    const fields: string[] = new Array<string>(staged.length);
    let line = '';
    for (let i = 0; i < staged.length; i++) {
      fields[i] = copyField(staged[i].value(values, sealer));
      line += fields[i] + '\t';
    }
    out.text += line + this.lineEnd;
    out.hashes[out.accepted++] = keyHash(fields, this.conflictIdx);
  }

  private rejectRow(out: Draft, errors: RowError[]): void {
    out.rows++;
    out.rejected++;
    for (const e of errors) out.errors.push(e);
  }

  private start(records: number): Draft {
    return { rows: 0, accepted: 0, rejected: 0, errors: [], text: '', hashes: new Float64Array(records) };
  }

  private end(out: Draft): EncodedBatch {
    // A fresh ArrayBuffer of its own (never Buffer's shared pool): it can be transferred.
    const copy = utf8.encode(out.text);
    return { rows: out.rows, accepted: out.accepted, rejected: out.rejected, errors: out.errors, copy, keyHashes: out.hashes.slice(0, out.accepted) };
  }
}

interface Draft {
  rows: number;
  accepted: number;
  rejected: number;
  errors: RowError[];
  text: string;
  hashes: Float64Array;
}
