import { RuleFinding } from '@wage/rules';
import { crew, idNumber } from './support/fixtures';
import { openRulesDb, RulesDb } from './support/rules-db';

/** D = 2026-11-03 → P = 2026-10, P−1 = 2026-09. Each test uses projects of its own. */
const D = '2026-11-03';
const P = '2026-10-01';
const P1 = '2026-09-01';

const only = (fs: RuleFinding[]): RuleFinding => {
  expect(fs).toHaveLength(1);
  return fs[0];
};

describe('period rules (real PostgreSQL)', () => {
  let db: RulesDb;
  beforeAll(async () => {
    db = await openRulesDb();
  });
  afterAll(async () => {
    await db.close();
  });

  describe('PAY_RATIO_LOW', () => {
    it('is red below 0.50, orange below 0.80, silent at exactly 0.80, and counts only paid_on ≤ D', async () => {
      const cases: Array<[string, number, string | null]> = [
        ['PR-RED', 400, P.slice(0, 8) + '30'],
        ['PR-HALF', 500, '2026-11-01'],
        ['PR-ORANGE', 790, '2026-11-02'],
        ['PR-EXACT', 800, '2026-11-02'],
        ['PR-LATE', 1000, '2026-11-04'],
        ['PR-ON-D', 1000, D],
      ];
      for (const [code, paid, paidOn] of cases) {
        await db.fx.project({ code });
        await crew(db.fx, { project: code, period: P, count: 1, payable: 1000, paid, paidOn });
      }
      await db.fx.project({ code: 'PR-ZERO' });
      await crew(db.fx, { project: 'PR-ZERO', period: P, count: 1, payable: 0, paid: 0 });
      const found = await db.run('PAY_RATIO_LOW', [...cases.map((c) => c[0]), 'PR-ZERO'], D);
      const by = new Map(found.map((f) => [f.projectCode, f]));
      expect([...by.keys()].sort()).toEqual(['PR-HALF', 'PR-LATE', 'PR-ORANGE', 'PR-RED']);
      expect(by.get('PR-RED')).toMatchObject({ severity: 'red', period: P, joint: false, shortfallFen: 60000, ruleVersion: 1, profileCode: '4201' });
      expect(by.get('PR-RED')?.evidence).toMatchObject({ period: '2026-10', payableYuan: '1000.00', paidYuan: '400.00', ratio: '0.4000', shortfallYuan: '600.00', threshold: 0.8 });
      expect((by.get('PR-RED')?.evidence.workers as unknown[])[0]).toMatchObject({ owedYuan: '600.00', idMasked: expect.stringMatching(/^420106\*+\d{3}X$/) });
      expect(by.get('PR-HALF')?.severity).toBe('orange');
      expect(by.get('PR-ORANGE')?.severity).toBe('orange');
      expect(by.get('PR-LATE')).toMatchObject({ severity: 'red', shortfallFen: 100000 });
      expect(by.get('PR-RED')?.thresholds).toEqual({ payRatioThreshold: 0.8, payRatioRedBelow: 0.5 });
    });
  });

  describe('PAYROLL_MISSING', () => {
    it('is red and joint when attending workers have no payroll at all', async () => {
      await db.fx.project({ code: 'PM-1' });
      await crew(db.fx, { project: 'PM-1', period: P, count: 3, payable: null });
      await db.fx.project({ code: 'PM-ZERO-DAYS' });
      await crew(db.fx, { project: 'PM-ZERO-DAYS', period: P, count: 2, days: 0, payable: null });
      await db.fx.project({ code: 'PM-HAS' });
      await crew(db.fx, { project: 'PM-HAS', period: P, count: 2, payable: 3000, paid: 0, paidOn: null });
      const f = only(await db.run('PAYROLL_MISSING', ['PM-1', 'PM-ZERO-DAYS', 'PM-HAS'], D));
      expect(f).toMatchObject({ projectCode: 'PM-1', severity: 'red', joint: true });
      expect(f.evidence).toMatchObject({ period: '2026-10', attendingWorkers: 3, daysWorked: 66 });
      expect(f.evidence.workers).toHaveLength(3);
    });
  });

  describe('UNPAID_WORKERS', () => {
    it('is yellow at a 10 % share, red above, and is suppressed by PAYROLL_MISSING', async () => {
      await db.fx.project({ code: 'UW-YELLOW' });
      await crew(db.fx, { project: 'UW-YELLOW', period: P, count: 9 });
      await crew(db.fx, { project: 'UW-YELLOW', period: P, count: 1, payable: 3000, paid: 3000, paidOn: '2026-11-05' });
      await db.fx.project({ code: 'UW-RED' });
      await crew(db.fx, { project: 'UW-RED', period: P, count: 8 });
      await crew(db.fx, { project: 'UW-RED', period: P, count: 1, payable: 2500, paid: 0, paidOn: null });
      await crew(db.fx, { project: 'UW-RED', period: P, count: 1, payable: null });
      await db.fx.project({ code: 'UW-NO-PAYROLL' });
      await crew(db.fx, { project: 'UW-NO-PAYROLL', period: P, count: 2, payable: null });
      const found = await db.run('UNPAID_WORKERS', ['UW-YELLOW', 'UW-RED', 'UW-NO-PAYROLL'], D);
      const by = new Map(found.map((f) => [f.projectCode, f]));
      expect([...by.keys()].sort()).toEqual(['UW-RED', 'UW-YELLOW']);
      expect(by.get('UW-YELLOW')).toMatchObject({ severity: 'yellow', shortfallFen: 300000 });
      expect(by.get('UW-RED')).toMatchObject({ severity: 'red', shortfallFen: 250000 });
      expect(by.get('UW-RED')?.evidence).toMatchObject({ attendingWorkers: 10, unpaidWorkers: 2, unpaidShare: '0.2000', unpaidPayableYuan: '2500.00' });
    });
  });

  describe('BELOW_MIN_WAGE', () => {
    it('is red at ≥ 10 % of full-month workers, orange below; ignores short months; skips without a minimum wage', async () => {
      // 420106 → Wuhan profile (4201): 2,400 yuan.
      await db.fx.project({ code: 'MW-RED' });
      await crew(db.fx, { project: 'MW-RED', period: P, count: 9, payable: 3000 });
      await crew(db.fx, { project: 'MW-RED', period: P, count: 1, payable: '2399.99' });
      await db.fx.project({ code: 'MW-ORANGE' });
      await crew(db.fx, { project: 'MW-ORANGE', period: P, count: 19, payable: 3000 });
      await crew(db.fx, { project: 'MW-ORANGE', period: P, count: 1, payable: 2000 });
      await db.fx.project({ code: 'MW-EIGHT-DAYS' });
      await crew(db.fx, { project: 'MW-EIGHT-DAYS', period: P, count: 1, days: 8, payable: 800 });
      await crew(db.fx, { project: 'MW-EIGHT-DAYS', period: P, count: 1, days: 20, payable: 2400 });
      await db.fx.project({ code: 'MW-NATIONAL', region: '650102' });
      await crew(db.fx, { project: 'MW-NATIONAL', period: P, count: 1, payable: 100 });
      const r = await db.evaluate({ asOf: D, period: P, projectCodes: ['MW-RED', 'MW-ORANGE', 'MW-EIGHT-DAYS', 'MW-NATIONAL'], rules: ['BELOW_MIN_WAGE'] });
      const by = new Map(r.findings.map((f) => [f.projectCode, f]));
      expect([...by.keys()].sort()).toEqual(['MW-ORANGE', 'MW-RED']);
      expect(by.get('MW-RED')).toMatchObject({ severity: 'red', shortfallFen: 1 });
      expect(by.get('MW-RED')?.evidence).toMatchObject({ minimumMonthlyWageYuan: '2400.00', fullMonthWorkers: 10, belowWorkers: 1 });
      expect(by.get('MW-ORANGE')).toMatchObject({ severity: 'orange', shortfallFen: 40000 });
      expect(r.skipped).toEqual([{ rule: 'BELOW_MIN_WAGE', projectCode: 'MW-NATIONAL', reason: expect.stringContaining('minimum wage') }]);
    });

    it('leaves full-month workers without a payroll row out of both counts (they cannot turn red into orange)', async () => {
      // 1 of 10 workers with a payroll row is below: 10 % → red. 5 more attend without a
      // payroll row (UNPAID_WORKERS / PAYROLL_MISSING cover them); counting them would give 1/15 → orange.
      await db.fx.project({ code: 'MW-NO-ROW' });
      await crew(db.fx, { project: 'MW-NO-ROW', period: P, count: 9, payable: 3000 });
      await crew(db.fx, { project: 'MW-NO-ROW', period: P, count: 1, payable: 2000 });
      await crew(db.fx, { project: 'MW-NO-ROW', period: P, count: 5, payable: null });
      // Only workers without a payroll row: nothing to compare with the minimum wage.
      await db.fx.project({ code: 'MW-ONLY-MISSING' });
      await crew(db.fx, { project: 'MW-ONLY-MISSING', period: P, count: 3, payable: null });
      const f = only(await db.run('BELOW_MIN_WAGE', ['MW-NO-ROW', 'MW-ONLY-MISSING'], D));
      expect(f).toMatchObject({ projectCode: 'MW-NO-ROW', severity: 'red', shortfallFen: 40000 });
      expect(f.evidence).toMatchObject({ fullMonthWorkers: 10, belowWorkers: 1, belowShare: '0.1000' });
    });
  });

  describe('CONSECUTIVE_ARREARS', () => {
    it('is red and joint when P and P−1 are both in arrears (low ratio or missing payroll)', async () => {
      await db.fx.project({ code: 'CA-YES' });
      await crew(db.fx, { project: 'CA-YES', period: P, count: 1, payable: 1000, paid: 100 });
      await crew(db.fx, { project: 'CA-YES', period: P1, count: 1, payable: null });
      await db.fx.project({ code: 'CA-ONLY-P' });
      await crew(db.fx, { project: 'CA-ONLY-P', period: P, count: 1, payable: 1000, paid: 100 });
      await db.fx.project({ code: 'CA-LATE-PAID' });
      await crew(db.fx, { project: 'CA-LATE-PAID', period: P, count: 1, payable: 1000, paid: 0, paidOn: null });
      await crew(db.fx, { project: 'CA-LATE-PAID', period: P1, count: 1, payable: 1000, paid: 1000, paidOn: '2026-11-02' });
      const f = only(await db.run('CONSECUTIVE_ARREARS', ['CA-YES', 'CA-ONLY-P', 'CA-LATE-PAID'], D));
      expect(f).toMatchObject({ projectCode: 'CA-YES', severity: 'red', joint: true, period: P });
      expect(f.evidence.periods).toEqual([
        expect.objectContaining({ period: '2026-09', reason: 'PAYROLL_MISSING', attendingWorkers: 1 }),
        expect.objectContaining({ period: '2026-10', reason: 'PAY_RATIO_LOW', ratio: '0.1000', paidYuan: '100.00' }),
      ]);
    });
  });

  describe('PAID_OUTSIDE_ACCOUNT', () => {
    it('is orange above 50 % of paid, yellow otherwise', async () => {
      await db.fx.project({ code: 'PO-ORANGE' });
      const [a, b] = [idNumber(1), idNumber(2)];
      for (const id of [a, b]) await db.fx.worker({ project: 'PO-ORANGE', id });
      await db.fx.payroll({ project: 'PO-ORANGE', id: a, period: P, payable: 1000, paid: 1000 });
      await db.fx.payroll({ project: 'PO-ORANGE', id: b, period: P, payable: 2000, paid: 2000, paidVia: 'cash' });
      await db.fx.project({ code: 'PO-HALF' });
      for (const id of [a, b]) await db.fx.worker({ project: 'PO-HALF', id });
      await db.fx.payroll({ project: 'PO-HALF', id: a, period: P, payable: 1000, paid: 1000 });
      await db.fx.payroll({ project: 'PO-HALF', id: b, period: P, payable: 1000, paid: 1000, paidVia: 'other_account' });
      await db.fx.project({ code: 'PO-NONE' });
      await crew(db.fx, { project: 'PO-NONE', period: P, count: 2 });
      const by = new Map((await db.run('PAID_OUTSIDE_ACCOUNT', ['PO-ORANGE', 'PO-HALF', 'PO-NONE'], D)).map((f) => [f.projectCode, f]));
      expect([...by.keys()].sort()).toEqual(['PO-HALF', 'PO-ORANGE']);
      expect(by.get('PO-ORANGE')?.severity).toBe('orange');
      expect(by.get('PO-ORANGE')?.evidence).toMatchObject({ paidYuan: '3000.00', paidOutsideYuan: '2000.00', cashYuan: '2000.00', outsideShare: '0.6667' });
      expect(by.get('PO-HALF')?.severity).toBe('yellow');
    });
  });

  describe('ABNORMAL_PAYMENT', () => {
    it('flags > 50,000 in P or > 300,000 over 12 periods, not exactly 50,000', async () => {
      await db.fx.project({ code: 'AP-MONTH' });
      await crew(db.fx, { project: 'AP-MONTH', period: P, count: 1, payable: '50000.01', paid: '50000.01' });
      await db.fx.project({ code: 'AP-EXACT' });
      await crew(db.fx, { project: 'AP-EXACT', period: P, count: 1, payable: 50000, paid: 50000 });
      await db.fx.project({ code: 'AP-YEAR' });
      const id = idNumber(77);
      await db.fx.worker({ project: 'AP-YEAR', id });
      // 11 months 2025-11 … 2026-09 of 30,000 = 330,000 within the 12 periods ending with P.
      for (let m = 0; m < 11; m++) {
        const period = `${m < 2 ? 2025 : 2026}-${String(((m + 10) % 12) + 1).padStart(2, '0')}-01`;
        await db.fx.payroll({ project: 'AP-YEAR', id, period, payable: 30000, paid: 30000 });
      }
      const by = new Map((await db.run('ABNORMAL_PAYMENT', ['AP-MONTH', 'AP-EXACT', 'AP-YEAR'], D)).map((f) => [f.projectCode, f]));
      expect([...by.keys()].sort()).toEqual(['AP-MONTH', 'AP-YEAR']);
      expect(by.get('AP-MONTH')).toMatchObject({ severity: 'orange', joint: false });
      expect((by.get('AP-YEAR')?.evidence.workers as unknown[])[0]).toMatchObject({ paid12MonthsYuan: '330000.00', paidInPeriodYuan: '0.00' });
    });
  });

  describe('UNREGISTERED_WORKERS', () => {
    it('flags attendance/payroll rows of ids not enrolled in P', async () => {
      await db.fx.project({ code: 'UR-1' });
      await db.fx.attendance({ project: 'UR-1', id: idNumber(901), period: P, days: 5 });
      await db.fx.worker({ project: 'UR-1', id: idNumber(902), exitedOn: '2026-09-30' });
      await db.fx.payroll({ project: 'UR-1', id: idNumber(902), period: P, payable: 100 });
      await db.fx.project({ code: 'UR-OK' });
      await crew(db.fx, { project: 'UR-OK', period: P, count: 1, enteredOn: '2026-10-31' });
      const f = only(await db.run('UNREGISTERED_WORKERS', ['UR-1', 'UR-OK'], D));
      expect(f).toMatchObject({ projectCode: 'UR-1', severity: 'orange' });
      expect(f.evidence).toMatchObject({ unregisteredWorkers: 2, inAttendance: 1, inPayroll: 1, registeredOutsidePeriod: 1 });
    });
  });

  describe('EXIT_UNSETTLED', () => {
    it('is red for a worker exiting in P with payable > paid over all periods', async () => {
      for (const code of ['EX-OWED', 'EX-SETTLED', 'EX-EARLIER']) await db.fx.project({ code });
      const id = idNumber(500);
      await db.fx.worker({ project: 'EX-OWED', id, name: '李四', exitedOn: '2026-10-15' });
      await db.fx.payroll({ project: 'EX-OWED', id, period: P1, payable: 3000, paid: 3000 });
      await db.fx.payroll({ project: 'EX-OWED', id, period: P, payable: 1500, paid: 1000, paidOn: '2026-10-20' });
      await db.fx.worker({ project: 'EX-SETTLED', id, exitedOn: '2026-10-15' });
      await db.fx.payroll({ project: 'EX-SETTLED', id, period: P, payable: 1500, paid: 1500, paidOn: D });
      await db.fx.worker({ project: 'EX-EARLIER', id, exitedOn: '2026-09-30' });
      await db.fx.payroll({ project: 'EX-EARLIER', id, period: P1, payable: 1500, paid: 0, paidOn: null });
      const f = only(await db.run('EXIT_UNSETTLED', ['EX-OWED', 'EX-SETTLED', 'EX-EARLIER'], D));
      expect(f).toMatchObject({ projectCode: 'EX-OWED', severity: 'red', shortfallFen: 50000 });
      expect(f.evidence.workers).toEqual([expect.objectContaining({ name: '李四', exitedOn: '2026-10-15', owedYuan: '500.00', payableYuan: '4500.00' })]);
    });
  });

  describe('LABOR_COST_LAPSE', () => {
    it('is red with no allocation in P nor P−1, orange with one in P−1 only, silent otherwise', async () => {
      await db.fx.project({ code: 'LL-RED' });
      await db.fx.project({ code: 'LL-ORANGE' });
      await db.fx.allocation({ project: 'LL-ORANGE', paidOn: '2026-09-30', amount: 10000 });
      await db.fx.project({ code: 'LL-OK' });
      await db.fx.allocation({ project: 'LL-OK', paidOn: '2026-10-31', amount: 10000 });
      await db.fx.project({ code: 'LL-NEW', startedOn: P });
      const by = new Map((await db.run('LABOR_COST_LAPSE', ['LL-RED', 'LL-ORANGE', 'LL-OK', 'LL-NEW'], D)).map((f) => [f.projectCode, f]));
      expect([...by.keys()].sort()).toEqual(['LL-ORANGE', 'LL-RED']);
      expect(by.get('LL-RED')).toMatchObject({ severity: 'red', joint: true });
      expect(by.get('LL-RED')?.evidence).toMatchObject({ startedOn: '2025-02-01', startedOnSource: 'started_on' });
      expect(by.get('LL-ORANGE')?.evidence).toMatchObject({ allocatedPreviousPeriod: true, lastAllocationOn: '2026-09-30', lastAllocationYuan: '10000.00' });
      expect(by.get('LL-ORANGE')?.severity).toBe('orange');
    });

    it('takes the contract date when started_on is blank instead of skipping the project', async () => {
      await db.fx.project({ code: 'LL-NO-START', startedOn: null, signedOn: '2025-01-10' });
      await db.fx.project({ code: 'LL-NO-START-NEW', startedOn: null, signedOn: '2026-10-05' });
      await db.fx.project({ code: 'LL-NO-START-PAID', startedOn: null, signedOn: '2025-01-10' });
      await db.fx.allocation({ project: 'LL-NO-START-PAID', paidOn: '2026-10-15', amount: 10000 });
      const f = only(await db.run('LABOR_COST_LAPSE', ['LL-NO-START', 'LL-NO-START-NEW', 'LL-NO-START-PAID'], D));
      expect(f).toMatchObject({ projectCode: 'LL-NO-START', severity: 'red' });
      expect(f.evidence).toMatchObject({ startedOn: '2025-01-10', startedOnSource: 'contract_signed_on' });
    });
  });

  it('re-evaluates an old period with only period rules', async () => {
    await db.fx.project({ code: 'OLD-1' });
    await crew(db.fx, { project: 'OLD-1', period: P1, count: 1, payable: 1000, paid: 0, paidOn: null });
    const r = await db.evaluate({ asOf: D, period: P1, projectCodes: ['OLD-1'], rules: ['PAY_RATIO_LOW', 'UNPAID_WORKERS'] });
    expect(r.findings.map((f) => [f.rule, f.period, f.severity])).toEqual([
      ['PAY_RATIO_LOW', P1, 'red'],
      ['UNPAID_WORKERS', P1, 'red'],
    ]);
  });
});
