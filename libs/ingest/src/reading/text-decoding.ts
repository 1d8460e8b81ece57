import { isAscii } from 'node:buffer';
import { Transform, TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

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

  /** The encoding decided (utf8 for a file that is ASCII throughout). */
  get encoding(): TextEncoding {
    return this.mode === 'gb18030' ? 'gb18030' : 'utf8';
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.mode === 'utf8') return done(null, chunk);
    if (this.mode === 'gb18030') return done(null, this.decodeGb(chunk));
    if (this.windowBytes === 0) {
      const at = firstNonAscii(chunk);
      if (at < 0) return done(null, chunk);
      if (at > 0) this.push(chunk.subarray(0, at));
      chunk = chunk.subarray(at);
    }
    this.window.push(chunk);
    this.windowBytes += chunk.length;
    if (this.windowBytes >= DECIDE_BYTES) this.decide();
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.mode === 'undecided' && this.windowBytes > 0) this.decide();
    const rest = this.gb?.end();
    done(null, rest ? Buffer.from(rest, 'utf8') : undefined);
  }

  private decide(): void {
    const held = Buffer.concat(this.window);
    this.window = [];
    this.windowBytes = 0;
    this.mode = isUtf8(held) ? 'utf8' : 'gb18030';
    this.push(this.mode === 'utf8' ? held : this.decodeGb(held));
  }

  private decodeGb(bytes: Buffer): Buffer {
    this.gb ??= iconv.getDecoder('gb18030');
    return Buffer.from(this.gb.write(bytes), 'utf8');
  }
}
