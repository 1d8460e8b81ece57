import { KeySet } from './key-set';

/** Rows per segment: ~5 MB of COPY text for payroll, two segments at most in memory. */
export const SEGMENT_ROWS = 20_000;
const CHUNK_CHARS = 64 * 1024;

/**
 * Cuts the staged rows of an import into segments and loads each segment (COPY into
 * the staging table, then merge) while the next one is being read and checked. The
 * database and the worker's JavaScript then run at the same time instead of taking
 * turns — on a 2-core machine that is most of the speed. Segments load one after the
 * other on the import's single connection, inside its single transaction; a failed
 * load surfaces at the next cut or at finish().
 */
export class SegmentedStage {
  private lines: string[] = [];
  private chars = 0;
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

  /** Adds one COPY line; returns a promise only when the caller must wait (backpressure). */
  add(line: string): Promise<void> | undefined {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= CHUNK_CHARS) this.closeChunk();
    return ++this.rows >= this.rowsPerSegment ? this.cut() : undefined;
  }

  /**
   * Adds a batch of COPY lines already encoded (by the row encoder, maybe in a worker
   * thread) with the key hash of each line. Segments stay exactly rowsPerSegment rows:
   * a batch is cut at a line end (an LF byte ends every COPY line and is escaped inside
   * values).
   */
  async addEncoded(bytes: Uint8Array, rows: number, keyHashes: Float64Array): Promise<void> {
    this.closeChunk();
    let buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let line = 0;
    while (rows - line > 0) {
      const take = Math.min(rows - line, this.rowsPerSegment - this.rows);
      let end = buf.length;
      if (take < rows - line) {
        end = -1;
        for (let k = 0; k < take; k++) end = buf.indexOf(0x0a, end + 1);
        end++;
      }
      this.chunks.push(buf.subarray(0, end));
      for (let k = line; k < line + take; k++) this.keys.addHash(keyHashes[k]);
      buf = buf.subarray(end);
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

  private closeChunk(): void {
    if (this.lines.length === 0) return;
    // Off the V8 heap at once: a segment waits for its turn long enough to be promoted
    // to the old generation, where dead strings pile up until a full GC (RSS balloons).
    this.chunks.push(Buffer.from(this.lines.join('')));
    this.lines = [];
    this.chars = 0;
  }

  private async cut(): Promise<void> {
    this.closeChunk();
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
