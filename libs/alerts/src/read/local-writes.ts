import { CallHandler, ExecutionContext, Injectable, NestInterceptor, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
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

/** Route methods that never write: their handlers do not get the interceptor. */
const READ_ROUTES = new Set<unknown>([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

/**
 * Puts LocalWritesInterceptor on every route handler that may write, as its outermost
 * interceptor, instead of on every route (APP_INTERCEPTOR): any interceptor makes Nest run
 * the request through an RxJS pipeline (defer, mergeAll, lastValueFrom, an async scope),
 * about 3.5 % of the API's busy time under the alert-list load where the interceptor only
 * passed GETs through (docs/decisions/alert-list-api-cpu.md). Done when this provider is
 * built, which is before Nest reads the routes' interceptors (at init, when it registers
 * the routes); the instance is given, not the class, as a class would have to be one of
 * the module's injectables, which are known by then.
 */
@Injectable()
export class LocalWritesRoutes {
  constructor(discovery: DiscoveryService, scanner: MetadataScanner) {
    const interceptor = new LocalWritesInterceptor();
    for (const wrapper of discovery.getControllers()) {
      const proto = (wrapper.metatype as { prototype?: object } | undefined)?.prototype;
      if (!proto) continue;
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = (proto as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (READ_ROUTES.has(Reflect.getMetadata(METHOD_METADATA, handler))) continue;
        const own = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
        if (!own.some((i) => i instanceof LocalWritesInterceptor)) Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...own], handler);
      }
    }
  }
}
