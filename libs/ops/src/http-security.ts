import { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import helmet from 'helmet';
import { AppConfig } from '@wage/config';

/**
 * Security headers (helmet) and the proxy setting, for every HTTP entry point.
 *
 * CSP: scripts only from this origin (the console's Vite bundle and Swagger UI's
 * scripts are files, not inline); inline styles are allowed because the console's
 * component library and the printable notice document inject <style>; no
 * upgrade-insecure-requests, so the plain-http development setup keeps working.
 */
export function applyHttpSecurity(app: INestApplication, config: AppConfig): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  // The login throttle counts per client address: behind a proxy that address is the
  // proxy's unless TRUST_PROXY says which proxies to believe about X-Forwarded-For.
  express.set('trust proxy', config.trustProxy);
  // No ETag on API answers: the spec names no conditional request and the console asks
  // none (a 304 would save only the transfer: the answer is built in full either way),
  // while hashing each body cost a page of the alert list a SHA-1 of its 46 kB
  // (docs/decisions/alert-list-api-cpu.md). The console's static files keep theirs
  // (serve-static makes its own).
  express.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // HSTS only means something over https; harmless (ignored) over http.
      strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    }),
  );
}
