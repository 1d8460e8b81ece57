import { DEFAULT_THRESHOLDS, RuleFinding } from '@wage/rules';
import { accountOf, OTHER_ACCOUNT, transfer, TransferFixture } from './support/bank-fixtures';
import { crew, idNumber } from './support/fixtures';
import { openRulesDb, RulesDb } from './support/rules-db';

/** D = 2026-11-03 → P = 2026-10; the bank-feed window is 2026-09-01 … D. */
const D = '2026-11-03';
const P = '2026-10-01';
const P1 = '2026-09-01';

/**
 * rules.md "Bank reconciliation rules", case by case, on real PostgreSQL. Each project
 * has one wage account (accountOf) and 3,000-yuan payroll rows paid on 2026-10-28
 * unless a case says otherwise.
 */
describe('bank reconciliation rules (real PostgreSQL)', () => {
  let db: RulesDb;
  let idSeq = 90_000;
  const nextId = (): string => idNumber(++idSeq);

  beforeAll(async () => {
    db = await openRulesDb();
  });
  afterAll(async () => {
    await db.close();
  });

  /** A project with its wage account and `count` workers paid 3,000 on 2026-10-28. */
  async function project(code: string, count = 1, pay: { payable?: number; paidOn?: string | null } = {}): Promise<string[]> {
    await db.fx.project({ code });
    await db.fx.wageAccount({ project: code, openedOn: '2025-01-20', filedOn: '2025-01-30', number: accountOf(code) });
    return crew(db.fx, { project: code, period: P, count, payable: pay.payable ?? 3000, paidOn: pay.paidOn === undefined ? '2026-10-28' : pay.paidOn });
  }
  const pay = (project: string, payee: string, amount: number | string, on: string, extra: Partial<TransferFixture> = {}): Promise<void> =>
    transfer(db.ds, { project, payee, amount, on, period: P, ...extra });
  const byProject = (fs: RuleFinding[]): Map<string, RuleFinding> => new Map(fs.map((f) => [f.projectCode, f]));

  describe('PAYROLL_UNVERIFIED: matching', () => {
    it('raises exactly for the cases the spec says do not match, at the specified severity', async () => {
      // exact: one transfer with the period, the paid amount
      const [exact] = await project('BK-EXACT');
      await pay('BK-EXACT', exact, 3000, '2026-10-28');
      // split payment: two transfers add up
      const [split] = await project('BK-SPLIT');
      await pay('BK-SPLIT', split, 1000, '2026-10-28');
      await pay('BK-SPLIT', split, 2000, '2026-10-29');
      // blank period 3 days after paid_on: matches; 4 days after: does not
      const [blankIn] = await project('BK-BLANK-IN');
      await pay('BK-BLANK-IN', blankIn, 3000, '2026-10-31', { period: null });
      const [blankOut] = await project('BK-BLANK-OUT');
      await pay('BK-BLANK-OUT', blankOut, 3000, '2026-11-01', { period: null });
      // blank period 3 days BEFORE paid_on still matches (calendar days either way)
      const [blankBefore] = await project('BK-BLANK-BEFORE');
      await pay('BK-BLANK-BEFORE', blankBefore, 3000, '2026-10-25', { period: null });
      // failed and returned transfers do not count
      const [failed] = await project('BK-FAILED');
      await pay('BK-FAILED', failed, 3000, '2026-10-28', { status: 'failed' });
      await pay('BK-FAILED', idNumber(1), 10, '2026-10-02', { period: P1 }); // keeps a feed: a succeeded row in the window
      const [returned] = await project('BK-RETURNED');
      await pay('BK-RETURNED', returned, 3000, '2026-10-28', { status: 'returned' });
      await pay('BK-RETURNED', idNumber(1), 10, '2026-10-02', { period: P1 });
      // from an account that is not the project's wage account: no match (but it is a feed)
      const [wrong] = await project('BK-WRONG-ACCOUNT');
      await pay('BK-WRONG-ACCOUNT', wrong, 3000, '2026-10-28', { account: OTHER_ACCOUNT });
      // a transfer after D does not count
      const [late] = await project('BK-AFTER-D');
      await pay('BK-AFTER-D', late, 3000, '2026-11-04');
      await pay('BK-AFTER-D', idNumber(1), 10, '2026-10-02', { period: P1 });
      // a transfer that names another period never falls back to matching by date
      const [other] = await project('BK-OTHER-PERIOD');
      await pay('BK-OTHER-PERIOD', other, 3000, '2026-10-28', { period: P1 });

      const codes = ['BK-EXACT', 'BK-SPLIT', 'BK-BLANK-IN', 'BK-BLANK-OUT', 'BK-BLANK-BEFORE', 'BK-FAILED', 'BK-RETURNED', 'BK-WRONG-ACCOUNT', 'BK-AFTER-D', 'BK-OTHER-PERIOD'];
      const by = byProject(await db.run('PAYROLL_UNVERIFIED', codes, D));
      expect([...by.keys()].sort()).toEqual(['BK-AFTER-D', 'BK-BLANK-OUT', 'BK-FAILED', 'BK-OTHER-PERIOD', 'BK-RETURNED', 'BK-WRONG-ACCOUNT']);
      for (const f of by.values()) {
        expect(f).toMatchObject({ severity: 'red', joint: false, period: P, shortfallFen: 300000 });
        expect(f.evidence).toMatchObject({ period: '2026-10', reportedPaidYuan: '3000.00', unverifiedYuan: '3000.00', unverifiedWorkers: 1 });
      }
      expect(by.get('BK-BLANK-OUT')?.thresholds).toEqual({ bankUnverifiedRedShare: 0.2, bankMatchWindowDays: 3 });
    });

    it('gives a blank-period transfer to the payee row with the closest paid_on, the earlier period on a tie', async () => {
      // Closest: September paid 09-28, October paid 10-01 (early); a transfer on 09-30 is 1 day from October.
      await db.fx.project({ code: 'BK-CLOSEST' });
      await db.fx.wageAccount({ project: 'BK-CLOSEST', openedOn: '2025-01-20', filedOn: '2025-01-30', number: accountOf('BK-CLOSEST') });
      const a = nextId();
      await db.fx.worker({ project: 'BK-CLOSEST', id: a });
      await db.fx.payroll({ project: 'BK-CLOSEST', id: a, period: P1, payable: 3000, paid: 3000, paidOn: '2026-09-28' });
      await db.fx.payroll({ project: 'BK-CLOSEST', id: a, period: P, payable: 3000, paid: 3000, paidOn: '2026-10-01' });
      await pay('BK-CLOSEST', a, 3000, '2026-09-30', { period: null });
      // Tie: September paid 09-28, October 10-02; a transfer on 09-30 is 2 days from both → September.
      await db.fx.project({ code: 'BK-TIE' });
      await db.fx.wageAccount({ project: 'BK-TIE', openedOn: '2025-01-20', filedOn: '2025-01-30', number: accountOf('BK-TIE') });
      const b = nextId();
      await db.fx.worker({ project: 'BK-TIE', id: b });
      await db.fx.payroll({ project: 'BK-TIE', id: b, period: P1, payable: 3000, paid: 3000, paidOn: '2026-09-28' });
      await db.fx.payroll({ project: 'BK-TIE', id: b, period: P, payable: 3000, paid: 3000, paidOn: '2026-10-02' });
      await pay('BK-TIE', b, 3000, '2026-09-30', { period: null });

      const oct = byProject(await db.run('PAYROLL_UNVERIFIED', ['BK-CLOSEST', 'BK-TIE'], D));
      expect([...oct.keys()]).toEqual(['BK-TIE']);
      // The same transfers seen from September: the tie went to September, the closest to October.
      const sep = byProject(await db.run('PAYROLL_UNVERIFIED', ['BK-CLOSEST', 'BK-TIE'], D, P1));
      expect([...sep.keys()]).toEqual(['BK-CLOSEST']);
    });

    it('is orange up to 20 % unverified (exactly 20 % included), red above; lists workers with reported and transferred', async () => {
      const fiveA = await project('BK-20PCT', 5, { payable: 1000 });
      for (const id of fiveA.slice(1)) await pay('BK-20PCT', id, 1000, '2026-10-28');
      const fiveB = await project('BK-CENT', 5, { payable: 1000 });
      for (const id of fiveB.slice(1)) await pay('BK-CENT', id, 1000, '2026-10-28');
      await pay('BK-CENT', fiveB[0], '0.01', '2026-10-28'); // not enough: still 999.99 unverified
      const fiveC = await project('BK-PARTS', 5, { payable: 1000 });
      for (const id of fiveC.slice(2)) await pay('BK-PARTS', id, 1000, '2026-10-28');
      await pay('BK-PARTS', fiveC[0], 999.99, '2026-10-28');
      await pay('BK-PARTS', fiveC[1], 500, '2026-10-28');
      const by = byProject(await db.run('PAYROLL_UNVERIFIED', ['BK-20PCT', 'BK-CENT', 'BK-PARTS'], D));
      expect(by.get('BK-20PCT')).toMatchObject({ severity: 'orange', shortfallFen: 100000 });
      expect(by.get('BK-20PCT')?.evidence).toMatchObject({
        reportedPaidYuan: '5000.00', transferredYuan: '4000.00', unverifiedYuan: '1000.00', unverifiedShare: '0.2000', redAbove: 0.2,
        payrollWorkers: 5, unverifiedWorkers: 1,
      });
      expect(by.get('BK-20PCT')?.evidence.workers).toEqual([
        expect.objectContaining({ idMasked: expect.stringMatching(/^420106\*+\d{3}X$/), reportedYuan: '1000.00', transferredYuan: '0.00', unverifiedYuan: '1000.00', paidOn: '2026-10-28' }),
      ]);
      expect(by.get('BK-CENT')).toMatchObject({ severity: 'orange', shortfallFen: 99999 });
      expect(by.get('BK-PARTS')).toMatchObject({ severity: 'orange', shortfallFen: 50001 });
      expect((by.get('BK-PARTS')?.evidence.workers as Array<{ unverifiedYuan: string }>).map((w) => w.unverifiedYuan)).toEqual(['500.00', '0.01']);

      const six = await project('BK-RED', 4, { payable: 1000 });
      for (const id of six.slice(1)) await pay('BK-RED', id, 1000, '2026-10-28');
      const red = byProject(await db.run('PAYROLL_UNVERIFIED', ['BK-RED'], D));
      expect(red.get('BK-RED')).toMatchObject({ severity: 'red', shortfallFen: 100000 });
      expect(red.get('BK-RED')?.evidence).toMatchObject({ unverifiedShare: '0.2500' });
    });

    it('looks only at rows paid as of D through the dedicated account; an overpayment verifies nothing else', async () => {
      await db.fx.project({ code: 'BK-SCOPE' });
      await db.fx.wageAccount({ project: 'BK-SCOPE', openedOn: '2025-01-20', number: accountOf('BK-SCOPE') });
      const [cash, later, over, short] = [nextId(), nextId(), nextId(), nextId()];
      for (const id of [cash, later, over, short]) await db.fx.worker({ project: 'BK-SCOPE', id });
      await db.fx.payroll({ project: 'BK-SCOPE', id: cash, period: P, payable: 3000, paid: 3000, paidOn: '2026-10-28', paidVia: 'cash' });
      await db.fx.payroll({ project: 'BK-SCOPE', id: later, period: P, payable: 3000, paid: 3000, paidOn: '2026-11-05' });
      await db.fx.payroll({ project: 'BK-SCOPE', id: over, period: P, payable: 3000, paid: 3000, paidOn: '2026-10-28' });
      await db.fx.payroll({ project: 'BK-SCOPE', id: short, period: P, payable: 3000, paid: 3000, paidOn: '2026-10-28' });
      await pay('BK-SCOPE', over, 5000, '2026-10-28');
      await pay('BK-SCOPE', short, 2900, '2026-10-28');
      const f = byProject(await db.run('PAYROLL_UNVERIFIED', ['BK-SCOPE'], D)).get('BK-SCOPE');
      expect(f).toMatchObject({ severity: 'orange', shortfallFen: 10000 });
      expect(f?.evidence).toMatchObject({ reportedPaidYuan: '6000.00', transferredYuan: '7900.00', unverifiedYuan: '100.00', payrollWorkers: 2 });
    });
  });

  describe('bank feed', () => {
    it('evaluates only projects with a succeeded transfer from the month two months before D’s month up to D; others are neither found nor skipped', async () => {
      // stale: transfers only before 2026-09-01 (and its payroll of P would be unverified)
      const [stale] = await project('BK-STALE');
      await pay('BK-STALE', stale, 3000, '2026-08-31', { period: '2026-08-01' });
      // on the window's first day: a feed
      const [edge] = await project('BK-FEED-EDGE');
      await pay('BK-FEED-EDGE', edge, 3000, '2026-09-01', { period: '2026-08-01' });
      // only failed transfers in the window: no feed
      const [failedOnly] = await project('BK-FAILED-ONLY');
      await pay('BK-FAILED-ONLY', failedOnly, 3000, '2026-10-28', { status: 'failed' });
      // no bank data at all
      await project('BK-NO-FEED');
      const codes = ['BK-STALE', 'BK-FEED-EDGE', 'BK-FAILED-ONLY', 'BK-NO-FEED'];
      const r = await db.evaluate({ asOf: D, period: P, projectCodes: codes, rules: ['PAYROLL_UNVERIFIED', 'ACCOUNT_DIVERSION'] });
      expect(r.findings.map((f) => `${f.projectCode} ${f.rule}`)).toEqual(['BK-FEED-EDGE PAYROLL_UNVERIFIED']);
      expect(r.skipped).toEqual([]);
      expect((r.notApplicable ?? []).map((n) => `${n.projectCode} ${n.rule}`).sort()).toEqual([
        'BK-FAILED-ONLY ACCOUNT_DIVERSION', 'BK-FAILED-ONLY PAYROLL_UNVERIFIED', 'BK-NO-FEED ACCOUNT_DIVERSION', 'BK-NO-FEED PAYROLL_UNVERIFIED',
        'BK-STALE ACCOUNT_DIVERSION', 'BK-STALE PAYROLL_UNVERIFIED',
      ]);
    });
  });

  describe('ACCOUNT_DIVERSION', () => {
    it('is red and joint above 10 % of the accounts’ transfers in P to people not enrolled in the last 12 periods, orange below', async () => {
      const four = await project('DV-RED', 4);
      for (const id of four) await pay('DV-RED', id, 3000, '2026-10-28');
      const stranger = nextId();
      await pay('DV-RED', stranger, 2000, '2026-10-15', { period: null, name: '王某' });
      await pay('DV-RED', stranger, 500, '2026-10-20', { period: null, name: '王某' });
      const ten = await project('DV-ORANGE', 10);
      for (const id of ten) await pay('DV-ORANGE', id, 3000, '2026-10-28');
      await pay('DV-ORANGE', nextId(), 1000, '2026-10-16', { period: null });
      // exactly 10 %: 1,200 of 12,000 → orange
      const three = await project('DV-10PCT', 3, { payable: 3600 });
      for (const id of three) await pay('DV-10PCT', id, 3600, '2026-10-28');
      await pay('DV-10PCT', nextId(), 1200, '2026-10-16', { period: null });
      const by = byProject(await db.run('ACCOUNT_DIVERSION', ['DV-RED', 'DV-ORANGE', 'DV-10PCT'], D));
      expect(by.get('DV-RED')).toMatchObject({ severity: 'red', joint: true, shortfallFen: 0, thresholds: { bankDiversionRedShare: 0.1 } });
      expect(by.get('DV-RED')?.evidence).toMatchObject({
        period: '2026-10', reportedPaidYuan: '12000.00', transferredYuan: '14500.00', divertedYuan: '2500.00', divertedShare: '0.1724', payeesConcerned: 1,
        payees: [{ name: '王某', idMasked: expect.stringMatching(/^420106\*+\d{3}X$/), registered: false, reportedYuan: '0.00', transferredYuan: '2500.00', enteredOn: null, exitedOn: null }],
      });
      expect(by.get('DV-ORANGE')?.severity).toBe('orange');
      expect(by.get('DV-10PCT')?.severity).toBe('orange');
    });

    it('does not count a worker who left within the 12 periods, failed transfers, other accounts, or transfers outside P', async () => {
      const [paid] = await project('DV-NONE');
      await pay('DV-NONE', paid, 3000, '2026-10-28');
      const leftInWindow = nextId();
      await db.fx.worker({ project: 'DV-NONE', id: leftInWindow, enteredOn: '2025-03-01', exitedOn: '2025-11-01' }); // P−11 = 2025-11
      await pay('DV-NONE', leftInWindow, 800, '2026-10-10', { period: '2025-11-01' });
      await pay('DV-NONE', nextId(), 900, '2026-10-10', { status: 'failed' });
      await pay('DV-NONE', nextId(), 900, '2026-10-10', { status: 'returned' });
      await pay('DV-NONE', nextId(), 900, '2026-10-10', { account: OTHER_ACCOUNT });
      await pay('DV-NONE', nextId(), 900, '2026-09-30', { period: null });
      await pay('DV-NONE', nextId(), 900, '2026-11-01', { period: null });
      const [paid2] = await project('DV-LEFT-EARLIER');
      await pay('DV-LEFT-EARLIER', paid2, 3000, '2026-10-28');
      const leftBefore = nextId();
      await db.fx.worker({ project: 'DV-LEFT-EARLIER', id: leftBefore, enteredOn: '2025-03-01', exitedOn: '2025-10-31' });
      await pay('DV-LEFT-EARLIER', leftBefore, 800, '2026-10-10', { period: null });
      const by = byProject(await db.run('ACCOUNT_DIVERSION', ['DV-NONE', 'DV-LEFT-EARLIER'], D));
      expect([...by.keys()]).toEqual(['DV-LEFT-EARLIER']);
      expect(by.get('DV-LEFT-EARLIER')).toMatchObject({ severity: 'red' });
      expect(by.get('DV-LEFT-EARLIER')?.evidence).toMatchObject({
        transferredYuan: '3800.00', divertedYuan: '800.00',
        payees: [expect.objectContaining({ registered: true, exitedOn: '2025-10-31' })],
      });
    });

    it('lists at most 20 payees, largest first, and counts them all', async () => {
      const [paid] = await project('DV-MANY', 1, { payable: 100000 });
      await pay('DV-MANY', paid, 100000, '2026-10-28');
      for (let i = 0; i < 23; i++) await pay('DV-MANY', nextId(), 100 + i, '2026-10-12', { period: null });
      const f = byProject(await db.run('ACCOUNT_DIVERSION', ['DV-MANY'], D)).get('DV-MANY');
      expect(f?.severity).toBe('orange');
      const payees = f?.evidence.payees as Array<{ transferredYuan: string }>;
      expect(f?.evidence.payeesConcerned).toBe(23);
      expect(payees).toHaveLength(20);
      expect(payees[0].transferredYuan).toBe('122.00');
    });
  });

  // Last: it changes the profile every project of this file resolves to.
  describe('thresholds', () => {
    it('come from the project’s region profile (every seeded profile carries them) and are recorded on the finding', async () => {
      const seeded: Array<{ code: string; t: Record<string, number> }> = await db.ds.query(
        `SELECT code, thresholds AS t FROM region_profiles UNION ALL SELECT code, thresholds FROM region_profile_versions`,
      );
      expect(seeded.length).toBeGreaterThan(20);
      for (const p of seeded) expect({ code: p.code, ...p.t }).toMatchObject({ code: p.code, bankUnverifiedRedShare: 0.2, bankDiversionRedShare: 0.1, bankMatchWindowDays: 3 });

      const [a, b] = await project('BK-PROFILE', 2);
      await pay('BK-PROFILE', a, 3000, '2026-10-28');
      await pay('BK-PROFILE', b, 3000, '2026-11-01', { period: null }); // 4 days after paid_on
      expect(byProject(await db.run('PAYROLL_UNVERIFIED', ['BK-PROFILE'], D)).get('BK-PROFILE')).toMatchObject({ severity: 'red', profileCode: '4201' });
      await db.profiles.upsert('420106', '测试区', { ...DEFAULT_THRESHOLDS, bankMatchWindowDays: 4 }, 'test');
      expect(await db.run('PAYROLL_UNVERIFIED', ['BK-PROFILE'], D)).toEqual([]);
      await db.profiles.upsert('420106', '测试区', { ...DEFAULT_THRESHOLDS, bankUnverifiedRedShare: 0.5 }, 'test');
      expect(byProject(await db.run('PAYROLL_UNVERIFIED', ['BK-PROFILE'], D)).get('BK-PROFILE')).toMatchObject({
        severity: 'orange', profileCode: '420106', profileVersion: 2, thresholds: { bankUnverifiedRedShare: 0.5, bankMatchWindowDays: 3 },
      });
    });
  });
});
