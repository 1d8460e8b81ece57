import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, ROLES, Role } from '@wage/auth';

export interface RouteInfo {
  /** "GET /api/v1/alerts/:id" */
  key: string;
  method: string;
  path: string;
  isPublic: boolean;
  /** @Roles of the handler, else of the controller; undefined when there is none. */
  roles: Role[] | undefined;
  /** The handler function (its metadata: interceptors, guards). */
  handler: object;
}

/** Paths outside the global prefix (configureHttpApp). */
const UNPREFIXED = new Set(['health', 'metrics']);

const join = (...parts: string[]): string =>
  '/' + parts.flatMap((p) => p.split('/')).filter((p) => p !== '').join('/');

/**
 * Every HTTP route of the running app, read from the controllers' metadata (the same
 * metadata the auth guard reads), so a new endpoint shows up here without anyone
 * remembering to list it.
 */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const scanner = new MetadataScanner();
  const out: RouteInfo[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        for (const s of Array.isArray(sub) ? sub : [sub]) {
          const raw = join(base, s);
          const first = raw.split('/')[1] ?? '';
          const path = UNPREFIXED.has(first) ? raw : join('api/v1', raw);
          out.push({
            key: `${method} ${path}`,
            method,
            path,
            isPublic: Reflect.getMetadata(IS_PUBLIC, handler) === true || Reflect.getMetadata(IS_PUBLIC, type) === true,
            roles: (Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, type)) as Role[] | undefined,
            handler,
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
