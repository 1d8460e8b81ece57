import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { formatCount, ImportLimits } from '../import-limits';
import { FileProblem } from './file-problem';
import { FileFormat, sniffFile } from './sniff';
import { readJsonRecords } from './json-records';
import { CsvTextDecoder } from './text-decoding';
import { checkXlsxUnpackedSize } from './xlsx-unpacked-size';
import { readXlsxRecords } from './xlsx-records';

/** One record of the file: the row number the user sees (header = 1) and its cells. */
export interface SourceRecord {
  row: number;
  cells: string[];
}

/** Records are handed over in batches: one promise per record would cost more than parsing it. */
export type RecordBatches = AsyncGenerator<SourceRecord[]>;

const BATCH = 2_048;

/**
 * Every record of an uploaded file, header first, streamed with backpressure: the
 * consumer's pace drives the read, so memory stays flat whatever the file size.
 * Cells, records and columns beyond the limits fail the whole file.
 */
export async function* readRecords(path: string, declared: FileFormat, limits: ImportLimits): RecordBatches {
  yield* withinLimits(readAnyRecords(path, declared, limits), limits);
}

async function* readAnyRecords(path: string, declared: FileFormat, limits: ImportLimits): RecordBatches {
  const sniffed = await sniffFile(path, declared);
  switch (sniffed.format) {
    case 'empty':
      throw new FileProblem('The file is empty: it needs a header row and at least one data row');
    case 'xls':
      throw new FileProblem('Old Excel .xls files are not supported: save the sheet as .xlsx or CSV and upload again');
    case 'binary':
      throw new FileProblem('This is not a CSV, XLSX or JSON file (it contains binary data)');
    case 'xlsx':
      await checkXlsxUnpackedSize(path, limits.maxXlsxUnpackedBytes);
      yield* inBatches(readXlsxRecords(path));
      return;
    case 'json':
      yield* inBatches(readJsonRecords(path, limits.maxJsonBytes));
      return;
    case 'csv':
      yield* readCsvRecords(path, limits);
  }
}

/** The per-record limits, checked the same way for every format. */
async function* withinLimits(batches: RecordBatches, limits: ImportLimits): RecordBatches {
  const { maxCellChars, maxRecordChars, maxColumns } = limits;
  for await (const batch of batches) {
    for (const { row, cells } of batch) {
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
    yield batch;
  }
}

const recordTooLong = (row: number, max: number): FileProblem =>
  new FileProblem(`Row ${row} is longer than the limit of ${formatCount(max)} characters per row (is a closing quote " missing?)`);

async function* inBatches(records: AsyncIterable<SourceRecord>): RecordBatches {
  let batch: SourceRecord[] = [];
  for await (const r of records) {
    batch.push(r);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Cells are trimmed by the row checks (csv-parse's own trim is ~25% slower). */
async function* readCsvRecords(path: string, limits: ImportLimits): RecordBatches {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  // max_record_size bounds the parser's buffer: an unclosed quote cannot swallow the file.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: limits.maxRecordChars });
  const decoder = new CsvTextDecoder();
  file.on('error', (e) => parser.destroy(e));
  decoder.on('error', (e) => parser.destroy(e));
  file.pipe(decoder).pipe(parser);
  let row = 0;
  try {
    for await (const records of recordBatches(parser)) {
      yield records.map((cells) => ({ row: ++row, cells }));
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    const csvError = error as { code?: string; records?: number };
    if (csvError.code === 'CSV_MAX_RECORD_SIZE') throw recordTooLong((csvError.records ?? row) + 1, limits.maxRecordChars);
    throw new FileProblem(`The file could not be read as CSV near row ${row + 1}: ${(error as Error).message}`);
  } finally {
    file.destroy();
    decoder.destroy();
    parser.destroy();
  }
}

/** Collects a record stream's 'data' events into batches, pausing it while a batch is consumed. */
async function* recordBatches(parser: Readable): AsyncGenerator<string[][]> {
  let batch: string[][] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  parser.on('data', (r: string[]) => {
    batch.push(r);
    if (batch.length >= BATCH) {
      parser.pause();
      signal();
    }
  });
  parser.once('end', () => {
    ended = true;
    signal();
  });
  parser.once('error', (e: Error) => {
    failure = e;
    signal();
  });
  for (;;) {
    if (failure) throw failure;
    if (batch.length >= BATCH || (ended && batch.length > 0)) {
      const full = batch;
      batch = [];
      yield full;
      if (!ended) parser.resume();
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}
