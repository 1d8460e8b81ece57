import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPeriodSummary } from '../libs/rules/src/engine/period-summary';
import { buildScopeWorkers } from '../libs/rules/src/engine/scope-workers';
import { openRulesDb, RulesDb } from './support/rules-db';

const P = '2026-10-01';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/** A rule's statement as its snapshot (libs/rules/sql) holds it, without a gate's statement before it. */
const ruleStatement = (rule: string): string => {
  const file = readFileSync(join(__dirname, '..', 'libs', 'rules', 'sql', `${rule}.sql`), 'utf8');
  return file.slice(file.lastIndexOf('WITH scope AS'));
};

/**
 * The indexes a scan shard's reads rely on (docs/decisions/scan-read-indexes.md):
 * PAYROLL_UNVERIFIED finds P's transfers that name their month through
 * IDX_bank_transfers_period, partial on period IS NOT NULL; attendance has one index, its
 * primary key (project_code, period, id_hash), and every read of it names projects and a
 * period (docs/decisions/attendance-one-index.md).
 */
describe('scan read indexes (real PostgreSQL)', () => {
  let db: RulesDb;
  beforeAll(async () => {
    db = await openRulesDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('has the bank_transfers index the scan reads P through, as the migration wrote it', async () => {
    const rows: Array<{ indexdef: string }> = await db.ds.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'bank_transfers' AND indexname = 'IDX_bank_transfers_period'`);
    expect(rows.map((r) => r.indexdef.replace(/^.* USING /, ''))).toEqual(['btree (period, project_code) WHERE (period IS NOT NULL)']);
  });

  /** The indexes a plan reads, index paths only (an empty table would be read by a sequential scan). */
  async function indexesRead(sql: string, params: unknown[], before: string[] = []): Promise<Array<{ name?: string; cond?: string; table?: string }>> {
    const runner = db.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL enable_seqscan = off`);
      await runner.query(`SET LOCAL enable_bitmapscan = off`);
      for (const statement of before) await runner.query(statement);
      const [{ 'QUERY PLAN': [plan] }]: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> = await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      await runner.rollbackTransaction();
      return nodes(plan.Plan)
        .filter((n) => n['Index Name'])
        .map((n) => ({ name: n['Index Name'], cond: n['Index Cond'], table: n['Relation Name'] }));
    } finally {
      await runner.release();
    }
  }

  it('reads the named transfers of P for a list of projects through it', async () => {
    const read = await indexesRead(`SELECT b.amount_fen FROM bank_transfers b WHERE b.project_code = ANY($1::text[]) AND b.period = $2::date`, [['IX-A', 'IX-B'], P]);
    expect(read.map((r) => r.name)).toEqual(['IDX_bank_transfers_period']);
  });

  it('keeps one index on attendance: the primary key (project_code, period, id_hash)', async () => {
    const rows: Array<{ indexname: string; indexdef: string }> = await db.ds.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'attendance'`);
    expect(rows.map((r) => r.indexdef.replace(/^.* USING /, ''))).toEqual(['btree (project_code, period, id_hash)']);
    const [{ conname }]: Array<{ conname: string }> = await db.ds.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'attendance'::regclass AND contype = 'p'`);
    expect(rows[0].indexname).toBe(conname);
  });

  it("reads a shard's attendance of P with both the projects and P in the key's condition", async () => {
    // The month summary's read (libs/rules/src/engine/period-summary.ts) and the previous month's (CONSECUTIVE_ARREARS).
    const shard = await indexesRead(
      `SELECT days_worked FROM attendance WHERE period = $2::date AND project_code BETWEEN $3::text AND $4::text AND project_code = ANY($1::text[])`,
      [['IX-A', 'IX-B'], P, 'IX-A', 'IX-B'],
    );
    const previous = await indexesRead(`SELECT days_worked FROM attendance a WHERE a.period = $2::date AND a.project_code = ANY($1::text[]) AND a.days_worked > 0`, [['IX-A'], P]);
    for (const read of [shard, previous]) {
      expect(read).toHaveLength(1);
      expect(read[0].cond).toContain('project_code');
      expect(read[0].cond).toContain('period =');
    }
  });

  it("reads a shard's projects and wage accounts by its code range, not the whole tables", async () => {
    // With a key probe per scope row priced above a sequential scan, these rules hashed all
    // of projects or wage_accounts on every shard (docs/decisions/scan-rules-read-their-range.md).
    // A province-sized table, a shard of 400 contiguous codes: each read of either table
    // must be an index range between the scope's bounds (or a probe for one project already
    // read), whatever else the planner picks.
    const runner = db.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `INSERT INTO projects (project_code, name, region_code, industry, construction_unit_uscc, general_contractor_uscc,
                               contract_amount_fen, contract_signed_on, started_on, status)
         SELECT 'RNG' || lpad(i::text, 6, '0'), 'p' || i, '110101', 'housing', '91110000000000001X', '91110000000000002X',
                500000000, '2025-01-01', '2025-02-01', 'in_progress'
           FROM generate_series(1, 30000) i`,
      );
      await runner.query(
        `INSERT INTO wage_accounts (project_code, bank_name, account_number_enc, account_number_hash, account_number_masked, opened_on)
         SELECT 'RNG' || lpad(i::text, 6, '0'), 'bank', '\\x00', decode(md5(i::text), 'hex'), '6222****0000', '2025-02-01'
           FROM generate_series(1, 30000, 2) i`,
      );
      await runner.query(`ANALYZE projects, wage_accounts`);
      const codes = Array.from({ length: 400 }, (_, i) => `RNG${String(10001 + i).padStart(6, '0')}`);
      await buildScopeWorkers(runner.manager, codes);
      await buildPeriodSummary(runner.manager, codes, P, '2026-11-03', { lo: codes[0], hi: codes[codes.length - 1] });
      const rules = ['ACCOUNT_MISSING', 'ACCOUNT_NOT_FILED', 'DEPOSIT_MISSING', 'LABOR_COST_LAPSE', 'NOTICE_BOARD_MISSING', 'WATCHLISTED_PARTY', 'ACCOUNT_DIVERSION'];
      for (const rule of rules) {
        const [{ 'QUERY PLAN': [plan] }]: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> = await runner.query(
          `EXPLAIN (FORMAT JSON) ${ruleStatement(rule)}`,
          [codes, codes.map(() => 'national'), '{"national": {}}', '2026-11-03', P],
        );
        const reads = nodes(plan.Plan).filter((n) => n['Relation Name'] === 'projects' || n['Relation Name'] === 'wage_accounts');
        expect({ rule, reads: reads.length > 0 }).toEqual({ rule, reads: true });
        for (const n of reads) {
          expect({ rule, table: n['Relation Name'], node: n['Node Type'], cond: n['Index Cond'] }).toEqual({
            rule,
            table: n['Relation Name'],
            node: expect.stringMatching(/^Index (Only )?Scan$/),
            // The range, or a probe keyed on one project of a row already in range.
            cond: expect.stringMatching(/project_code(\)::text)? >= .*project_code(\)::text)? <= |^\(\(project_code(\)::text)? = \(\w+\.project_code\)/),
          });
        }
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it("reads ABNORMAL_PAYMENT's payroll rows per candidate project and worker, whatever the planner guesses", async () => {
    // Its candidates pass a limit only known while running; flattened, the planner hashed all of
    // payroll twice for a handful of them (docs/decisions/scan-rule-index-paths.md). Every read
    // of payroll must be an index scan keyed on the candidate's project (and worker).
    const sql = ruleStatement('ABNORMAL_PAYMENT');
    const history = `CREATE TEMP TABLE rule_payroll_history (project_code varchar(64), period date, payable_fen bigint, max_paid_fen bigint, first_paid_on date, last_paid_on date) ON COMMIT DROP`;
    const read = await indexesRead(sql, [['IX-A', 'IX-B'], ['national', 'national'], '{}', '2026-11-03', P], [history]);
    const payroll = read.filter((r) => r.table === 'payroll');
    expect(payroll.length).toBeGreaterThanOrEqual(2);
    for (const r of payroll) expect(r.cond).toMatch(/\(project_code\)::text = \(cp?\.project_code\)::text/);
  });
});
