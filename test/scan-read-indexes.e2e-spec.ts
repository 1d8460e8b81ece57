import { openRulesDb, RulesDb } from './support/rules-db';

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
 * IDX_bank_transfers_period, partial on period IS NOT NULL.
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
});
