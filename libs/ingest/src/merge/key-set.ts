/**
 * Remembers which natural keys a file already had, in ~16 bytes per row instead of the
 * keys themselves (a million payroll keys would not fit the worker's memory budget).
 * A 52-bit hash may collide: then it reports a repeat that is none, which only makes
 * the merge take its slower, always-correct path.
 */
export class KeySet {
  private readonly seen = new Set<number>();
  repeated = false;

  add(key: string): void {
    if (this.repeated) return;
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ 0x5bd1e995;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    const h = (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
    if (this.seen.has(h)) {
      this.repeated = true;
      this.seen.clear();
    } else this.seen.add(h);
  }
}
