import { setFlagsFromString } from 'node:v8';
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
