import { crew } from './support/fixtures';
import { openRulesDb, RulesDb } from './support/rules-db';

const D = '2026-11-03';
const P = '2026-10-01';
const P1 = '2026-09-01';

/**
 * The month summary (pg_temp tables the period rules read, issue 17) is built per
 * evaluation: a second evaluation in the same transaction (a scan shard re-evaluating an
 * older period) reads its own period's rows, and nothing is left on the connection.
 */
describe('rule engine month summary (real PostgreSQL)', () => {
  let db: RulesDb;
  beforeAll(async () => {
    db = await openRulesDb();
    await db.fx.project({ code: 'MS-OCT' });
    await crew(db.fx, { project: 'MS-OCT', period: P, count: 2, payable: 1000, paid: 100, paidOn: '2026-10-30' });
    await crew(db.fx, { project: 'MS-OCT', period: P1, count: 2, payable: 1000, paid: 1000, paidOn: '2026-09-30' });
    await db.fx.project({ code: 'MS-SEP' });
    await crew(db.fx, { project: 'MS-SEP', period: P1, count: 1, payable: 1000, paid: 0, paidOn: null });
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives each evaluation of one transaction its own period, and drops the tables at commit', async () => {
    const runner = db.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const oct = await db.engine.evaluate(runner.manager, { asOf: D, period: P, projectCodes: ['MS-OCT', 'MS-SEP'], rules: ['PAY_RATIO_LOW', 'PAYROLL_MISSING'] });
      const sep = await db.engine.evaluate(runner.manager, { asOf: D, period: P1, projectCodes: ['MS-OCT', 'MS-SEP'], rules: ['PAY_RATIO_LOW'] });
      await runner.commitTransaction();
      expect(oct.findings.map((f) => [f.projectCode, f.rule, f.period, f.shortfallFen])).toEqual([['MS-OCT', 'PAY_RATIO_LOW', P, 180000]]);
      expect(sep.findings.map((f) => [f.projectCode, f.rule, f.period, f.shortfallFen])).toEqual([['MS-SEP', 'PAY_RATIO_LOW', P1, 100000]]);
      const left: Array<{ n: number }> = await runner.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'rule_period_%' AND relpersistence = 't'`);
      expect(left[0].n).toBe(0);
    } finally {
      await runner.release();
    }
  });
});
