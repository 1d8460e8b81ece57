/**
 * Remembers which natural keys a segment of the file already had, in ~16 bytes per row
 * instead of the keys themselves (the worker has a tight memory budget).
 * A 52-bit hash may collide: then it reports a repeat that is none, which only makes
 * the merge take its slower, always-correct path. Equal keys always hash equal.
 */
const INITIAL_SLOTS = 1 << 16;

export class KeySet {
  // Open addressing over a Float64Array (0 = empty): no per-key heap object, no GC.
  private table = new Float64Array(INITIAL_SLOTS);
  private size = 0;
  repeated = false;

  /** Forgets every key (a new segment starts). */
  reset(): void {
    // The same table again when it has its first size: a fresh 512 KB per segment was garbage.
    if (this.table.length === INITIAL_SLOTS) this.table.fill(0);
    else this.table = new Float64Array(INITIAL_SLOTS);
    this.size = 0;
    this.repeated = false;
  }

  /** Adds the key made of fields[i] for each i of `columns` (the key columns' text). */
  add(fields: readonly string[], columns: readonly number[]): void {
    if (!this.repeated) this.addHash(keyHash(fields, columns));
  }

  /** Adds a key already hashed with keyHash (e.g. in a worker thread). */
  addHash(h: number): void {
    if (this.repeated) return;
    if (!this.insert(h)) {
      this.repeated = true;
      this.table = new Float64Array(0);
    }
  }

  /** false when h was there already. */
  private insert(h: number): boolean {
    if (this.size * 2 >= this.table.length) this.grow();
    const mask = this.table.length - 1;
    for (let i = h % this.table.length; ; i = (i + 1) & mask) {
      const v = this.table[i];
      if (v === 0) {
        this.table[i] = h;
        this.size++;
        return true;
      }
      if (v === h) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.size = 0;
    for (const v of old) if (v !== 0) this.insert(v);
  }
}

/**
 * A 52-bit hash (never 0) of a natural key, fed column by column: a string's characters
 * or a bytea's bytes (a blind index, mixed from its 32 bytes rather than from a hex text
 * made for it on every row). Equal keys hash equal in every thread: the same code runs.
 */
export class KeyHasher {
  private a = 0;
  private b = 0;

  start(): void {
    this.a = 0x811c9dc5;
    this.b = 0x5bd1e995;
  }

  string(s: string): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    this.a = a;
    this.b = b;
    this.end();
  }

  bytes(v: Uint8Array): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < v.length; i++) {
      const c = v[i] | 0x100; // apart from a one-character string of the same code
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    this.a = a;
    this.b = b;
    this.end();
  }

  value(): number {
    return (this.a >>> 0) * 0x100000 + ((this.b >>> 0) & 0xfffff) + 1;
  }

  /** A column's end (so that ("ab", "c") and ("a", "bc") differ). */
  private end(): void {
    this.a = Math.imul(this.a ^ 9, 0x01000193);
    this.b = Math.imul(this.b ^ 9, 0x5bd1e995);
  }
}

const hasher = new KeyHasher();

/** keyHash of the key made of fields[i] for each i of `columns` (their text). */
export function keyHash(fields: readonly string[], columns: readonly number[]): number {
  hasher.start();
  for (const col of columns) hasher.string(fields[col]);
  return hasher.value();
}
