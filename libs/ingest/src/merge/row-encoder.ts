import { CopyText, CopyValue, DatasetSpec } from '../datasets/dataset-spec';
import { RecordList } from '../reading/record-list';
import { RowError, RowErrorCode } from '../validation/error-codes';
import { HeaderMapping, validateRow } from '../validation/row-validator';
import { BinaryField, binaryField, BinaryRows } from './copy-binary';
import { copyField } from './copy-text';
import { KeyHasher } from './key-set';
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
  /** The accepted rows in binary COPY format (without header and trailer). */
  copy: Uint8Array;
  /** Where each accepted row ends in copy (byte offset after it), in row order. */
  rowEnds: Uint32Array;
  /** keyHash of each accepted row's natural key, in row order. */
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
  /**
   * A batch's bytes and arrays are views of buffers the next batch reuses (the import's
   * own thread, which stages each batch before it encodes the next). Without it each
   * batch has buffers of its own, which a worker thread can transfer.
   */
  reuseBuffers?: boolean;
}

/**
 * Checks, seals and encodes data records (the header is already mapped). The one
 * implementation of a row's fate, run in the import's thread or in a worker thread.
 * Order of checks per row: cell errors, then the row check (access before
 * UNKNOWN_PROJECT: a key learns nothing about projects outside its scope), then the
 * project.
 */
export class RowEncoder {
  private readonly fields: BinaryField[];
  /** For each staged column, its place in the natural key (-1: not part of it). */
  private readonly keySlot: number[];
  /** The key columns' values of the row being encoded, in the key's order (what the key hash reads). */
  private readonly keyValues: CopyValue[];
  private readonly hasher = new KeyHasher();
  /**
   * One row buffer for every batch (with reuseBuffers the batch is a view of it, else
   * finish() copies the rows out for a transfer). A fresh one per batch was ~4 MB of
   * garbage per batch, and a full collection between two batches, finding no instance
   * alive, dropped its hidden class and the optimised code of every BinaryRows method
   * with it (docs/decisions/ingest-gc-nudges.md).
   */
  private readonly bin = new BinaryRows();
  /** With reuseBuffers: the row arrays every batch writes into. */
  private ends = new Uint32Array(0);
  private hashes = new Float64Array(0);

  constructor(private readonly ctx: EncoderContext) {
    const { staged, conflict } = ctx.spec;
    this.fields = staged.map((c) => binaryField(c.type));
    this.keySlot = staged.map((c) => conflict.indexOf(c.name));
    this.keyValues = conflict.map(() => null);
  }

  /** Sync unless there is a row check (it may wait, e.g. for DNS of a webhook URL). */
  encodeAny(records: RecordList): EncodedBatch | Promise<EncodedBatch> {
    return this.ctx.rowCheck ? this.encodeChecked(records) : this.encode(records);
  }

  /** Without a row check only (as in a worker thread). */
  encode(records: RecordList): EncodedBatch {
    if (this.ctx.rowCheck) throw new Error('RowEncoder.encode: this import has row checks, use encodeAny');
    const out = this.start(records.length);
    for (let i = 0; i < records.length; i++) this.one(out, records.row(i), records.cells(i));
    return this.end(out);
  }

  /**
   * The same batch as encodeAny, but the event loop gets a turn every rowsPerTurn rows
   * (rowsPerTurn 0: never). In the import's own thread a chunk's ~9,000 rows are ~50 ms
   * of JavaScript; meanwhile PostgreSQL's replies (SAVEPOINT, COPY, RELEASE) for the
   * segment being loaded wait unread, and the database sits idle. With a turn every
   * ~1,000 rows a reply waits a few ms at most (docs/decisions/ingest-event-loop-turns.md).
   */
  async encodeInTurns(records: RecordList, rowsPerTurn: number): Promise<EncodedBatch> {
    if (this.ctx.rowCheck || rowsPerTurn <= 0 || records.length <= rowsPerTurn) return this.encodeAny(records);
    const out = this.start(records.length);
    for (let i = 0; i < records.length; i++) {
      if (i > 0 && i % rowsPerTurn === 0) await nextTurn();
      this.one(out, records.row(i), records.cells(i));
    }
    return this.end(out);
  }

  async encodeChecked(records: RecordList): Promise<EncodedBatch> {
    const check = this.ctx.rowCheck as RowCheck;
    const out = this.start(records.length);
    for (let i = 0; i < records.length; i++) {
      const row = records.row(i);
      const outcome = validateRow(this.ctx.spec, this.ctx.mapping, row, records.cells(i));
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
    const bin = out.bin;
    bin.fieldCount(staged.length + 1);
    for (let i = 0; i < staged.length; i++) {
      const v = staged[i].value(values, sealer);
      this.fields[i](bin, v);
      const slot = this.keySlot[i];
      if (slot >= 0) this.keyValues[slot] = v;
    }
    bin.int(8, this.ctx.importId); // last_import_id
    out.ends[out.accepted] = bin.pos;
    out.hashes[out.accepted++] = this.keyHash();
  }

  /** The hash of the row's natural key: a string as is (no COPY escapes needed), a bytea by its bytes. */
  private keyHash(): number {
    const h = this.hasher;
    h.start();
    for (const v of this.keyValues) {
      if (typeof v === 'string') h.string(v);
      else if (v instanceof Uint8Array) h.bytes(v);
      else if (v instanceof CopyText && v.bytes) h.bytes(v.bytes);
      else h.string(copyField(v));
    }
    return h.value();
  }

  private rejectRow(out: Draft, errors: RowError[]): void {
    out.rows++;
    out.rejected++;
    for (const e of errors) out.errors.push(e);
  }

  private start(records: number): Draft {
    this.bin.reset();
    if (!this.ctx.reuseBuffers) return { rows: 0, accepted: 0, rejected: 0, errors: [], bin: this.bin, ends: new Uint32Array(records), hashes: new Float64Array(records) };
    if (this.ends.length < records) {
      this.ends = new Uint32Array(records);
      this.hashes = new Float64Array(records);
    }
    return { rows: 0, accepted: 0, rejected: 0, errors: [], bin: this.bin, ends: this.ends, hashes: this.hashes };
  }

  private end(out: Draft): EncodedBatch {
    const { rows, accepted, rejected, errors } = out;
    if (this.ctx.reuseBuffers) return { rows, accepted, rejected, errors, copy: out.bin.view(), rowEnds: out.ends.subarray(0, accepted), keyHashes: out.hashes.subarray(0, accepted) };
    // Fresh ArrayBuffers of their own (never Buffer's shared pool): they can be transferred.
    return { rows, accepted, rejected, errors, copy: out.bin.finish(), rowEnds: out.ends.slice(0, accepted), keyHashes: out.hashes.slice(0, accepted) };
  }
}

/** A macrotask: I/O callbacks (the poll phase) run before it. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Draft {
  rows: number;
  accepted: number;
  rejected: number;
  errors: RowError[];
  bin: BinaryRows;
  ends: Uint32Array;
  hashes: Float64Array;
}
