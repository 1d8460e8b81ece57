import { once } from 'node:events';
import { createWriteStream, WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { OutputEncoding, OutputFormat } from './options';

/** Where one dataset's rows go: a file written as rows arrive, never held in memory. */
export interface RowSink {
  /** Returns a promise only when the caller must wait (the file is catching up). */
  write(cells: string[]): Promise<void> | undefined;
  close(): Promise<void>;
  readonly rows: number;
}

const FLUSH_AT = 256 * 1024;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvCell(v: string): string {
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV (RFC 4180, CRLF) or a JSON array, buffered and encoded in large chunks. */
class TextSink implements RowSink {
  rows = 0;
  private buffer = '';
  private readonly out: WriteStream;

  constructor(
    path: string,
    private readonly format: 'csv' | 'json',
    private readonly header: string[],
    private readonly encoding: OutputEncoding,
  ) {
    this.out = createWriteStream(path);
    if (encoding === 'utf8-bom') this.out.write(Buffer.from([0xef, 0xbb, 0xbf]));
    this.buffer = format === 'csv' ? `${header.map(csvCell).join(',')}\r\n` : '[';
  }

  write(cells: string[]): Promise<void> | undefined {
    if (this.format === 'csv') {
      this.buffer += `${cells.map(csvCell).join(',')}\r\n`;
    } else {
      const obj: Record<string, string> = {};
      // JSON carries only the columns that have a value (blank = absent).
      cells.forEach((v, i) => {
        if (v !== '') obj[this.header[i]] = v;
      });
      this.buffer += `${this.rows === 0 ? '\n' : ',\n'}${JSON.stringify(obj)}`;
    }
    this.rows++;
    return this.buffer.length >= FLUSH_AT ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const chunk = this.encoding === 'gb18030' ? iconv.encode(this.buffer, 'gb18030') : Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (this.format === 'json') this.buffer += this.rows === 0 ? ']\n' : '\n]\n';
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** XLSX through exceljs' streaming writer (first worksheet, header in row 1). */
class XlsxSink implements RowSink {
  rows = 0;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(path: string, sheetName: string, header: string[], fixedDate: Date) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
    this.workbook.created = fixedDate;
    this.workbook.modified = fixedDate;
    this.workbook.creator = 'wage-warning generator';
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.addRow(header).commit();
  }

  write(cells: string[]): undefined {
    this.sheet.addRow(cells).commit();
    this.rows++;
    return undefined;
  }

  async close(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
  }
}

export const XLSX_MAX_ROWS = 1_048_575;

export function openSink(path: string, format: OutputFormat, encoding: OutputEncoding, header: string[], sheetName: string, fixedDate: Date): RowSink {
  if (format === 'xlsx') return new XlsxSink(path, sheetName, header, fixedDate);
  return new TextSink(path, format, header, encoding);
}
