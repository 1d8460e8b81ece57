/**
 * What authenticating a request read from the database (a user's credentials, an API
 * key's row), kept between requests only while this process hears every change to
 * them (docs/decisions/principal-cache-invalidation.md). The database announces each
 * write to users or api_keys on commit (LISTEN/NOTIFY, migration PrincipalChangeNotify);
 * PrincipalChanges calls invalidate() on each announcement and setLive(false) whenever
 * it cannot hear them, and then nothing is served from here.
 *
 * A read that started before an announcement must not store what it read after it (it
 * may have read the row as it was before the change): a read takes a ticket, and put()
 * stores only if no invalidation happened since the ticket was taken.
 */
export interface CacheTicket {
  readonly epoch: number;
}

export class PrincipalCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private epoch = 0;
  private live = false;

  constructor(
    /** A bound for a listener that fails without noticing (a silent network): changes reach it long before. */
    private readonly maxAgeMs = 60_000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether changes are being heard: only then are entries served and stored. */
  get isLive(): boolean {
    return this.live;
  }

  get(key: string): V | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Taken before reading the database; undefined when nothing would be stored anyway. */
  ticket(): CacheTicket | undefined {
    return this.live ? { epoch: this.epoch } : undefined;
  }

  /** Stores what a read found, unless something changed (or hearing stopped) since its ticket. */
  put(ticket: CacheTicket | undefined, key: string, value: V): void {
    if (!ticket || !this.live || ticket.epoch !== this.epoch) return;
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { value, until: this.now() + this.maxAgeMs });
  }

  /** A user or key changed somewhere (or may have): forget everything. Changes are rare; a miss is one read. */
  invalidate(): void {
    this.epoch++;
    this.entries.clear();
  }

  setLive(live: boolean): void {
    if (live === this.live) return;
    // Either way what is held may be stale: changes while not hearing were missed.
    this.invalidate();
    this.live = live;
  }
}
