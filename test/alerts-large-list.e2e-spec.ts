import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import type { Pool } from 'pg';
import { queryPrepared, statementName } from '@wage/database';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { AlertListQueryDto, AlertQueryService, BOUNDARY_STRIDE, EXACT_TOTAL_LIMIT, keyOfJson, nearestBoundary, QUEUE_ORDER_SQL } from '@wage/alerts';
import { loginAs } from './support/auth';
import { listRoutes } from './support/routes';
import { insertProjects } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The list of a large set (more than EXACT_TOTAL_LIMIT matches): its total and the page
 * boundaries deep pages start from come from a census of at most a few seconds ago
 * (docs/decisions/alert-list-page-boundaries.md). Without writes in between, every page
 * must be exactly the page by offset, per caller scope; a write through this process
 * must be seen by the very next page.
 */
describe('alert list of a large set (page boundaries)', () => {
  let t: TestApp;
  let ds: DataSource;
  const U1 = 10_600;
  const U2 = 10_450;
  const get = async (path: string, headers: Record<string, string>): Promise<{ items: Array<{ id: number; unitCode: string }>; total: number; page: number; nextCursor: string | null }> => {
    const res = await fetch(`${t.baseUrl}/api/v1${path}`, { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as never;
  };
  /** The ids of the open alerts (of a unit) in queue order, as the database orders them now. */
  const expected = async (unit?: string): Promise<number[]> =>
    ((await ds.query(`SELECT a.id::int AS id FROM alerts a WHERE a.status = 'open' AND ($1::text IS NULL OR a.unit_code = $1) ORDER BY ${QUEUE_ORDER_SQL}`, [unit ?? null])) as Array<{ id: number }>).map((r) => r.id);
  const pageOf = (ids: number[], page: number): number[] => ids.slice((page - 1) * 50, page * 50);

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    ds = t.app.get(DataSource);
    await insertProjects(t, [{ code: 'P1' }, { code: 'P2', region: '440106' }]);
    // Many ties on every key but the id, so a boundary must carry all of them.
    await ds.query(
      `INSERT INTO alerts (fingerprint, project_code, rule, period, severity, status, rule_version, shortfall_fen, first_seen_at, last_seen_at, unit_code, version)
       SELECT 'P' || u || '|R|' || i, 'P' || u, 'PAY_RATIO_LOW', NULL, (ARRAY['red', 'orange', 'yellow'])[1 + i % 3], 'open', 1,
              (i % 7) * 1000, timestamptz '2026-11-01 00:00:00+00' + make_interval(secs => (i % 5) * 0.000001), now(), 'U' || u, 1
         FROM generate_series(1, 2) u CROSS JOIN generate_series(1, $1::int) i
        WHERE u = 1 OR i <= $2`,
      [U1, U2],
    );
    // What autovacuum does within a minute of a bulk insert (PostgreSQL 13+ vacuums
    // insert-only tables too), as bench:province does: with every page still to be checked
    // for visibility, the wider rows of the stored list items (migration AlertListItem)
    // make the index walk's heap checks dearer than a sequential scan of 21k rows.
    await ds.query('VACUUM ANALYZE alerts');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads every page of a large set as the page by offset, in each caller scope apart', async () => {
    expect(U1 + U2).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    const auditor = (await loginAs(t, { role: Role.Auditor })).headers;
    const inspector1 = (await loginAs(t, { role: Role.Inspector, unitCode: 'U1' })).headers;
    const inspector2 = (await loginAs(t, { role: Role.Inspector, unitCode: 'U2' })).headers;
    const all = await expected();
    const statements = jest.spyOn(t.app.get(AlertQueryService), 'listStatement');
    const scopes: Array<[Record<string, string>, number[], string | undefined]> = [
      [auditor, all, undefined],
      [inspector1, await expected('U1'), 'U1'],
      [inspector2, await expected('U2'), 'U2'],
    ];
    for (const [headers, ids, unit] of scopes) {
      // Page 1 takes the census; the deeper pages start from its boundaries.
      expect((await get('/alerts?status=open&pageSize=50', headers)).total).toBe(ids.length);
      const last = Math.ceil(ids.length / 50);
      const stride = BOUNDARY_STRIDE / 50;
      for (const page of [2, stride, stride + 1, stride + 2, 3 * stride + 7, 150, last - 1, last, last + 1]) {
        const body = await get(`/alerts?status=open&pageSize=50&page=${page}`, headers);
        expect({ page, ids: body.items.map((i) => i.id) }).toEqual({ page, ids: pageOf(ids, page) });
        expect(body).toMatchObject({ total: ids.length, page });
        if (unit) expect(body.items.every((i) => i.unitCode === unit)).toBe(true);
        expect(body.nextCursor === null).toBe(body.items.length < 50);
      }
    }
    // The deep pages were read from boundaries, not by offset (else this test shows nothing).
    const fromBoundary = statements.mock.calls.filter(([, , options]) => options?.from).length;
    expect(fromBoundary).toBeGreaterThanOrEqual(3 * 7);
    statements.mockRestore();
  });

  it.each([
    ['4401', 'a city: IDX_alerts_queue_region'],
    ['440106', 'a county: its city in IDX_alerts_queue_region, region_code checked on the index'],
    ['44', 'a province: IDX_alerts_queue_rank, region_code checked on the index'],
  ])('reads every page of the large set of regionCode=%s (%s) as the page by offset of the projects join', async (region) => {
    const auditor = (await loginAs(t, { role: Role.Auditor })).headers;
    // The meaning of the filter before the region was copied onto alerts: the project's region.
    const ids = (
      (await ds.query(
        `SELECT a.id::int AS id FROM alerts a JOIN projects p ON p.project_code = a.project_code
          WHERE a.status = 'open' AND p.region_code LIKE $1 ORDER BY ${QUEUE_ORDER_SQL}`,
        [`${region}%`],
      )) as Array<{ id: number }>
    ).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    const statements = jest.spyOn(t.app.get(AlertQueryService), 'listStatement');
    const path = `/alerts?status=open&pageSize=50&regionCode=${region}`;
    expect((await get(path, auditor)).total).toBe(ids.length);
    const last = Math.ceil(ids.length / 50);
    for (const page of [2, 6, 7, 150, last - 1, last, last + 1]) {
      const body = await get(`${path}&page=${page}`, auditor);
      expect({ page, ids: body.items.map((i) => i.id) }).toEqual({ page, ids: pageOf(ids, page) });
      expect(body).toMatchObject({ total: ids.length, page });
    }
    expect(statements.mock.calls.filter(([, , options]) => options?.from).length).toBeGreaterThanOrEqual(4);
    statements.mockRestore();
  });

  it.each(['force_custom_plan', 'force_generic_plan'])('plans a region page on IDX_alerts_queue_region, an unfiltered and a severity page on IDX_alerts_queue_rank, all in queue order (%s)', async (mode) => {
    const queries = t.app.get(AlertQueryService);
    const auditor = { kind: 'user' as const, id: '00000000-0000-0000-0000-000000000000', name: 'a', role: Role.Auditor, unitCode: null, bureauCode: null, canUnmask: false };
    let plans = 0;
    const plan = async (dto: Partial<AlertListQueryDto>): Promise<string> => {
      const [text, values] = queries.listStatement(Object.assign(new AlertListQueryDto(), { status: ['open'], page: 100, pageSize: 50, ...dto }), auditor);
      // EXECUTE takes its values in the text; plan_cache_mode is read when the plan is chosen.
      const literals = values.map((v) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`)).join(', ');
      const name = `wt_plan_${++plans}`;
      return ds.transaction(async (m) => {
        await m.query(`SET LOCAL plan_cache_mode = ${mode}`);
        await m.query(`PREPARE ${name} AS ${text}`);
        const rows = (await m.query(`EXPLAIN (COSTS OFF) EXECUTE ${name}(${literals})`)) as Array<{ 'QUERY PLAN': string }>;
        await m.query(`DEALLOCATE ${name}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    };
    // A walk in queue order (no sort of the matches) that joins no project: only the page's 50 rows fetch theirs.
    const inOrder = (p: string): void => {
      expect(p).not.toMatch(/Sort Key: \(CASE/);
      expect(p).not.toMatch(/Seq Scan on projects|Hash Join/);
    };
    const region = await plan({ regionCode: '4401' });
    expect(region).toMatch(/Index Only Scan using "IDX_alerts_queue_region"/);
    inOrder(region);
    const unfiltered = await plan({});
    expect(unfiltered).toMatch(/Index Only Scan using "IDX_alerts_queue_rank"/);
    expect(unfiltered).not.toMatch(/IDX_alerts_queue_region/);
    inOrder(unfiltered);
    // A severity page seeks to its severity (its rank is an index condition) instead of filtering the others out.
    const yellow = await plan({ severity: ['yellow'] });
    expect(yellow).toMatch(/Index Cond: \(\(status = [^\n]*\(CASE severity/);
    inOrder(yellow);
  });

  it('runs a deep page after a boundary on its generic plan (queryPrepared genericPlan), with the same answer', async () => {
    const queries = t.app.get(AlertQueryService);
    const auditor = { kind: 'user' as const, id: '00000000-0000-0000-0000-000000000000', name: 'a', role: Role.Auditor, unitCode: null, bureauCode: null, canUnmask: false };
    const dto = Object.assign(new AlertListQueryDto(), { status: ['open'], page: 1, pageSize: 50 });
    const [census] = (await ds.query(...queries.censusStatement(dto, auditor))) as Array<{ boundaries: string }>;
    const boundaries = (JSON.parse(census.boundaries) as unknown[]).map((b) => JSON.stringify(b));
    // Pages of every depth, as list() reads them while the census is fresh: one text, other values.
    const statements = [40, 57, 133, 290, 401].map((page) => {
      const b = nearestBoundary((page - 1) * 50, boundaries)!;
      return queries.listStatement(Object.assign(new AlertListQueryDto(), { ...dto, page }), auditor, { count: false, from: { key: keyOfJson(b.key), skip: b.skip } });
    });
    const [text] = statements[0];
    expect(new Set(statements.map(([s]) => s)).size).toBe(1);
    const pool = (ds.driver as unknown as { master: Pool }).master;
    // One connection in the pool, so every statement below runs on it.
    const spare = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
    spare.slice(1).forEach((c) => c.release(true));
    spare[0].release();
    const plans = async (): Promise<{ generic: number; custom: number; mode: string }> => {
      const [row] = (await pool.query(`SELECT generic_plans::int AS generic, custom_plans::int AS custom, current_setting('plan_cache_mode') AS mode FROM pg_prepared_statements WHERE name = $1`, [statementName(text)])).rows as Array<{ generic: number; custom: number; mode: string }>;
      return row;
    };
    const expected = await Promise.all(statements.map(async ([s, values]) => JSON.stringify(await ds.query(s, values))));
    const before = (await plans()) ?? { generic: 0, custom: 0 };
    for (let i = 0; i < 10; i++) expect(JSON.stringify(await queryPrepared(ds, ...statements[i % statements.length], { genericPlan: true }))).toBe(expected[i % statements.length]);
    // Every execution on the generic plan (auto makes the first five custom, and may keep
    // planning: it did on the benchmark's 100k), the same answers, the connection back at auto.
    const after = await plans();
    expect({ generic: after.generic - before.generic, custom: after.custom - before.custom, mode: after.mode }).toEqual({ generic: 10, custom: 0, mode: 'auto' });
  });

  it('counts writes on every route that may write, and runs no interceptor on the reads (LocalWritesRoutes)', () => {
    const counted = (handler: object): boolean => ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? []).some((i) => (i as object).constructor?.name === 'LocalWritesInterceptor');
    const handlers = listRoutes(t.app).map((r) => ({ method: r.method, handler: r.handler }));
    const writes = handlers.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.filter((r) => !counted(r.handler)).map((r) => r.method)).toEqual([]);
    expect(handlers.filter((r) => r.method === 'GET' && Reflect.getMetadata(INTERCEPTORS_METADATA, r.handler) !== undefined)).toEqual([]);
  });

  it('runs a generic-plan statement whose values fail on one connection and leaves it at auto', async () => {
    const pool = (ds.driver as unknown as { master: Pool }).master;
    const spare = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
    spare.slice(1).forEach((c) => c.release(true));
    spare[0].release();
    const text = 'SELECT $1::int + 1 AS n, current_setting($2) AS mode';
    // The first run prepares it (SET, execute, RESET); the next ones are one SET LOCAL + EXECUTE each.
    for (const v of [1, 2]) expect(await queryPrepared(ds, text, [v, 'plan_cache_mode'], { genericPlan: true })).toEqual([{ n: v + 1, mode: 'force_generic_plan' }]);
    await expect(queryPrepared(ds, text, ['x', 'plan_cache_mode'], { genericPlan: true })).rejects.toThrow(/invalid input syntax for type integer/);
    expect(await queryPrepared(ds, text, ["2'", 'plan_cache_mode'], { genericPlan: true }).catch((e: Error) => e.message)).toMatch(/invalid input syntax/);
    expect(((await pool.query(`SELECT current_setting('plan_cache_mode') AS mode`)).rows as unknown[])).toEqual([{ mode: 'auto' }]);
    expect(((await pool.query('SELECT generic_plans::int AS g, custom_plans::int AS c FROM pg_prepared_statements WHERE name = $1', [statementName(text)])).rows as unknown[])).toEqual([{ g: 2, c: 0 }]);
    expect(await queryPrepared(ds, text, [3, 'plan_cache_mode'])).toEqual([{ n: 4, mode: 'auto' }]);
  });

  it('reads a deep page exactly right after a write through this process', async () => {
    const admin = (await loginAs(t, { role: Role.Admin })).headers;
    const before = await expected();
    expect((await get('/alerts?status=open&pageSize=50&page=300', admin)).items.map((i) => i.id)).toEqual(pageOf(before, 300));
    // The 10th alert of the queue leaves status=open: every later alert moves up by one.
    const act = await fetch(`${t.baseUrl}/api/v1/alerts/${before[9]}/actions`, {
      method: 'POST',
      headers: { ...admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'acknowledge' }),
    });
    expect(act.status).toBe(200);
    const after = await expected();
    expect(after).toHaveLength(before.length - 1);
    const page = await get('/alerts?status=open&pageSize=50&page=300', admin);
    expect(page.items.map((i) => i.id)).toEqual(pageOf(after, 300));
    expect(page.total).toBe(after.length);
  });
});
