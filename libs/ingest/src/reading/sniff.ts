import { open } from 'node:fs/promises';

export type FileFormat = 'csv' | 'xlsx' | 'json';

export interface Sniffed {
  format: FileFormat | 'xls' | 'binary' | 'empty';
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Looks at the first 64 KB: a ZIP signature is XLSX, an OLE one is the old .xls; NUL
 * bytes mean it is no text file at all; else it is text. The text encoding is decided
 * while reading (CsvTextDecoder), on the first non-ASCII bytes wherever they are.
 */
export async function sniffFile(path: string, declared: FileFormat): Promise<Sniffed> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.length === 0) return { format: 'empty' };
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return { format: 'xlsx' };
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return { format: 'xls' };
  if (head.includes(0)) return { format: 'binary' };
  return { format: declared === 'xlsx' ? 'csv' : declared };
}
