import { isAscii, isUtf8 as isWholeUtf8 } from 'node:buffer';
import { Transform, TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { FileProblem } from './file-problem';

export type TextEncoding = 'utf8' | 'gb18030';

/** How much text after the first non-ASCII byte decides the encoding. */
const DECIDE_BYTES = 64 * 1024;

/** True when the bytes decode strictly as UTF-8 (a character cut at the end is fine). */
export function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Length of bytes up to the last character that is complete (a UTF-8 sequence cut by the chunk stays out). */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) return bytes.length; // ASCII: everything before is complete
    if (b >= 0xc0) {
      const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return back < needs ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/**
 * Multibyte characters in the longest prefix of bytes that is well-formed UTF-8. GBK
 * text forms a valid-looking UTF-8 character now and then, but not 8 in a row (odds
 * about 1 in 10^7), so 8 say the text really started as UTF-8.
 */
function utf8PrefixCharacters(bytes: Buffer): number {
  let chars = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const needs = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (needs < 0 || i + needs >= bytes.length) return chars;
    for (let k = 1; k <= needs; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return chars;
    if (needs > 0) chars++;
    i += needs + 1;
  }
  return chars;
}
const STARTED_AS_UTF8 = 8;

const MIXED = 'The file is not in one encoding: it starts as UTF-8 but later has bytes that are not UTF-8 (parts saved as GBK?). Save the whole file again as UTF-8 or GBK and upload it again';

function firstNonAscii(chunk: Buffer): number {
  if (isAscii(chunk)) return -1;
  for (let i = 0; i < chunk.length; i++) if (chunk[i] > 0x7f) return i;
  return -1;
}

/**
 * CSV bytes (UTF-8 with or without BOM, or GB18030/GBK) → UTF-8 bytes for the parser.
 *
 * ASCII is the same in both encodings, so the decision waits for the first non-ASCII
 * byte wherever it is in the file (a GBK export often starts with many ASCII-only rows:
 * codes, numbers, dates) and is taken on the 64 KB from there. Until then bytes pass
 * through unchanged; only that window is ever held in memory. UTF-8 then passes through
 * (the parser decodes it); GB18030 is decoded with iconv and re-encoded as UTF-8.
 */
export class CsvTextDecoder extends Transform {
  private mode: TextEncoding | 'undecided' = 'undecided';
  private window: Buffer[] = [];
  private windowBytes = 0;
  private gb?: ReturnType<typeof iconv.getDecoder>;
  /** UTF-8 mode: the start of a character cut by the chunk end, checked with the next chunk. */
  private tail?: Buffer;

  /** The encoding decided (utf8 for a file that is ASCII throughout). */
  get encoding(): TextEncoding {
    return this.mode === 'gb18030' ? 'gb18030' : 'utf8';
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.mode === 'utf8') return this.passUtf8(chunk, done);
    if (this.mode === 'gb18030') return done(null, this.decodeGb(chunk));
    if (this.windowBytes === 0) {
      const at = firstNonAscii(chunk);
      if (at < 0) return done(null, chunk);
      if (at > 0) this.push(chunk.subarray(0, at));
      chunk = chunk.subarray(at);
    }
    this.window.push(chunk);
    this.windowBytes += chunk.length;
    if (this.windowBytes >= DECIDE_BYTES) return this.decide(done);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.mode === 'undecided' && this.windowBytes > 0) {
      return this.decide((error, data?: Buffer) => {
        if (error) return done(error);
        if (data) this.push(data);
        this.finish(done);
      });
    }
    this.finish(done);
  }

  private finish(done: TransformCallback): void {
    if (this.tail) return done(new FileProblem(MIXED)); // ends inside a character
    const rest = this.gb?.end();
    done(null, rest ? Buffer.from(rest, 'utf8') : undefined);
  }

  private decide(done: TransformCallback): void {
    const held = Buffer.concat(this.window);
    this.window = [];
    this.windowBytes = 0;
    this.mode = isUtf8(held) ? 'utf8' : 'gb18030';
    if (this.mode === 'gb18030' && utf8PrefixCharacters(held) >= STARTED_AS_UTF8) return done(new FileProblem(MIXED));
    if (this.mode === 'utf8') return this.passUtf8(held, done);
    done(null, this.decodeGb(held));
  }

  /**
   * UTF-8 passes through unchanged, but checked (without decoding): a file that is
   * UTF-8 at first and GBK later would otherwise load replacement characters silently.
   */
  private passUtf8(chunk: Buffer, done: TransformCallback): void {
    const bytes = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    const complete = completeUtf8Length(bytes);
    this.tail = complete < bytes.length ? Buffer.from(bytes.subarray(complete)) : undefined;
    const out = bytes.subarray(0, complete);
    if (!isWholeUtf8(out)) return done(new FileProblem(MIXED));
    done(null, out);
  }

  private decodeGb(bytes: Buffer): Buffer {
    this.gb ??= iconv.getDecoder('gb18030');
    return Buffer.from(this.gb.write(bytes), 'utf8');
  }
}
