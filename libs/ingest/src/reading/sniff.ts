import { open } from 'node:fs/promises';

export type FileFormat = 'csv' | 'xlsx' | 'json';
export type TextEncoding = 'utf8' | 'gb18030';

export interface Sniffed {
  format: FileFormat | 'xls' | 'binary' | 'empty';
  encoding: TextEncoding;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Looks at the first 64 KB: a ZIP signature is XLSX, an OLE one is the old .xls; else
 * it is text, UTF-8 when it decodes strictly as UTF-8 (a BOM or not), GB18030 (the
 * default of Chinese Excel) otherwise. NUL bytes mean it is no text file at all.
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
  if (head.length === 0) return { format: 'empty', encoding: 'utf8' };
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return { format: 'xlsx', encoding: 'utf8' };
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return { format: 'xls', encoding: 'utf8' };
  if (head.includes(0)) return { format: 'binary', encoding: 'utf8' };
  return { format: declared === 'xlsx' ? 'csv' : declared, encoding: isUtf8(head) ? 'utf8' : 'gb18030' };
}

function isUtf8(head: Buffer): boolean {
  try {
    // stream: true tolerates a character cut in half at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
