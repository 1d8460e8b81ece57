import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { HostListEntry } from '@wage/config';
import { checkWebhookTarget, Resolver, systemResolver } from './webhook-target';

/** At most this much of a receiver's answer is read (and then thrown away): status is what counts. */
export const MAX_RESPONSE_BYTES = 4_096;

export type PostOutcome = { statusCode: number } | { error: string };

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allow: readonly HostListEntry[];
  resolve?: Resolver;
}

/**
 * POSTs one webhook. The target is checked after DNS and the connection is pinned to
 * the checked address (a custom `lookup`), so a second DNS answer cannot swap in an
 * internal address; TLS still verifies the certificate for the URL's host name. Redirects
 * are not followed (a 3xx is just a failed try), and the body is read only up to
 * MAX_RESPONSE_BYTES and never kept.
 */
export async function postWebhook(p: WebhookPost): Promise<PostOutcome> {
  const target = await checkWebhookTarget(p.url, p.allow, p.resolve ?? systemResolver);
  if (!target.ok) return { error: target.reason };
  const url = new URL(p.url);
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostOutcome>((resolvePromise) => {
    let settled = false;
    const done = (o: PostOutcome): void => {
      if (settled) return;
      settled = true;
      resolvePromise(o);
    };
    const req = send(
      url,
      {
        method: 'POST',
        lookup,
        headers: { ...p.headers, 'Content-Length': String(Buffer.byteLength(p.body)) },
        signal: AbortSignal.timeout(p.timeoutMs),
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        const finish = (): void => done({ statusCode: res.statusCode ?? 0 });
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      },
    );
    req.on('error', (error: Error & { code?: string }) => {
      const reason = error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${p.timeoutMs} ms` : (error.code ?? error.message);
      done({ error: reason });
    });
    req.end(p.body);
  });
}
