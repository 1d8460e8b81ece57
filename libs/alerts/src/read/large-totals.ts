/**
 * The list's `total` (docs/decisions/alert-list-large-totals.md): exact up to
 * EXACT_TOTAL_LIMIT matching alerts, counted with the page in the same statement; above
 * it, the exact count of at most LARGE_TOTAL_MAX_AGE_MS ago, per filter and caller scope.
 * Counting 100k open alerts for every page took as long as the page itself (issue 17),
 * and nobody reads "100,000 open" differently from "99,998 open". While such a total is
 * fresh, the page is read without the bounded count of EXACT_TOTAL_LIMIT + 1 matches too.
 */
export const EXACT_TOTAL_LIMIT = 10_000;
export const LARGE_TOTAL_MAX_AGE_MS = 5_000;
const MAX_ENTRIES = 1_000;

export class LargeTotals {
  private readonly entries = new Map<string, { total: Promise<number>; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The fresh total of `key` if there is one (a large total seen within LARGE_TOTAL_MAX_AGE_MS), without counting. */
  fresh(key: string): Promise<number> | undefined {
    const hit = this.entries.get(key);
    return hit && this.now() - hit.at < LARGE_TOTAL_MAX_AGE_MS ? hit.total : undefined;
  }

  /** The total of `key` (statement and values of the count), counted by `count` when missing or old. */
  get(key: string, count: () => Promise<number>): Promise<number> {
    const hit = this.fresh(key);
    if (hit) return hit;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    // The promise itself is kept, so that concurrent requests share one count.
    const total = count();
    this.entries.set(key, { total, at: this.now() });
    total.catch(() => this.entries.delete(key));
    return total;
  }
}
