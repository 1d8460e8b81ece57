import { KeySet } from './key-set';

/** Rows per segment: ~3.5 MB of binary COPY for payroll, two segments at most in memory. */
export const SEGMENT_ROWS = 20_000;

/**
 * Cuts the staged rows of an import into segments and loads each segment (COPY into
 * the staging table, then merge) while the next one is being read and checked. The
 * database and the worker's JavaScript then run at the same time instead of taking
 * turns — on a 2-core machine that is most of the speed. Segments load one after the
 * other on the import's single connection, inside its single transaction; a failed
 * load surfaces at the next cut or at finish().
 */
export class SegmentedStage {
  private chunks: Buffer[] = [];
  private rows = 0;
  private loading: Promise<void> = Promise.resolve();
  /** Time the reader spent waiting for the database (tells which side is the bottleneck). */
  waitedMs = 0;

  /** Natural keys of the current segment: a repeat switches its merge to last-row-wins. */
  readonly keys = new KeySet();

  constructor(
    private readonly loadSegment: (chunks: Buffer[], keysRepeat: boolean) => Promise<void>,
    private readonly rowsPerSegment = SEGMENT_ROWS,
  ) {}

  /**
   * Adds a batch of encoded COPY rows (by the row encoder, maybe in a worker thread)
   * with where each row ends and the key hash of each. Segments stay exactly
   * rowsPerSegment rows: a batch is cut at a row end.
   */
  async addEncoded(bytes: Uint8Array, rowEnds: Uint32Array, keyHashes: Float64Array): Promise<void> {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const rows = rowEnds.length;
    let line = 0;
    let from = 0;
    while (rows - line > 0) {
      const take = Math.min(rows - line, this.rowsPerSegment - this.rows);
      const end = rowEnds[line + take - 1];
      this.chunks.push(buf.subarray(from, end));
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

  private async cut(): Promise<void> {
    const chunks = this.chunks;
    const keysRepeat = this.keys.repeated;
    this.chunks = [];
    this.rows = 0;
    this.keys.reset();
    const w0 = Date.now();
    await this.loading; // the previous segment must be in before this one starts
    this.waitedMs += Date.now() - w0;
    this.loading = this.loadSegment(chunks, keysRepeat);
    this.loading.catch(() => undefined); // rethrown by the next await of it
  }
}
