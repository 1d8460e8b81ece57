import ExcelJS, { CellValue } from 'exceljs';
import { FileProblem } from './file-problem';
import { SourceRecord } from './records';

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A cell as the text a clerk typed: Excel date cells become YYYY-MM-DD. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // exceljs builds Excel dates at UTC midnight of the calendar day shown in the sheet.
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('result' in value) return cellText((value.result ?? null) as CellValue);
  if ('text' in value) return String(value.text).trim();
  return '';
}

/** Rows of the first worksheet, streamed (exceljs WorkbookReader). Row 1 is the header. */
export async function* readXlsxRecords(path: string): AsyncGenerator<SourceRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { row: row.number, cells };
      }
      return; // only the first worksheet
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(`The file could not be read as an Excel .xlsx workbook: ${(error as Error).message}`);
  }
}
