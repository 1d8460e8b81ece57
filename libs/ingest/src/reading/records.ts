import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { FileProblem } from './file-problem';
import { FileFormat, sniffFile } from './sniff';
import { readJsonRecords } from './json-records';
import { readXlsxRecords } from './xlsx-records';

/** One record of the file: the row number the user sees (header = 1) and its trimmed cells. */
export interface SourceRecord {
  row: number;
  cells: string[];
}

/**
 * Every record of an uploaded file, header first, streamed with backpressure: the
 * consumer's pace drives the read, so memory stays flat whatever the file size.
 */
export async function* readRecords(path: string, declared: FileFormat): AsyncGenerator<SourceRecord> {
  const sniffed = await sniffFile(path, declared);
  switch (sniffed.format) {
    case 'empty':
      throw new FileProblem('The file is empty: it needs a header row and at least one data row');
    case 'xls':
      throw new FileProblem('Old Excel .xls files are not supported: save the sheet as .xlsx or CSV and upload again');
    case 'binary':
      throw new FileProblem('This is not a CSV, XLSX or JSON file (it contains binary data)');
    case 'xlsx':
      yield* readXlsxRecords(path);
      return;
    case 'json':
      yield* readJsonRecords(path);
      return;
    case 'csv':
      yield* readCsvRecords(path, sniffed.encoding);
  }
}

async function* readCsvRecords(path: string, encoding: 'utf8' | 'gb18030'): AsyncGenerator<SourceRecord> {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const parser = parse({ bom: true, trim: true, relax_column_count: true, skip_empty_lines: false });
  const source = encoding === 'utf8' ? file : file.pipe(iconv.decodeStream('gb18030'));
  file.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells };
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(`The file could not be read as CSV near row ${row + 1}: ${(error as Error).message}`);
  } finally {
    file.destroy();
    parser.destroy();
  }
}
