import { KeySet } from './key-set';

/** Rows per segment: ~3.5 MB of binary COPY for payroll, two segments at most in memory. */
export const SEGMENT_ROWS = 20_000;

/** Bytes a segment's COPY starts and ends with (the binary COPY header and trailer). */
export interface SegmentFrame {
  head: Uint8Array;
  tail: Uint8Array;
}

const NO_FRAME: SegmentFrame = { head: new Uint8Array(0), tail: new Uint8Array(0) };
const FIRST_BUFFER_BYTES = 1024 * 1024;

/**
 * Cuts the staged rows of an import into segments and loads each segment (COPY into
 * the staging table, then merge) while the next one is being read and checked. The
 * database and the worker's JavaScript then run at the same time instead of taking
 * turns — on a 2-core machine that is most of the speed. Segments load one after the
 * other on the import's single connection, inside its single transaction; a failed
 * load surfaces at the next cut or at finish().
 *
 * A segment is assembled, framed, in one of two buffers that the whole import reuses
 * (one loading, one filling): a new buffer per segment and per batch, freed only when
 * V8 collected its wrapper, is what made a big import's RSS climb (glibc kept the
 * freed megabytes; docs/decisions/ingest-worker-memory.md).
 */
export class SegmentedStage {
  private readonly buffers: [Buffer, Buffer] = [Buffer.alloc(0), Buffer.alloc(0)];
  /** Which of the two buffers is filling. */
  private filling = 0;
  /** Bytes in the filling buffer (the frame's head included). */
  private bytes = 0;
  private rows = 0;
  private loading: Promise<void> = Promise.resolve();
  /** Time the reader spent waiting for the database (tells which side is the bottleneck). */
  waitedMs = 0;

  /** Natural keys of the current segment: a repeat switches its merge to last-row-wins. */
  readonly keys = new KeySet();

  /**
   * loadSegment gets the segment's framed bytes; they stay valid until its promise
   * settles (the buffer is then refilled).
   */
  constructor(
    private readonly loadSegment: (segment: Buffer, keysRepeat: boolean) => Promise<void>,
    private readonly rowsPerSegment = SEGMENT_ROWS,
    private readonly frame: SegmentFrame = NO_FRAME,
  ) {}

  /**
   * Adds a batch of encoded COPY rows (by the row encoder, maybe in a worker thread)
   * with where each row ends and the key hash of each. Segments stay exactly
   * rowsPerSegment rows: a batch is cut at a row end. The bytes are copied before the
   * first wait, so the caller may reuse them once this resolves.
   */
  async addEncoded(bytes: Uint8Array, rowEnds: Uint32Array, keyHashes: Float64Array): Promise<void> {
    const rows = rowEnds.length;
    let line = 0;
    let from = 0;
    while (rows - line > 0) {
      const take = Math.min(rows - line, this.rowsPerSegment - this.rows);
      const end = rowEnds[line + take - 1];
      this.append(bytes.subarray(from, end));
      for (let k = line; k < line + take; k++) this.keys.addHash(keyHashes[k]);
      from = end;
      line += take;
      this.rows += take;
      if (this.rows >= this.rowsPerSegment) await this.cut();
    }
  }

  /** Loads what is left and waits for every segment. */
  async finish(): Promise<void> {
    if (this.rows > 0) await this.cut();
    await this.loading;
  }

  /** Waits for an in-flight segment without loading the rest (the import is failing). */
  async settle(): Promise<void> {
    await this.loading.catch(() => undefined);
  }

  private append(part: Uint8Array): void {
    if (this.bytes === 0) this.put(this.frame.head);
    this.put(part);
  }

  private put(part: Uint8Array): void {
    let buf = this.buffers[this.filling];
    if (this.bytes + part.length > buf.length) {
      let size = Math.max(buf.length * 2, FIRST_BUFFER_BYTES);
      while (size < this.bytes + part.length) size *= 2;
      const grown = Buffer.allocUnsafeSlow(size);
      buf.copy(grown, 0, 0, this.bytes);
      this.buffers[this.filling] = buf = grown;
    }
    buf.set(part, this.bytes);
    this.bytes += part.length;
  }

  private async cut(): Promise<void> {
    this.put(this.frame.tail);
    const segment = this.buffers[this.filling].subarray(0, this.bytes);
    const keysRepeat = this.keys.repeated;
    this.bytes = 0;
    this.rows = 0;
    this.keys.reset();
    const w0 = Date.now();
    await this.loading; // the previous segment must be in before this one starts (and its buffer is free again)
    this.waitedMs += Date.now() - w0;
    this.filling = 1 - this.filling;
    this.loading = this.loadSegment(segment, keysRepeat);
    this.loading.catch(() => undefined); // rethrown by the next await of it
  }
}
