import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFn = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let gcFn: GcFn | null | undefined;

function collector(): GcFn | null {
  if (gcFn === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as GcFn;
    } catch {
      gcFn = null;
    }
  }
  return gcFn;
}

/**
 * Asks V8 for a concurrent full collection. A bulk import promotes its segment buffers
 * and strings to the old generation faster than V8's heuristics collect them (it lets
 * the heap grow towards gigabytes on a big machine), so RSS would climb far above what
 * is alive. Nudging every few segments keeps a 1M-row import under the workers' memory
 * budget for a few milliseconds of marking. A no-op where gc cannot be exposed.
 */
export function nudgeGarbageCollector(): void {
  collector()?.({ type: 'major', execution: 'async' });
}

/** Bytes in use outside the young generation (old objects, big strings and arrays, code). */
function oldGenerationBytes(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) used += space.space_used_size;
  return used;
}

/**
 * Nudges (nudgeGarbageCollector) once the old generation has grown by growthBytes
 * above its lowest point since the last nudge, i.e. by that much promoted garbage: a
 * full collection marks everything alive (~60 MB in a worker), so it costs about the
 * same whatever it frees. Nudging every 60,000 rows marked that heap 31 times per 1.85M
 * attendance rows (1–2 CPU-s) to free ~5 MB each time, once the import promoted
 * little (docs/decisions/ingest-lazy-cells.md).
 */
export class GcNudger {
  private low = Infinity;

  constructor(
    private readonly growthBytes = 24 * 1024 * 1024,
    private readonly used: () => number = oldGenerationBytes,
    private readonly nudge: () => void = nudgeGarbageCollector,
  ) {}

  /** Called between segments. */
  check(): void {
    const used = this.used();
    if (used < this.low) this.low = used;
    if (used - this.low < this.growthBytes) return;
    this.nudge();
    this.low = Infinity; // the next reading may still see the garbage: the floor follows the heap down
  }
}

/**
 * A full collection, awaited (at most timeoutMs), for the end of a big import: its
 * garbage is gone, and its pages given back, before the job reports and the next one
 * starts. Concurrent on purpose: in Node 20 a synchronous gc() from JavaScript frees
 * the objects but keeps the pages (heapTotal stayed at 101 MB with 16 MB live, against
 * 43 MB after the concurrent one).
 */
export async function collectGarbage(timeoutMs = 2_000): Promise<void> {
  const gc = collector();
  if (!gc) return;
  await new Promise<void>((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) done();
    });
    const timer = setTimeout(done, timeoutMs);
    function done(): void {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    observer.observe({ entryTypes: ['gc'] });
    gc({ type: 'major', execution: 'async' });
  });
}
