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
    // The history's row of P: one payment by D, a larger one after D, one never paid; an
    // earlier period; and a project attending in P without a payroll row in P.
    await db.fx.project({ code: 'MS-HIST' });
    await crew(db.fx, { project: 'MS-HIST', period: P, count: 1, payable: 1000, paid: 1000, paidOn: '2026-10-30' });
    await crew(db.fx, { project: 'MS-HIST', period: P, count: 1, payable: 2000, paid: 2000, paidOn: '2026-11-20' });
    await crew(db.fx, { project: 'MS-HIST', period: P, count: 1, payable: 500, paid: 0, paidOn: null });
    await crew(db.fx, { project: 'MS-HIST', period: P1, count: 1, payable: 700, paid: 700, paidOn: '2026-09-28' });
    await db.fx.project({ code: 'MS-ATT' });
    await crew(db.fx, { project: 'MS-ATT', period: P, count: 1, payable: null });
    await crew(db.fx, { project: 'MS-ATT', period: P1, count: 1, payable: 900, paid: 900, paidOn: '2026-09-29' });
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

  it('runs in sessions whose local buffers hold a shard\'s temporary tables (temp_buffers, set per connection)', async () => {
    const [row]: Array<{ temp_buffers: string }> = await db.ds.query(`SHOW temp_buffers`);
    expect(row.temp_buffers).toBe('64MB');
  });

  it('gives the payroll history the same row of P from the summary as from payroll', async () => {
    const codes = ['MS-HIST', 'MS-ATT', 'MS-OCT', 'MS-SEP'];
    const runner = db.ds.createQueryRunner();
    await runner.connect();
    const history = (): Promise<unknown[]> =>
      runner.query(`SELECT project_code, to_char(period, 'YYYY-MM-DD') AS period, payable_fen::text AS payable, max_paid_fen::text AS max_paid,
                           first_paid_on::text AS first_paid, last_paid_on::text AS last_paid
                      FROM pg_temp.rule_payroll_history ORDER BY project_code, period`);
    try {
      await runner.startTransaction();
      // No rule reading the summary: the history is read from payroll alone.
      const fromPayroll = await db.engine.evaluate(runner.manager, { asOf: D, period: P, projectCodes: codes, rules: ['LABOR_COST_SHORT', 'ABNORMAL_PAYMENT'] });
      const payrollRows = await history();
      // PAY_RATIO_LOW builds the summary first: P's row then comes from its roll-up.
      const fromSummary = await db.engine.evaluate(runner.manager, {
        asOf: D, period: P, projectCodes: codes, rules: ['PAY_RATIO_LOW', 'LABOR_COST_SHORT', 'ABNORMAL_PAYMENT'],
      });
      const summaryRows = await history();
      await runner.rollbackTransaction();
      expect(summaryRows).toEqual(payrollRows);
      expect(payrollRows).toContainEqual({ project_code: 'MS-HIST', period: P, payable: '350000', max_paid: '100000', first_paid: '2026-10-30', last_paid: '2026-11-20' });
      expect(payrollRows.filter((r) => (r as { project_code: string }).project_code === 'MS-ATT').map((r) => (r as { period: string }).period)).toEqual([P1]);
      const labour = fromPayroll.findings.filter((f) => f.rule === 'LABOR_COST_SHORT');
      expect(labour.map((f) => f.projectCode)).toEqual(['MS-ATT', 'MS-HIST', 'MS-OCT', 'MS-SEP']);
      expect(fromSummary.findings.filter((f) => f.rule !== 'PAY_RATIO_LOW')).toEqual(fromPayroll.findings);
    } finally {
      await runner.release();
    }
  });
});
