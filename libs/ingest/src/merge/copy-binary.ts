import { CopyText, CopyValue } from '../datasets/dataset-spec';

/**
 * PostgreSQL's binary COPY format, which the import sends instead of COPY text: the
 * server then parses no hex (two bytea values per payroll or attendance row), no date
 * text and no numbers, which took a fifth to a third of its COPY time, and the stream is
 * about a third smaller. Each row: int16 field count, then per field int32 byte length
 * (-1 = NULL) and the value in the type's binary wire form (big-endian).
 */

/** Signature, flags (no OIDs), header extension length. */
export const COPY_BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** A field count of -1 ends the data. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

const TEXT_OID = 25;
/** Days from 1970-01-01 to PostgreSQL's date epoch 2000-01-01. */
const PG_EPOCH_DAYS = 10_957;
const TWO_32 = 4_294_967_296;

/**
 * A growing byte buffer of binary COPY rows. Its memory is an ArrayBuffer of its own
 * (never Buffer's shared pool), so the finished bytes can be transferred between threads.
 */
export class BinaryRows {
  private buf: Buffer;
  pos = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.from(new ArrayBuffer(initialBytes));
  }

  /** Room for n more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.from(new ArrayBuffer(size));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  // Plain byte stores: Buffer's write methods check their arguments on every call,
  // which made the binary rows slower to build than COPY text.
  private put32(at: number, n: number): void {
    const b = this.buf;
    b[at] = n >>> 24;
    b[at + 1] = n >>> 16;
    b[at + 2] = n >>> 8;
    b[at + 3] = n;
  }

  fieldCount(n: number): void {
    this.reserve(2);
    this.buf[this.pos] = n >>> 8;
    this.buf[this.pos + 1] = n;
    this.pos += 2;
  }

  null(): void {
    this.reserve(4);
    this.put32(this.pos, -1);
    this.pos += 4;
  }

  int(bytes: 2 | 4 | 8, n: number): void {
    if (!Number.isSafeInteger(n)) throw new Error(`binary COPY: ${n} is not an integer`);
    this.reserve(4 + bytes);
    const at = this.pos + 4;
    this.put32(this.pos, bytes);
    if (bytes === 2) {
      this.buf[at] = n >>> 8;
      this.buf[at + 1] = n;
    } else if (bytes === 4) this.put32(at, n);
    else {
      const hi = Math.floor(n / TWO_32);
      this.put32(at, hi);
      this.put32(at + 4, n - hi * TWO_32);
    }
    this.pos += 4 + bytes;
  }

  bool(v: boolean): void {
    this.reserve(5);
    this.put32(this.pos, 1);
    this.buf[this.pos + 4] = v ? 1 : 0;
    this.pos += 5;
  }

  /** A text value as UTF-8 (text, varchar, char). */
  text(s: string): void {
    const len = s.length;
    this.reserve(4 + 3 * len);
    const b = this.buf;
    const at = this.pos + 4;
    let i = 0;
    // ASCII byte by byte (codes, dates, masks: most cells); the rest through the encoder.
    for (; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      b[at + i] = c;
    }
    const n = i === len ? len : i + b.write(s.slice(i), at + i, 'utf8');
    this.put32(this.pos, n);
    this.pos = at + n;
  }

  bytes(v: Uint8Array): void {
    this.reserve(4 + v.length);
    this.put32(this.pos, v.length);
    this.buf.set(v, this.pos + 4);
    this.pos += 4 + v.length;
  }

  /** 'YYYY-MM-DD' (as the date parsers return it) as days since 2000-01-01. */
  date(s: string): void {
    const y = digits(s, 0, 4);
    const m = digits(s, 5, 7);
    const d = digits(s, 8, 10);
    if (s.length !== 10 || y < 0 || m < 1 || d < 1) throw new Error(`binary COPY: "${s}" is not a YYYY-MM-DD date`);
    this.int(4, daysFromCivil(y, m, d) - PG_EPOCH_DAYS);
  }

  /** A one-dimensional text[] (its elements never NULL). */
  textArray(items: readonly string[]): void {
    const start = this.pos;
    this.reserve(4 + 20);
    this.pos += 4; // length, patched below
    this.put32(this.pos, items.length ? 1 : 0); // dimensions
    this.put32(this.pos + 4, 0); // no NULL elements
    this.put32(this.pos + 8, TEXT_OID);
    this.pos += 12;
    if (items.length) {
      this.put32(this.pos, items.length);
      this.put32(this.pos + 4, 1); // lower bound
      this.pos += 8;
    }
    for (const item of items) this.text(item);
    this.put32(start, this.pos - start - 4);
  }

  /** A copy of the rows written so far, in an ArrayBuffer of its own. */
  finish(): Uint8Array {
    return new Uint8Array(this.buf.buffer.slice(0, this.pos));
  }

  /** The rows written so far, in place: valid until the next reset. */
  view(): Uint8Array {
    return new Uint8Array(this.buf.buffer, 0, this.pos);
  }

  /** Empties the rows and keeps the memory (one buffer for every batch of an import; after finish() too). */
  reset(): void {
    this.pos = 0;
  }
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function sealedBytes(v: CopyText): Uint8Array {
  if (!v.bytes) throw new Error('binary COPY: a bytea value given as COPY text only');
  return v.bytes;
}

/** Writes one value of a column of the given PostgreSQL type. */
export type BinaryField = (out: BinaryRows, v: CopyValue) => void;

const asText = (v: CopyValue): string => (typeof v === 'string' ? v : String(v));
const asInt = (v: CopyValue): number => (typeof v === 'number' ? v : Number(v));

/** The writer of a staged column's type (the types the dataset specs use). */
export function binaryField(type: string): BinaryField {
  const base = type.replace(/\(.*\)$/, '');
  const field = ((): BinaryField => {
    switch (base) {
      case 'text':
      case 'varchar':
      case 'char':
        return (out, v) => out.text(asText(v));
      case 'smallint':
        return (out, v) => out.int(2, asInt(v));
      case 'integer':
        return (out, v) => out.int(4, asInt(v));
      case 'bigint':
        return (out, v) => out.int(8, asInt(v));
      case 'boolean':
        return (out, v) => out.bool(v === true);
      case 'date':
        return (out, v) => out.date(asText(v));
      case 'bytea':
        return (out, v) => out.bytes(v instanceof CopyText ? sealedBytes(v) : (v as Buffer));
      case 'text[]':
        return (out, v) => out.textArray(v as readonly string[]);
      default:
        throw new Error(`binary COPY: no writer for column type ${type}`);
    }
  })();
  return (out, v) => (v === null || v === undefined ? out.null() : field(out, v));
}
