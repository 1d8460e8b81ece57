import { localWrites } from './local-writes';

/**
 * The list's large sets (docs/decisions/alert-list-large-totals.md and
 * alert-list-page-boundaries.md): up to EXACT_TOTAL_LIMIT matching alerts the total is
 * exact, counted with the page in the same statement; above it, one census of the set of
 * at most LARGE_TOTAL_MAX_AGE_MS ago, per filter and caller scope, gives the total and
 * the page boundaries (the queue-order key of every BOUNDARY_STRIDE-th alert), so a deep
 * page starts from the nearest boundary instead of walking its whole offset. Counting
 * 100k open alerts for every page took as long as the page itself (issue 17), counting a
 * province's 3,400 a third of a page's statement, and nobody reads "3,400 open"
 * differently from "3,398 open". While a census is fresh, the page
 * is read without the bounded count of EXACT_TOTAL_LIMIT + 1 matches too.
 *
 * A census is never used once LARGE_TOTAL_MAX_AGE_MS old (its age counts from its start)
 * or once this process has finished a request that may write since it started
 * (local-writes.ts). The next one starts at REFRESH_AFTER_MS, while the current one still
 * serves, so that pages do not fall back to walking their offsets at every expiry; a set
 * that was large and has no usable census is counted again at once, its requests waiting
 * for that one census instead of each walking its own offset.
 */
// 1,000 since the province benchmark on a slower machine (docs/decisions/alert-list-large-totals.md):
// the bounded count of a 3,400-alert queue was a third of each page's PostgreSQL CPU.
export const EXACT_TOTAL_LIMIT = 1_000;
export const LARGE_TOTAL_MAX_AGE_MS = 5_000;
export const REFRESH_AFTER_MS = 4_000;
// Filters and scopes kept; with MAX_BOUNDARIES keys of ≈ 75 bytes each, at most ≈ 40 MB per process.
const MAX_ENTRIES = 256;

export interface LargeSet {
  total: number;
  /** The key JSON (list-cursor.ts) of the alert at offset (i + 1) × BOUNDARY_STRIDE − 1, for i = 0, 1, … */
  boundaries: string[];
}

interface Census {
  set: Promise<LargeSet>;
  /** When it started, and the local write count then. */
  at: number;
  writes: number;
  /** More than EXACT_TOTAL_LIMIT (assumed while it runs: one starts only for a set seen large). */
  large: boolean;
  /** The census started at REFRESH_AFTER_MS, until it replaces this one. */
  next?: Census;
}

export class LargeTotals {
  private readonly entries = new Map<string, Census>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly writes: () => number = localWrites,
  ) {}

  /**
   * The census of `key` (statement and values of the count) to read a page by, if the set
   * is known to be large: the current one, or a new one taken now by `census` when the
   * current one is too old or outdated by a write. Undefined: read the page directly.
   */
  current(key: string, census: () => Promise<LargeSet>): Promise<LargeSet> | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.usable(hit)) {
      if (!hit.next && this.now() - hit.at >= REFRESH_AFTER_MS) this.refresh(key, hit, census);
      return hit.set;
    }
    if (hit.next && this.usable(hit.next)) return hit.next.set;
    return hit.large ? this.start(key, census) : undefined;
  }

  /** The census of a set just counted above EXACT_TOTAL_LIMIT: the usable one of `key` if large, else a new one by `census`. */
  get(key: string, census: () => Promise<LargeSet>): Promise<LargeSet> {
    const hit = this.entries.get(key);
    return hit && this.usable(hit) && hit.large ? hit.set : this.start(key, census);
  }

  private usable(c: Census): boolean {
    return this.now() - c.at < LARGE_TOTAL_MAX_AGE_MS && c.writes === this.writes();
  }

  private take(census: () => Promise<LargeSet>): Census {
    // The time and write count are those before the census starts: a write finishing during it outdates it.
    const at = this.now();
    const writes = this.writes();
    const c: Census = { set: census(), at, writes, large: true };
    c.set.then(
      (s) => (c.large = s.total > EXACT_TOTAL_LIMIT),
      () => undefined,
    );
    return c;
  }

  private start(key: string, census: () => Promise<LargeSet>): Promise<LargeSet> {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    // The promise itself is kept, so that concurrent requests share one census.
    const c = this.take(census);
    this.entries.set(key, c);
    c.set.catch(() => this.entries.get(key) === c && this.entries.delete(key));
    return c.set;
  }

  private refresh(key: string, current: Census, census: () => Promise<LargeSet>): void {
    const next = this.take(census);
    current.next = next;
    next.set.then(
      () => this.entries.get(key) === current && this.entries.set(key, next),
      () => current.next === next && (current.next = undefined),
    );
  }
}
