import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Bounded HTTP load for bench:province: `clients` concurrent loops (connections), each
 * sending `perClient` requests one after another over loopback.
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

/**
 * The load is autocannon's (raw sockets, one closed loop per connection): the load shares
 * the machine's two cores with the API and PostgreSQL, and its CPU per request is the
 * benchmark's own cost, not the service's. Measured on a 46 kB answer: 0.11–0.19 ms of CPU
 * per request against 0.23–0.29 ms for node:http with a keep-alive agent (the earlier
 * hand-written loop; fetch took about as much CPU per request as the API itself).
 * Latencies come from its per-response event, so the percentiles (p95 included, which
 * its summary leaves out) are taken over every request, as before.
 */
export function runLoad(o: LoadOptions): Promise<LoadResult> {
  const first = new URL(o.urls[0]);
  const times: number[] = [];
  const timesBy: Record<string, number[]> = {};
  const statuses: Record<string, number> = {};
  let errors = 0;
  let clients = 0;
  const ok = o.ok ?? [200];
  type Context = { client?: number; sent?: number };
  // The rate is taken from the first request to the last answer: autocannon notices the
  // end of a run on its one-second tick, so its own duration rounds a short run up.
  let t0: number | undefined;
  let tEnd = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: first.origin,
        connections: o.clients,
        amount: o.clients * o.perClient, // spread evenly: perClient per connection
        timeout: 30,
        headers: o.headers,
        requests: [
          {
            method: o.method ?? 'GET',
            // Client c sends the URLs from c * perClient on, round robin (each client's own
            // headers over the shared ones), as the closed loops of the earlier generator did.
            setupRequest: (req, context: Context) => {
              t0 ??= performance.now();
              context.client ??= clients++;
              const i = (context.sent = (context.sent ?? -1) + 1);
              const url = new URL(o.urls[(context.client * o.perClient + i) % o.urls.length]);
              const own = o.clientHeaders?.length ? o.clientHeaders[context.client % o.clientHeaders.length] : undefined;
              return { ...req, path: url.pathname + url.search, headers: own ? { ...req.headers, ...own } : req.headers };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const elapsed = tEnd - (t0 ?? tEnd);
        errors += result.errors + result.timeouts;
        if (result.errors + result.timeouts) statuses.error = (statuses.error ?? 0) + result.errors + result.timeouts;
        const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
        const q = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
        sorted(times);
        const byStatus: LoadResult['byStatus'] = {};
        for (const [status, xs] of Object.entries(timesBy)) byStatus[status] = { p50: q(sorted(xs), 0.5), p95: q(xs, 0.95) };
        resolve({ requests: times.length, errors, p50: q(times, 0.5), p95: q(times, 0.95), p99: q(times, 0.99), perSecond: elapsed > 0 ? times.length / (elapsed / 1000) : 0, statuses, byStatus });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      tEnd = performance.now();
      times.push(responseTime);
      (timesBy[statusCode] ??= []).push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (!ok.includes(statusCode)) errors++;
    });
  });
}

export const ms = (v: number): string => `${v.toFixed(1)} ms`;

/** Whether wrk (Debian's package `wrk`) is on PATH: runWrk's load generator. */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/**
 * The same closed loops as runLoad, sent by wrk instead (`clients` connections on one
 * thread, each asking for the next URL of the list when its answer is in, for `seconds`).
 * Its latencies are wrk's own percentiles (of every request). It costs the machine a
 * fraction of autocannon's CPU per request (a C event loop, no JavaScript per answer):
 * on two cores shared with the API and PostgreSQL, the load generator's own CPU is part
 * of what the latencies wait for, and clients on other machines cost the service nothing.
 * `cpuMs` is wrk's CPU time (user + kernel), read from its parent shell once it has exited.
 */
export function runWrk(o: { urls: string[]; headers: Record<string, string>; clients: number; seconds: number }): LoadResult & { cpuMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  try {
    const script = join(dir, 'list.lua');
    const lua = (s: string): string => JSON.stringify(s); // a JSON string is a valid Lua string literal for these ASCII URLs and headers
    writeFileSync(
      script,
      [
        `local paths = { ${o.urls.map((u) => lua(new URL(u).pathname + new URL(u).search)).join(', ')} }`,
        ...Object.entries(o.headers).map(([k, v]) => `wrk.headers[${lua(k)}] = ${lua(v)}`),
        'local i = 0',
        'request = function() i = i + 1; return wrk.format(nil, paths[(i - 1) % #paths + 1]) end',
        'done = function(s, latency)',
        '  local e = s.errors',
        '  io.write(string.format("WRK {\\"requests\\":%d,\\"durationUs\\":%d,\\"p50\\":%d,\\"p95\\":%d,\\"p99\\":%d,\\"errors\\":%d,\\"statusErrors\\":%d}\\n",',
        '    s.requests, s.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))',
        'end',
      ].join('\n'),
    );
    const origin = new URL(o.urls[0]).origin;
    // The shell waits for wrk, so its own /proc stat then holds wrk's CPU (cutime, cstime).
    const run = spawnSync('sh', ['-c', `wrk -t1 -c${o.clients} -d${o.seconds}s --timeout 30s -s "$1" "$2" >&2; cat /proc/$$/stat`, 'sh', script, `${origin}/`], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`);
    const figures = /WRK (\{.*\})/.exec(run.stderr);
    if (!figures) throw new Error(`wrk printed no figures: ${run.stderr}`);
    const f = JSON.parse(figures[1]) as { requests: number; durationUs: number; p50: number; p95: number; p99: number; errors: number; statusErrors: number };
    const stat = run.stdout.split(') ')[1].split(' ');
    const cpuMs = (Number(stat[13]) + Number(stat[14])) * 10; // cutime + cstime, 100 Hz ticks
    return {
      requests: f.requests,
      errors: f.errors + f.statusErrors,
      p50: f.p50 / 1000,
      p95: f.p95 / 1000,
      p99: f.p99 / 1000,
      perSecond: f.requests / (f.durationUs / 1e6),
      statuses: {},
      byStatus: {},
      cpuMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
