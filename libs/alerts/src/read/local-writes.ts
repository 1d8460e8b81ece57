import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { finalize, Observable } from 'rxjs';

/**
 * How many requests that may write (anything but GET, HEAD, OPTIONS) this process has
 * finished. The list's large-set memo (large-totals.ts) is valid only while this number
 * is the one it was taken at, so a change made through this process (a claim, a resolve,
 * a notice) is never read back through an older total or page boundary; changes made by
 * other processes (scans in the worker, another API process) are bounded by the memo's
 * age alone (docs/decisions/alert-list-page-boundaries.md).
 */
let writes = 0;

export const localWrites = (): number => writes;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Counts a request that may write when its handler has finished (its transaction committed or failed). */
@Injectable()
export class LocalWritesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || READS.has(context.switchToHttp().getRequest<{ method: string }>().method)) return next.handle();
    return next.handle().pipe(
      finalize(() => {
        writes++;
      }),
    );
  }
}
