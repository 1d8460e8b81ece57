/**
 * The list's `total` (docs/decisions/alert-list-large-totals.md): exact up to
 * EXACT_TOTAL_LIMIT matching alerts, counted with the page in the same statement; above
 * it, the exact count of at most LARGE_TOTAL_MAX_AGE_MS ago, per filter and caller scope.
 * Counting 100k open alerts for every page took as long as the page itself (issue 17),
 * and nobody reads "100,000 open" differently from "99,998 open".
 */
export const EXACT_TOTAL_LIMIT = 10_000;
export const LARGE_TOTAL_MAX_AGE_MS = 5_000;
const MAX_ENTRIES = 1_000;

export class LargeTotals {
  private readonly entries = new Map<string, { total: Promise<number>; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The total of `key` (statement and values of the count), counted by `count` when missing or old. */
  get(key: string, count: () => Promise<number>): Promise<number> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < LARGE_TOTAL_MAX_AGE_MS) return hit.total;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    // The promise itself is kept, so that concurrent requests share one count.
    const total = count();
    this.entries.set(key, { total, at: this.now() });
    total.catch(() => this.entries.delete(key));
    return total;
  }
}
