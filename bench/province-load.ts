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
}

export interface LoadOptions {
  /** Request URLs (absolute); each request picks the next of the list, round robin per client. */
  urls: string[];
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
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
const once = (url) => new Promise((resolve, reject) => {
  const req = http.request(url, { method: o.method, headers: o.headers, agent }, (res) => {
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
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.clients }, async (_, c) => {
    for (let i = 0; i < o.perClient; i++) {
      const url = o.urls[(c * o.perClient + i) % o.urls.length];
      const s = performance.now();
      try {
        const status = await once(url);
        statuses[status] = (statuses[status] || 0) + 1;
        if (!o.ok.includes(status)) errors++;
      } catch (e) {
        errors++;
        statuses.error = (statuses.error || 0) + 1;
      }
      times.push(performance.now() - s);
    }
  }));
  const elapsed = performance.now() - t0;
  agent.destroy();
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  parentPort.postMessage({ requests: times.length, errors, p50: q(0.5), p95: q(0.95), p99: q(0.99), perSecond: times.length / (elapsed / 1000), statuses });
})();
`;

export function runLoad(o: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_JS, {
      eval: true,
      workerData: { urls: o.urls, method: o.method ?? 'GET', headers: o.headers, clients: o.clients, perClient: o.perClient, ok: o.ok ?? [200] },
    });
    worker.once('message', (m: LoadResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export const ms = (v: number): string => `${v.toFixed(1)} ms`;
