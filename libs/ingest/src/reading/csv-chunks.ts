import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ImportLimits } from '../import-limits';
import { formatCount } from '../limit-words';
import { FileProblem } from './file-problem';
import { RecordList, recordList } from './record-list';
import { CsvTextDecoder } from './text-decoding';

/**
 * A run of whole CSV records as UTF-8 bytes, cut from the file at record ends, with the
 * row number of its first record. Row numbers are known before any chunk is parsed, so
 * chunks can be parsed and checked in any thread, in any order, and still report the
 * row a user sees (header = 1).
 */
export interface CsvChunk {
  bytes: Uint8Array;
  firstRow: number;
  /** Records in the chunk (what csv-parse must find in it). */
  records: number;
  /** The file's record delimiter, found at its first line end as csv-parse finds it. */
  delimiter: RecordDelimiter;
}

export type RecordDelimiter = '\n' | '\r\n' | '\r';

/** Bytes per chunk (about 7,000 payroll rows): small enough to keep several in flight. */
export const CSV_CHUNK_BYTES = 512 * 1024;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Every record of a CSV file in chunks (encoding detected and decoded to UTF-8 on the
 * way, BOM dropped), read with backpressure. Splitting only needs to know whether a
 * byte is inside quotes: '"', CR and LF are single bytes in UTF-8 and never part of a
 * GB18030 character either. A record that runs on without an end (an unclosed quote)
 * fails the file once it is far beyond the record limit, before it can swallow memory.
 */
export async function* csvChunks(path: string, limits: Pick<ImportLimits, 'maxRecordChars'>, chunkBytes = CSV_CHUNK_BYTES): AsyncGenerator<CsvChunk> {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoder = new CsvTextDecoder();
  file.on('error', (e) => decoder.destroy(e));
  file.pipe(decoder);
  const splitter = new RecordSplitter(limits.maxRecordChars, chunkBytes);
  try {
    for await (const data of decoder as AsyncIterable<Buffer>) yield* splitter.push(data);
    yield* splitter.end();
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(`The file could not be read as CSV near row ${splitter.row}: ${(error as Error).message}`);
  } finally {
    file.destroy();
    decoder.destroy();
  }
}

/** The byte-level record splitter of csvChunks (exported for its unit tests). */
export class RecordSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Complete records in pending. */
  private pendingRecords = 0;
  /** Bytes of the record being read (since the last record end). */
  private openRecordBytes = 0;
  private inQuote = false;
  private delimiter: RecordDelimiter | undefined;
  /** A CR at the very end of a buffer: CRLF or CR is decided by the next byte. */
  private crAtEnd = false;
  /** The last byte of the previous buffer (is an LF at the start of this one a CRLF?). */
  private lastByte = -1;
  private nextRow = 1;
  private started = false;
  private head: Buffer | undefined;
  private readonly guardBytes: number;

  constructor(
    private readonly maxRecordChars: number,
    private readonly chunkBytes = CSV_CHUNK_BYTES,
  ) {
    // csv-parse checks the exact limit; this only bounds memory (a UTF-8 character is ≤ 4 bytes).
    this.guardBytes = 4 * maxRecordChars + 1024;
  }

  /** The row of the record being read. */
  get row(): number {
    return this.nextRow + this.pendingRecords;
  }

  *push(data: Buffer): Generator<CsvChunk> {
    if (!this.started) {
      // The BOM may arrive in pieces: hold the first bytes until there are three.
      data = this.head ? Buffer.concat([this.head, data]) : data;
      this.head = undefined;
      if (data.length < 3) {
        this.head = Buffer.from(data);
        return;
      }
      this.started = true;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    if (data.length === 0) return;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      this.delimiter = data[0] === LF ? '\r\n' : '\r';
      if (this.delimiter === '\r') this.recordEnded();
    }
    if (!this.delimiter) this.discover(data);
    const endByte = this.delimiter === '\r' ? CR : LF;
    let records = 0; // record ends in data since segStart
    let segStart = 0; // start of what is not in a chunk yet
    let i = 0;
    let from = 0; // start of the open record within data
    let nextQuote = data.indexOf(QUOTE);
    let nextEnd = this.delimiter ? data.indexOf(endByte) : -1;
    while (i < data.length) {
      if (this.inQuote) {
        if (nextQuote < 0) break;
        this.inQuote = false;
        i = nextQuote + 1;
        nextQuote = data.indexOf(QUOTE, i);
        if (nextEnd >= 0 && nextEnd < i) nextEnd = data.indexOf(endByte, i);
        continue;
      }
      if (nextEnd < 0 && nextQuote < 0) break;
      if (nextQuote >= 0 && (nextEnd < 0 || nextQuote < nextEnd)) {
        this.inQuote = true;
        i = nextQuote + 1;
        nextQuote = data.indexOf(QUOTE, i);
        continue;
      }
      if (this.delimiter === '\r\n' && (nextEnd > 0 ? data[nextEnd - 1] : this.lastByte) !== CR) {
        nextEnd = data.indexOf(endByte, nextEnd + 1); // a bare LF in a CRLF file is data, as for csv-parse
        continue;
      }
      // A record end outside quotes.
      i = nextEnd + 1;
      records++;
      this.openRecordBytes = 0;
      from = i;
      nextEnd = data.indexOf(endByte, i);
      if (this.pendingBytes + i - segStart >= this.chunkBytes) {
        this.pending.push(data.subarray(segStart, i)); // copied by cut()
        this.pendingRecords += records;
        records = 0;
        segStart = i;
        yield this.cut();
      }
    }
    this.lastByte = data[data.length - 1];
    this.openRecordBytes += data.length - from;
    if (this.openRecordBytes > this.guardBytes) throw recordTooLong(this.nextRow + this.pendingRecords + records, this.maxRecordChars);
    if (segStart < data.length) this.keep(data.subarray(segStart), records);
  }

  *end(): Generator<CsvChunk> {
    if (this.head) {
      const head = this.head;
      this.head = undefined;
      this.started = true;
      yield* this.push(head);
    }
    if (this.crAtEnd) {
      this.crAtEnd = false;
      this.recordEnded();
    }
    if (this.openRecordBytes > 0) this.pendingRecords++; // the last record has no line end
    this.openRecordBytes = 0;
    if (this.pendingRecords > 0) yield this.cut();
  }

  private keep(data: Buffer, records: number): void {
    // A copy: the stream may reuse what it handed over, and a small view would pin a big buffer.
    this.pending.push(Buffer.from(data));
    this.pendingBytes += data.length;
    this.pendingRecords += records;
  }

  private recordEnded(): void {
    this.pendingRecords++;
    this.openRecordBytes = 0;
  }

  private cut(): CsvChunk {
    const bytes = new Uint8Array(this.pending.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of this.pending) {
      bytes.set(b, at);
      at += b.length;
    }
    const chunk = { bytes, firstRow: this.nextRow, records: this.pendingRecords, delimiter: this.delimiter ?? '\n' };
    this.nextRow += this.pendingRecords;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingRecords = 0;
    return chunk;
  }

  /** The record delimiter, as csv-parse discovers it: the first line end outside quotes. */
  private discover(data: Buffer): void {
    let quoted = this.inQuote;
    for (let i = 0; i < data.length; i++) {
      const b = data[i];
      if (b === QUOTE) quoted = !quoted;
      else if (!quoted && (b === LF || b === CR)) {
        if (b === LF) this.delimiter = '\n';
        else if (i + 1 < data.length) this.delimiter = data[i + 1] === LF ? '\r\n' : '\r';
        else {
          // Decided by the next buffer; this one's bytes before the CR are one open record.
          this.crAtEnd = true;
        }
        return;
      }
    }
  }
}

/**
 * The records of one chunk, parsed and within the per-record limits. The same csv-parse
 * options as a whole-file parse; errors name the file's row.
 */
export function parseCsvChunk(chunk: CsvChunk, limits: Pick<ImportLimits, 'maxRecordChars' | 'maxCellChars' | 'maxColumns'>): Array<{ row: number; cells: string[] }> {
  const cells = chunk.bytes.includes(QUOTE) ? parseQuoted(chunk, limits) : splitUnquoted(chunk, limits);
  if (cells.length !== chunk.records) {
    throw new FileProblem(`The file could not be read as CSV near row ${chunk.firstRow}: its quotes do not pair up (a field with a quote " inside must be quoted, the quote doubled)`);
  }
  const records = cells.map((c, i) => ({ row: chunk.firstRow + i, cells: c }));
  checkRecordLimits(records, limits);
  return records;
}

/**
 * The records of one chunk for the row encoder: what parseCsvChunk returns, but a chunk
 * without a quote is split into cells row by row, as each is encoded. The limits hold
 * exactly as in parseCsvChunk: a row that might break one (longer than a cell may be,
 * or more cells than columns) has the whole chunk checked by parseCsvChunk, which then
 * throws the very error it would have thrown before any row was encoded (the batch is
 * all or nothing, so the rows encoded before it are dropped with it).
 */
export function chunkRecords(chunk: CsvChunk, limits: Pick<ImportLimits, 'maxRecordChars' | 'maxCellChars' | 'maxColumns'>): RecordList {
  if (chunk.bytes.includes(QUOTE)) return recordList(parseCsvChunk(chunk, limits));
  const lines = text.decode(chunk.bytes).split(chunk.delimiter);
  if (lines[lines.length - 1] === '') lines.pop(); // after the last line end
  if (lines.length !== chunk.records) parseCsvChunk(chunk, limits); // throws, as it would have
  return new UnquotedRecords(lines, chunk, limits);
}

class UnquotedRecords implements RecordList {
  readonly length: number;
  /** Below this many characters a line breaks no cell or record limit, whatever its bytes. */
  private readonly safeChars: number;
  private checked = false;

  constructor(
    private readonly lines: string[],
    private readonly chunk: CsvChunk,
    private readonly limits: Pick<ImportLimits, 'maxRecordChars' | 'maxCellChars' | 'maxColumns'>,
  ) {
    this.length = lines.length;
    // splitUnquoted's byte check needs more than a quarter of the record limit in characters.
    this.safeChars = Math.min(limits.maxCellChars, Math.floor(limits.maxRecordChars / 4));
  }

  row(i: number): number {
    return this.chunk.firstRow + i;
  }

  cells(i: number): readonly string[] {
    const line = this.lines[i];
    const cells = line.split(',');
    if ((line.length > this.safeChars || cells.length > this.limits.maxColumns) && !this.checked) {
      parseCsvChunk(this.chunk, this.limits); // throws if any row of the chunk breaks a limit
      this.checked = true;
    }
    return cells;
  }
}

const text = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A chunk without a quote is what csv-parse makes of it, split natively (≈ 5× faster):
 * records at the delimiter, cells at commas. Its record size check counts the cells'
 * UTF-8 bytes, as csv-parse's max_record_size does.
 */
function splitUnquoted(chunk: CsvChunk, limits: Pick<ImportLimits, 'maxRecordChars'>): string[][] {
  const lines = text.decode(chunk.bytes).split(chunk.delimiter);
  if (lines[lines.length - 1] === '') lines.pop(); // after the last line end
  const max = limits.maxRecordChars;
  const out = new Array<string[]>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const cells = line.split(',');
    if (line.length - cells.length + 1 > max / 4 && Buffer.byteLength(line, 'utf8') - cells.length + 1 > max) throw recordTooLong(chunk.firstRow + i, max);
    out[i] = cells;
  }
  return out;
}

function parseQuoted(chunk: CsvChunk, limits: Pick<ImportLimits, 'maxRecordChars'>): string[][] {
  try {
    return parse(chunk.bytes, { relax_column_count: true, skip_empty_lines: false, max_record_size: limits.maxRecordChars, record_delimiter: chunk.delimiter });
  } catch (error) {
    const csvError = error as { code?: string; records?: number; message?: string };
    const row = chunk.firstRow + (csvError.records ?? 0);
    if (csvError.code === 'CSV_MAX_RECORD_SIZE') throw recordTooLong(row, limits.maxRecordChars);
    throw new FileProblem(`The file could not be read as CSV near row ${row}: ${String(csvError.message).replace(/ at line \d+/, '')}`);
  }
}

/** The per-record limits, checked the same way for every format. */
export function checkRecordLimits(records: ReadonlyArray<{ row: number; cells: readonly string[] }>, limits: Pick<ImportLimits, 'maxRecordChars' | 'maxCellChars' | 'maxColumns'>): void {
  const { maxCellChars, maxRecordChars, maxColumns } = limits;
  for (const { row, cells } of records) {
    if (cells.length > maxColumns) {
      throw new FileProblem(`Row ${row} has ${formatCount(cells.length)} cells: more than the limit of ${formatCount(maxColumns)} columns per file`);
    }
    let chars = 0;
    for (const c of cells) {
      if (c.length > maxCellChars) {
        throw new FileProblem(`Row ${row} has a cell of ${formatCount(c.length)} characters: more than the limit of ${formatCount(maxCellChars)} characters per cell`);
      }
      chars += c.length;
    }
    if (chars > maxRecordChars) throw recordTooLong(row, maxRecordChars);
  }
}

export const recordTooLong = (row: number, max: number): FileProblem =>
  new FileProblem(`Row ${row} is longer than the limit of ${formatCount(max)} characters per row (is a closing quote " missing?)`);
