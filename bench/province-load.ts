import { Worker } from 'node:worker_threads';

/**
 * Bounded HTTP load for bench:province: `clients` concurrent loops, each sending
 * `perClient` requests one after another over loopback (node:http keep-alive), from
 * a worker thread so the load's own JavaScript does not share the API's event loop.
 * Returns the latency percentiles and the request rate of the whole run.
 */
export interface LoadResult {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  statuses: Record<string, number>;
  /** p50 / p95 of the requests answered with each status (e.g. claim-next's 200s apart from its 204s). */
  byStatus: Record<string, { p50: number; p95: number }>;
}

export interface LoadOptions {
  /** Request URLs (absolute); each request picks the next of the list, round robin per client. */
  urls: string[];
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Per client (client c takes entry c modulo the length), over `headers`: e.g. each client another user's token. */
  clientHeaders?: Array<Record<string, string>>;
  clients: number;
  perClient: number;
  /** Status codes that count as success (default 200). */
  ok?: number[];
}

// Plain JavaScript: evaluated in the worker thread without the TypeScript loader. Plain
// node:http with a keep-alive agent, not fetch: the load shares the machine's two cores
// with the API and PostgreSQL, and fetch (undici, WHATWG streams) took about as much CPU
// per request as the API itself (issue 17).
const WORKER_JS = `
const { parentPort, workerData: o } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: o.clients });
const once = (url, headers) => new Promise((resolve, reject) => {
  const req = http.request(url, { method: o.method, headers, agent }, (res) => {
    res.on('data', () => undefined);
    res.on('end', () => resolve(res.statusCode));
    res.on('error', reject);
  });
  req.on('error', reject);
  req.end();
});
(async () => {
  const times = [];
  const statuses = {};
  const timesBy = {};
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.clients }, async (_, c) => {
    const headers = o.clientHeaders.length ? { ...o.headers, ...o.clientHeaders[c % o.clientHeaders.length] } : o.headers;
    for (let i = 0; i < o.perClient; i++) {
      const url = o.urls[(c * o.perClient + i) % o.urls.length];
      const s = performance.now();
      let status = 'error';
      try {
        status = await once(url, headers);
        if (!o.ok.includes(status)) errors++;
      } catch (e) {
        errors++;
      }
      statuses[status] = (statuses[status] || 0) + 1;
      const took = performance.now() - s;
      times.push(took);
      (timesBy[status] = timesBy[status] || []).push(took);
    }
  }));
  const elapsed = performance.now() - t0;
  agent.destroy();
  const sorted = (xs) => xs.sort((a, b) => a - b);
  const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  sorted(times);
  const byStatus = {};
  for (const [status, xs] of Object.entries(timesBy)) byStatus[status] = { p50: q(sorted(xs), 0.5), p95: q(xs, 0.95) };
  parentPort.postMessage({ requests: times.length, errors, p50: q(times, 0.5), p95: q(times, 0.95), p99: q(times, 0.99), perSecond: times.length / (elapsed / 1000), statuses, byStatus });
})();
`;

export function runLoad(o: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_JS, {
      eval: true,
      workerData: { urls: o.urls, method: o.method ?? 'GET', headers: o.headers, clientHeaders: o.clientHeaders ?? [], clients: o.clients, perClient: o.perClient, ok: o.ok ?? [200] },
    });
    worker.once('message', (m: LoadResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export const ms = (v: number): string => `${v.toFixed(1)} ms`;
