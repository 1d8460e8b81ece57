import { ImportLimits } from '../import-limits';
import { checkRecordLimits, CsvChunk, csvChunks, parseCsvChunk } from './csv-chunks';
import { FileProblem } from './file-problem';
import { FileFormat, sniffFile } from './sniff';
import { readJsonRecords } from './json-records';
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

/** An opened upload: CSV as byte chunks (parsed wherever they are checked), other formats as parsed records. */
export type RecordSource = { kind: 'csv'; chunks: AsyncGenerator<CsvChunk> } | { kind: 'records'; batches: RecordBatches };

/**
 * Every record of an uploaded file, header first, streamed with backpressure: the
 * consumer's pace drives the read, so memory stays flat whatever the file size.
 * Cells, records and columns beyond the limits fail the whole file.
 */
export async function* readRecords(path: string, declared: FileFormat, limits: ImportLimits): RecordBatches {
  const source = await openRecords(path, declared, limits);
  if (source.kind === 'records') yield* source.batches;
  else for await (const chunk of source.chunks) yield parseCsvChunk(chunk, limits);
}

/** The file, sniffed: a CSV is read in chunks of whole records (csv-chunks.ts), XLSX and JSON record by record. */
export async function openRecords(path: string, declared: FileFormat, limits: ImportLimits): Promise<RecordSource> {
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
      return { kind: 'records', batches: withinLimits(inBatches(readXlsxRecords(path)), limits) };
    case 'json':
      return { kind: 'records', batches: withinLimits(inBatches(readJsonRecords(path, limits.maxJsonBytes)), limits) };
    case 'csv':
      return { kind: 'csv', chunks: csvChunks(path, limits, limits.csvChunkBytes) };
  }
}

/** The per-record limits, checked the same way for every format. */
async function* withinLimits(batches: RecordBatches, limits: ImportLimits): RecordBatches {
  for await (const batch of batches) {
    checkRecordLimits(batch, limits);
    yield batch;
  }
}

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
