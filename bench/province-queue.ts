import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client, Pool } from 'pg';
import { statementName } from '@wage/database';
import { AlertListQueryDto, AlertQueryService, cursorOfKey, EXACT_TOTAL_LIMIT, keyOfJson, LARGE_TOTAL_MAX_AGE_MS, nearestBoundary } from '@wage/alerts';
import { Principal, Role } from '@wage/auth';
import { hasWrk, LoadResult, ms, runLoad, runWrk } from './province-load';
import { cpuMs, cpuSplitMs } from './service-processes';

/**
 * The queue phase of bench:province (issue 17, bullet 3): the alert list
 * (status=open, pageSize=50, random pages and filters) and claim-next under `clients`
 * concurrent clients, one client alone and /health as baselines, and the EXPLAIN
 * ANALYZE of the list's statements. `raiseOpenAlerts` tops the open alerts up to a
 * target (100k) with synthetic alerts so the same phase can run again at that size.
 */
export interface QueueBenchContext {
  db: Client;
  /** The database, for the raw-SQL baseline's own connections. */
  databaseUrl: string;
  /** The API's processes (its HTTP processes with API_WORKERS > 1), for their CPU time. */
  apiPids: () => number[];
  /** Database connections the API's processes have (10 per process): the raw-SQL baseline's pool. */
  apiConnections: number;
  /** What the API runs as, printed with the figures (e.g. "API_WORKERS=2"). */
  label: string;
  baseUrl: string;
  token: string;
  adminName: string;
  /** The service's read code in this process, for the exact statements the list runs (EXPLAIN, raw SQL baseline). */
  alertQueries: AlertQueryService;
  clients: number;
  requests: number;
  seed: number;
}

export interface QueueFigures {
  label: string;
  apiConnections: number;
  open: number;
  /** The same list statements straight from PostgreSQL (pg, no HTTP), 1 and `clients` connections. */
  rawSingle: LoadResult;
  rawLoaded: LoadResult & { pgCpuPerRequestMs: number };
  /** CPU of the PostgreSQL backends of the API's connections per list request, and of this process (the load). */
  pgCpuPerRequestMs: number;
  loadCpuPerRequestMs: number;
  /** CPU time of the API's processes per list request during the loaded run, and the part of it in the kernel. */
  apiCpuPerRequestMs: number;
  apiSysPerRequestMs: number;
  /** Load average (1 min) when the loaded run ended. */
  load: string;
  single: LoadResult;
  loaded: LoadResult;
  /**
   * The same loaded list run with wrk as the load generator (when installed: Debian's
   * `wrk`), for as long as the autocannon run took, with the CPU of each process per request.
   */
  wrk?: LoadResult & { apiCpuPerRequestMs: number; pgCpuPerRequestMs: number; loadCpuPerRequestMs: number };
  claim?: LoadResult & { units: number; perClient: number; clients: number; apiCpuPerRequestMs: number; pgCpuPerRequestMs: number };
  health: LoadResult;
  explain: string[];
}

/**
 * CPU time (ms) of the PostgreSQL backends serving this database under an application
 * name, per backend pid (the server runs on this machine: /proc). Backends opened during
 * a run count whole, those of before by their difference.
 */
async function backendCpu(db: Client, applicationName: string): Promise<Map<number, number>> {
  const rows = (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [applicationName])).rows as Array<{ pid: number }>;
  return new Map(rows.map((r) => [r.pid, cpuMs([r.pid])]));
}

function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** Deterministic pseudo-random numbers, so two runs ask for the same pages. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function explain(db: Client, [text, values]: [string, unknown[]]): Promise<string> {
  const rows: Array<{ 'QUERY PLAN': string }> = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, values)).rows;
  return rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n');
}

async function post(baseUrl: string, path: string, token: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The list URLs: status=open, pageSize=50, half of them with a rule, severity or region filter, random pages. */
async function listQueries(ctx: QueueBenchContext, open: number): Promise<URLSearchParams[]> {
  const rules: string[] = (await ctx.db.query(`SELECT DISTINCT rule FROM alerts WHERE status = 'open' ORDER BY 1`)).rows.map((r: { rule: string }) => r.rule);
  const regions: string[] = (await ctx.db.query(`SELECT DISTINCT left(region_code, 4) AS r FROM projects ORDER BY 1`)).rows.map((r: { r: string }) => r.r);
  const rnd = prng(ctx.seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: 500 }, () => {
    const q = new URLSearchParams({ status: 'open', pageSize: '50' });
    const f = rnd();
    if (f < 0.2 && rules.length) q.set('rule', pick(rules));
    else if (f < 0.35) q.set('severity', pick(['red', 'orange', 'yellow']));
    else if (f < 0.5 && regions.length) q.set('regionCode', pick(regions));
    const pages = Math.max(1, Math.ceil(open / 50 / (q.size > 2 ? 3 : 1)));
    q.set('page', String(1 + Math.floor(rnd() * pages)));
    return q;
  });
}

/** The query string as the DTO the controller gets (what the validation pipe makes of it). */
function toDto(q: URLSearchParams): AlertListQueryDto {
  const list = (name: string): string[] | undefined => q.get(name)?.split(',');
  return Object.assign(new AlertListQueryDto(), {
    status: list('status'),
    severity: list('severity'),
    rule: q.get('rule') ?? undefined,
    regionCode: q.get('regionCode') ?? undefined,
    page: Number(q.get('page')),
    pageSize: Number(q.get('pageSize')),
  });
}

/**
 * The baseline: the list's statements (those of the same URLs, as the admin) sent straight
 * to PostgreSQL by `clients` closed loops, like the HTTP clients, over as many connections
 * as the API has, as named prepared statements like the service's (this code's
 * statements, also in a --before phase).
 */
async function rawSqlLoad(ctx: QueueBenchContext, statements: Array<[string, unknown[]]>, clients: number, perClient: number): Promise<LoadResult & { pgCpuPerRequestMs: number }> {
  const max = Math.min(clients, ctx.apiConnections);
  const pool = new Pool({ connectionString: ctx.databaseUrl, max, application_name: 'bench-raw-sql' });
  try {
    await Promise.all(Array.from({ length: max }, () => pool.query('SELECT 1'))); // open the connections first
    const times: number[] = [];
    const pg0 = await backendCpu(ctx.db, 'bench-raw-sql');
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < perClient; i++) {
          const s = performance.now();
          const [text, values] = statements[(c * perClient + i) % statements.length];
          await pool.query({ name: statementName(text), text, values });
          times.push(performance.now() - s);
        }
      }),
    );
    const elapsed = performance.now() - t0;
    const pgCpuMs = cpuSince(pg0, await backendCpu(ctx.db, 'bench-raw-sql'));
    times.sort((a, b) => a - b);
    const q = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    return { requests: times.length, errors: 0, p50: q(0.5), p95: q(0.95), p99: q(0.99), perSecond: times.length / (elapsed / 1000), statuses: {}, byStatus: {}, pgCpuPerRequestMs: pgCpuMs / times.length };
  } finally {
    await pool.end();
  }
}

/** The loaded list run again, with wrk as the load generator (runWrk), and each process's CPU per request. */
async function wrkLoad(ctx: QueueBenchContext, urls: string[], headers: Record<string, string>, seconds: number): Promise<QueueFigures['wrk']> {
  const api0 = cpuMs(ctx.apiPids());
  const pg0 = await backendCpu(ctx.db, 'wage-warning');
  const result = runWrk({ urls, headers, clients: ctx.clients, seconds });
  const apiCpuPerRequestMs = (cpuMs(ctx.apiPids()) - api0) / result.requests;
  const pgCpuPerRequestMs = cpuSince(pg0, await backendCpu(ctx.db, 'wage-warning')) / result.requests;
  return { ...result, apiCpuPerRequestMs, pgCpuPerRequestMs, loadCpuPerRequestMs: result.cpuMs / result.requests };
}

/**
 * How many claims each client makes and which unit each client's inspector belongs to,
 * so that every claim finds work: `perClient` starts at `wanted` and goes down until the
 * units' unassigned open alerts hold `clients` × perClient claims, a unit hosting
 * ⌊its alerts / perClient⌋ inspectors; the clients go round robin over the units with
 * the most work (distinct units first, as a province's brigades claim at once).
 */
export function claimPlan(units: Array<{ unit_code: string; n: number }>, clients: number, wanted: number): { perClient: number; unitOf: string[] } {
  for (let perClient = Math.max(1, wanted); perClient >= 1; perClient--) {
    const capacity = units.map((u) => ({ unit: u.unit_code, left: Math.floor(u.n / perClient) })).filter((u) => u.left > 0);
    if (capacity.reduce((s, u) => s + u.left, 0) < clients && perClient > 1) continue;
    const unitOf: string[] = [];
    while (unitOf.length < clients && capacity.some((u) => u.left > 0)) {
      for (const u of capacity) {
        if (u.left === 0 || unitOf.length === clients) continue;
        unitOf.push(u.unit);
        u.left--;
      }
    }
    return { perClient, unitOf };
  }
  return { perClient: 1, unitOf: [] };
}

/**
 * claim-next: `clients` new inspectors at once, each claiming `perClient` times in its
 * own unit (claimPlan), so the figure is the cost of claims that find an alert (200),
 * not of empty answers (204: the run before this one had 483 of 500 claims in one unit
 * with 17 alerts). The statuses are counted and the 200s' percentiles printed apart.
 * Each client claims as often as a list client lists (`requests`, fewer where the units
 * hold less work): with a quarter of that, the first wave of 50 cold claims at once was a
 * tenth of the sample and set its p95 by itself.
 */
async function claimLoad(ctx: QueueBenchContext): Promise<QueueFigures['claim']> {
  const units = (
    await ctx.db.query(
      `SELECT unit_code, count(*)::int AS n FROM alerts WHERE status = 'open' AND unit_code IS NOT NULL AND assignee_user_id IS NULL
          AND suppressed_until IS NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
    )
  ).rows as Array<{ unit_code: string; n: number }>;
  const { perClient, unitOf } = claimPlan(units, ctx.clients, Math.max(1, ctx.requests));
  if (!unitOf.length) return undefined;
  const tokens: string[] = [];
  for (const unitCode of unitOf) {
    const username = `bench_inspector_${randomBytes(4).toString('hex')}`;
    const password = `Bench-${randomBytes(6).toString('hex')}`;
    const created = await post(ctx.baseUrl, '/api/v1/users', ctx.token, { username, password, role: 'inspector', unitCode });
    if (created.status !== 201) throw new Error(`create inspector: ${created.status} ${await created.text()}`);
    tokens.push(await login(ctx.baseUrl, username, password));
  }
  const api0 = cpuMs(ctx.apiPids());
  const pg0 = await backendCpu(ctx.db, 'wage-warning');
  const result = await runLoad({
    urls: [`${ctx.baseUrl}/api/v1/alerts/claim-next`],
    method: 'POST',
    headers: {},
    clientHeaders: tokens.map((t) => ({ Authorization: `Bearer ${t}` })),
    clients: unitOf.length,
    perClient,
    ok: [200, 204],
  });
  const apiCpuPerRequestMs = (cpuMs(ctx.apiPids()) - api0) / result.requests;
  const pgCpuPerRequestMs = cpuSince(pg0, await backendCpu(ctx.db, 'wage-warning')) / result.requests;
  return { ...result, units: new Set(unitOf).size, perClient, clients: unitOf.length, apiCpuPerRequestMs, pgCpuPerRequestMs };
}

export async function benchQueue(ctx: QueueBenchContext): Promise<QueueFigures> {
  const [{ open }] = (await ctx.db.query(`SELECT count(*)::int AS open FROM alerts WHERE status = 'open'`)).rows as Array<{ open: number }>;
  const queries = await listQueries(ctx, open);
  const urls = queries.map((q) => `${ctx.baseUrl}/api/v1/alerts?${q}`);
  const adminRow = (await ctx.db.query(`SELECT id, username FROM users WHERE username = $1`, [ctx.adminName])).rows[0] as { id: string; username: string };
  const principal: Principal = { kind: 'user', id: adminRow.id, name: adminRow.username, role: Role.Admin, unitCode: null, bureauCode: null, canUnmask: false };
  const statements = queries.map((q) => ctx.alertQueries.listStatement(toDto(q), principal));

  const auth = { Authorization: `Bearer ${ctx.token}` };
  await runLoad({ urls, headers: auth, clients: 5, perClient: 10 }); // warm-up
  const single = await runLoad({ urls, headers: auth, clients: 1, perClient: 100 });
  const cpu0 = cpuSplitMs(ctx.apiPids());
  const pg0 = await backendCpu(ctx.db, 'wage-warning');
  const load0 = process.cpuUsage();
  const loaded = await runLoad({ urls, headers: auth, clients: ctx.clients, perClient: ctx.requests });
  const loadUsage = process.cpuUsage(load0);
  const cpu1 = cpuSplitMs(ctx.apiPids());
  const pgCpuPerRequestMs = cpuSince(pg0, await backendCpu(ctx.db, 'wage-warning')) / loaded.requests;
  const loadCpuPerRequestMs = (loadUsage.user + loadUsage.system) / 1000 / loaded.requests;
  const apiCpuPerRequestMs = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / loaded.requests;
  const apiSysPerRequestMs = (cpu1.system - cpu0.system) / loaded.requests;
  const load = loadavg()[0].toFixed(2);
  const wrk = hasWrk() ? await wrkLoad(ctx, urls, auth, Math.max(5, Math.ceil(loaded.requests / loaded.perSecond))) : undefined;
  const rawSingle = await rawSqlLoad(ctx, statements, 1, 100);
  const rawLoaded = await rawSqlLoad(ctx, statements, ctx.clients, ctx.requests);
  const health = await runLoad({ urls: [`${ctx.baseUrl}/health`], headers: {}, clients: 1, perClient: 200 });
  const claim = await claimLoad(ctx);
  const lastPage = Math.max(1, Math.ceil(open / 50));
  const dto = (page: number, cursor?: string, rule?: string) => Object.assign(new AlertListQueryDto(), { status: ['open'], page, pageSize: 50, cursor, rule });
  const statement = (page: number, cursor?: string) => ctx.alertQueries.listStatement(dto(page, cursor), principal);
  // The deepest page as list() reads it while the set's census is fresh: after its nearest boundary.
  const [census] = (await ctx.db.query(...ctx.alertQueries.censusStatement(dto(1), principal))).rows as Array<{ n: number; boundaries: string }>;
  const boundary = nearestBoundary((lastPage - 1) * 50, (JSON.parse(census.boundaries) as unknown[]).map((b) => JSON.stringify(b)));
  const rule = ((await ctx.db.query(`SELECT rule FROM alerts WHERE status = 'open' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows as Array<{ rule: string }>)[0]?.rule;
  // The cursor at the end of the page before the deepest: the deepest page again, by keyset.
  const [before] = (await ctx.db.query(...statement(Math.max(1, lastPage - 1)))).rows as Array<{ last: string | null }>;
  const deepCursor = lastPage > 1 && before.last ? cursorOfKey(before.last) : undefined;
  const explainText = [
    `EXPLAIN ANALYZE of the list's statement (page and total), admin, status=open, page 1:\n${await explain(ctx.db, statement(1))}`,
    `EXPLAIN ANALYZE, the same, page ${lastPage} (the deepest):\n${await explain(ctx.db, statement(lastPage))}`,
    ...(deepCursor ? [`EXPLAIN ANALYZE, the same deepest page by its cursor (cursor=, the keyset after page ${lastPage - 1}):\n${await explain(ctx.db, statement(1, deepCursor))}`] : []),
    ...(boundary && census.n > EXACT_TOTAL_LIMIT
      ? [`EXPLAIN ANALYZE, the same deepest page as list() reads it while the census is fresh (after the boundary at ${((lastPage - 1) * 50 - boundary.skip).toLocaleString('en-US')}, skipping ${boundary.skip}):\n${await explain(ctx.db, ctx.alertQueries.listStatement(dto(lastPage), principal, { count: false, from: { key: keyOfJson(boundary.key), skip: boundary.skip } }))}`]
      : []),
    ...(rule ? [`EXPLAIN ANALYZE, rule=${rule} (exact total), page ${Math.ceil(lastPage / 3)} (the benchmark's deepest filtered page):\n${await explain(ctx.db, ctx.alertQueries.listStatement(dto(Math.ceil(lastPage / 3), undefined, rule), principal))}`] : []),
    `EXPLAIN ANALYZE, the census of a large set (total and page boundaries, at most once per ${LARGE_TOTAL_MAX_AGE_MS / 1000} s per filter and scope):\n${await explain(ctx.db, ctx.alertQueries.censusStatement(dto(1), principal))}`,
  ];
  return { label: ctx.label, apiConnections: ctx.apiConnections, open, single, loaded, wrk, rawSingle, rawLoaded, apiCpuPerRequestMs, apiSysPerRequestMs, pgCpuPerRequestMs, loadCpuPerRequestMs, load, claim, health, explain: explainText };
}

/** The queue figures as rows of bench:province's table (`line(label, value, baseline, ratio)`). */
export function printQueue(f: QueueFigures, clients: number, line: (label: string, value: string, baseline: string, ratio: string) => void): void {
  const at = `${f.open.toLocaleString('en-US')} open`;
  console.log(`-- queue, ${at}, ${f.label} (load average ${f.load} after the list run)`);
  line(`alert list, ${clients} clients`, `p50 ${ms(f.loaded.p50)}, p95 ${ms(f.loaded.p95)}`, `raw SQL, ${Math.min(clients, f.apiConnections)} conns: p50 ${ms(f.rawLoaded.p50)}, p95 ${ms(f.rawLoaded.p95)}`, `p95 ≤ 200 ms (goal 50)`);
  line('', `${f.loaded.perSecond.toFixed(0)} requests/s, ${f.loaded.errors} errors`, `raw SQL: ${f.rawLoaded.perSecond.toFixed(0)} statements/s`, '');
  line('alert list, 1 client', `p50 ${ms(f.single.p50)}, p95 ${ms(f.single.p95)}`, `raw SQL, 1 conn: p50 ${ms(f.rawSingle.p50)}, p95 ${ms(f.rawSingle.p95)}`, '');
  line('', `CPU per list request: API ${f.apiCpuPerRequestMs.toFixed(2)} ms (kernel ${f.apiSysPerRequestMs.toFixed(2)})`, `raw SQL: PostgreSQL ${f.rawLoaded.pgCpuPerRequestMs.toFixed(2)} ms per statement`, '');
  line('', `PostgreSQL ${f.pgCpuPerRequestMs.toFixed(2)} ms, load generator ${f.loadCpuPerRequestMs.toFixed(2)} ms (autocannon)`, '', '');
  if (f.wrk) {
    line(`alert list, ${clients} clients, wrk`, `p50 ${ms(f.wrk.p50)}, p95 ${ms(f.wrk.p95)}`, `${f.wrk.perSecond.toFixed(0)} requests/s, ${f.wrk.errors} errors`, `p95 ≤ 200 ms (goal 50)`);
    line('', `CPU per list request: API ${f.wrk.apiCpuPerRequestMs.toFixed(2)} ms, PostgreSQL ${f.wrk.pgCpuPerRequestMs.toFixed(2)} ms`, `load generator (wrk) ${f.wrk.loadCpuPerRequestMs.toFixed(2)} ms`, '');
  } else line(`alert list, ${clients} clients, wrk`, 'not run: wrk is not installed (apt-get install wrk)', '', '');
  if (f.claim) {
    const found = f.claim.byStatus['200'];
    line(`claim-next, ${f.claim.clients} clients`, `p50 ${ms(f.claim.p50)}, p95 ${ms(f.claim.p95)}`, `${f.claim.perSecond.toFixed(0)} requests/s, ${f.claim.errors} errors`, 'p95 ≤ 200 ms');
    line('', `${f.claim.units} units, ${f.claim.perClient} claims each`, `statuses ${JSON.stringify(f.claim.statuses)}`, found ? `200s: p50 ${ms(found.p50)}, p95 ${ms(found.p95)}` : '');
    line('', `CPU per claim: API ${f.claim.apiCpuPerRequestMs.toFixed(2)} ms, PostgreSQL ${f.claim.pgCpuPerRequestMs.toFixed(2)} ms`, '', '');
  }
  line('/health', `p50 ${ms(f.health.p50)}, p95 ${ms(f.health.p95)}`, `${f.health.perSecond.toFixed(0)} requests/s`, '');
}

/**
 * Tops the open alerts up to `target` with synthetic ones, set-based in one INSERT:
 * every project gets the rules' alerts (one real alert of each rule as the template:
 * its evidence, thresholds and versions) for earlier months, routed to the unit its
 * real alerts went to (else the first unit of its region), with spread severities,
 * shortfalls and ages; then project_risk is recomputed as a scan's finalize does
 * (`recomputeRisk`) and the table vacuumed and analysed. Returns the open alerts now.
 */
export async function raiseOpenAlerts(db: Client, target: number, recomputeRisk: () => Promise<void>): Promise<number> {
  const count = async (): Promise<number> => ((await db.query(`SELECT count(*)::int AS n FROM alerts WHERE status = 'open'`)).rows[0] as { n: number }).n;
  // A few fingerprints may exist already (ON CONFLICT skips them): top up again.
  for (let round = 0; round < 3; round++) {
    const needed = target - (await count());
    if (needed <= 0) break;
    await insertSynthetic(db, needed);
  }
  await recomputeRisk();
  // What autovacuum would do next: statistics, and the visibility map the index-only
  // scans of the queue need (the synthetic rows are all new, and the risk copy rewrote them).
  await db.query('VACUUM (ANALYZE) alerts');
  await db.query('ANALYZE project_risk');
  return count();
}

async function insertSynthetic(db: Client, needed: number): Promise<void> {
  const [{ projects, periodic }] = (
    await db.query(`SELECT (SELECT count(*)::int FROM projects) AS projects, (SELECT count(DISTINCT rule)::int FROM alerts WHERE period IS NOT NULL) AS periodic`)
  ).rows as Array<{ projects: number; periodic: number }>;
  const months = Math.ceil(needed / Math.max(1, projects * periodic)) + 1;
  await db.query(
    `WITH tpl AS (SELECT DISTINCT ON (rule) rule, joint, evidence, thresholds, rule_version, profile_code, profile_version, period IS NOT NULL AS periodic, period AS base
                    FROM alerts ORDER BY rule, id),
          routed AS (SELECT p.project_code,
                            coalesce((SELECT a.unit_code FROM alerts a WHERE a.project_code = p.project_code AND a.unit_code IS NOT NULL LIMIT 1),
                                     (SELECT u.unit_code FROM inspection_units u WHERE u.region_code = p.region_code ORDER BY u.unit_code LIMIT 1)) AS unit_code
                       FROM projects p),
          cand AS (SELECT r.project_code, r.unit_code, t.*, m,
                          CASE WHEN t.periodic THEN (t.base - make_interval(months => m))::date END AS period,
                          abs(hashtext(r.project_code || t.rule || m)) AS h
                     FROM routed r CROSS JOIN tpl t CROSS JOIN generate_series(1, $2::int) m
                    WHERE t.periodic OR m = 1),
          fresh AS (SELECT c.*, c.project_code || '|' || c.rule || coalesce('|' || to_char(c.period, 'YYYY-MM'), '') AS fingerprint
                      FROM cand c)
     INSERT INTO alerts (fingerprint, project_code, rule, period, severity, status, joint, evidence, thresholds, rule_version, profile_code,
                         profile_version, shortfall_fen, first_seen_at, last_seen_at, unit_code, routing_reason, due_at, version, last_as_of)
     SELECT fingerprint, project_code, rule, period,
            (ARRAY['red', 'orange', 'orange', 'yellow', 'yellow', 'yellow'])[1 + h % 6], 'open', joint, evidence, thresholds, rule_version,
            profile_code, profile_version, (h % 5000) * 10000, now() - make_interval(hours => h % 2000), now(), unit_code,
            'bench:province synthetic', now() + interval '3 days', 1, current_date
       FROM fresh f WHERE NOT EXISTS (SELECT 1 FROM alerts x WHERE x.fingerprint = f.fingerprint) ORDER BY m, h LIMIT $1
     ON CONFLICT (fingerprint) DO NOTHING`,
    [needed, months],
  );
}
