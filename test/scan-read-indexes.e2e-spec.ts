import { historyFromPayroll } from '../libs/rules/src/engine/payroll-history';
import { crew } from './support/fixtures';
import { openRulesDb, RulesDb } from './support/rules-db';

const D = '2026-11-03';

const P = '2026-10-01';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/**
 * The indexes a scan shard's reads rely on (docs/decisions/scan-read-indexes.md):
 * PAYROLL_UNVERIFIED finds P's transfers that name their month through
 * IDX_bank_transfers_period, partial on period IS NOT NULL; the payroll history reads
 * only columns of IDX_payroll_period_paid (an index-only scan).
 */
describe('scan read indexes (real PostgreSQL)', () => {
  let db: RulesDb;
  beforeAll(async () => {
    db = await openRulesDb();
    await db.fx.project({ code: 'IX-A' });
    for (const period of ['2026-07-01', '2026-08-01', '2026-09-01', P]) {
      await crew(db.fx, { project: 'IX-A', period, count: 3, payable: 1000, paid: 900, paidOn: '2026-10-30' });
    }
    // An index-only scan needs the visibility map, which VACUUM sets (autovacuum in production).
    await db.ds.query(`VACUUM (ANALYZE) payroll`);
  });
  afterAll(async () => {
    await db.close();
  });

  it('has the bank_transfers index the scan reads P through, as the migration wrote it', async () => {
    const rows: Array<{ indexdef: string }> = await db.ds.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'bank_transfers' AND indexname = 'IDX_bank_transfers_period'`);
    expect(rows.map((r) => r.indexdef.replace(/^.* USING /, ''))).toEqual(['btree (period, project_code) WHERE (period IS NOT NULL)']);
  });

  it('reads the named transfers of P for a list of projects through it', async () => {
    const runner = db.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // An empty table would be read by a sequential scan: ask for index paths only.
      await runner.query(`SET LOCAL enable_seqscan = off`);
      const [{ 'QUERY PLAN': [plan] }]: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> = await runner.query(
        `EXPLAIN (FORMAT JSON) SELECT b.amount_fen FROM bank_transfers b WHERE b.project_code = ANY($1::text[]) AND b.period = $2::date`,
        [['IX-A', 'IX-B'], P],
      );
      expect(nodes(plan.Plan).map((n) => n['Index Name']).filter(Boolean)).toEqual(['IDX_bank_transfers_period']);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });

  it('reads the payroll history from the covering index alone', async () => {
    const runner = db.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // A handful of rows would be read by a sequential scan: ask for index paths only, so
      // the plan shows whether the index alone can answer.
      await runner.query(`SET LOCAL enable_seqscan = off`);
      await runner.query(`SET LOCAL enable_bitmapscan = off`);
      const [{ 'QUERY PLAN': [plan] }]: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> = await runner.query(
        `EXPLAIN (FORMAT JSON) ${historyFromPayroll('period < $2::date')}`,
        [['IX-A'], P, D, 'IX-A', 'IX-A'],
      );
      const reads = nodes(plan.Plan).filter((n) => n['Index Name'] !== undefined);
      expect(reads.map((n) => [n['Node Type'], n['Index Name']])).toContainEqual(['Index Only Scan', 'IDX_payroll_period_paid']);
      expect(reads.filter((n) => n['Node Type'] === 'Index Scan')).toEqual([]);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});
