import { maskIdNumber } from '@wage/crypto';
import { RuleCode, RuleFinding } from '@wage/rules';
import { crew, idNumber } from './support/fixtures';
import { openRulesDb, RulesDb } from './support/rules-db';

/** D = 2026-11-03; D − 30 days = 2026-10-04; D − 28 days = 2026-10-06. */
const D = '2026-11-03';
const P = '2026-10-01';

describe('state rules (real PostgreSQL)', () => {
  let db: RulesDb;
  beforeAll(async () => {
    db = await openRulesDb();
  });
  afterAll(async () => {
    await db.close();
  });

  const byProject = async (rule: RuleCode, projects: string[]): Promise<Map<string, RuleFinding>> => {
    const found = await db.run(rule, projects, D);
    for (const f of found) expect(f.period).toBeNull();
    return new Map(found.map((f) => [f.projectCode, f]));
  };

  it('ACCOUNT_MISSING: red/joint at ≥ 4,000,000 after 30 days, unknown duration counts, short projects and opened accounts do not', async () => {
    await db.fx.project({ code: 'AM-RED', contractYuan: 4_000_000, signedOn: '2026-10-04' });
    await db.fx.project({ code: 'AM-UNKNOWN', contractYuan: 9_000_000, plannedEndOn: null });
    await db.fx.project({ code: 'AM-GRACE', contractYuan: 9_000_000, signedOn: '2026-10-05' });
    await db.fx.project({ code: 'AM-SMALL', contractYuan: '3999999.99' });
    await db.fx.project({ code: 'AM-SHORT', contractYuan: 9_000_000, startedOn: '2026-01-01', plannedEndOn: '2026-03-31' });
    await db.fx.project({ code: 'AM-OPEN', contractYuan: 9_000_000 });
    await db.fx.wageAccount({ project: 'AM-OPEN', openedOn: '2025-02-01', filedOn: '2025-02-10' });
    await db.fx.project({ code: 'AM-OPENED-LATER', contractYuan: 9_000_000 });
    await db.fx.wageAccount({ project: 'AM-OPENED-LATER', openedOn: '2026-11-04' });
    const by = await byProject('ACCOUNT_MISSING', ['AM-RED', 'AM-UNKNOWN', 'AM-GRACE', 'AM-SMALL', 'AM-SHORT', 'AM-OPEN', 'AM-OPENED-LATER']);
    expect([...by.keys()].sort()).toEqual(['AM-OPENED-LATER', 'AM-RED', 'AM-UNKNOWN']);
    expect(by.get('AM-RED')).toMatchObject({ severity: 'red', joint: true });
    expect(by.get('AM-RED')?.evidence).toMatchObject({ contractAmountYuan: '4000000.00', accountDueOn: '2026-11-03' });
    expect(by.get('AM-UNKNOWN')?.evidence.plannedDurationDays).toBe('unknown');
  });

  it('ACCOUNT_NOT_FILED: yellow/joint 30 days after opening without filing by D', async () => {
    await db.fx.project({ code: 'AF-YES' });
    await db.fx.wageAccount({ project: 'AF-YES', openedOn: '2026-10-04' });
    await db.fx.project({ code: 'AF-GRACE' });
    await db.fx.wageAccount({ project: 'AF-GRACE', openedOn: '2026-10-05' });
    await db.fx.project({ code: 'AF-FILED' });
    await db.fx.wageAccount({ project: 'AF-FILED', openedOn: '2026-01-01', filedOn: D });
    await db.fx.project({ code: 'AF-FILED-LATER' });
    await db.fx.wageAccount({ project: 'AF-FILED-LATER', openedOn: '2026-01-01', filedOn: '2026-11-04' });
    const by = await byProject('ACCOUNT_NOT_FILED', ['AF-YES', 'AF-GRACE', 'AF-FILED', 'AF-FILED-LATER']);
    expect([...by.keys()].sort()).toEqual(['AF-FILED-LATER', 'AF-YES']);
    expect(by.get('AF-YES')).toMatchObject({ severity: 'yellow', joint: true });
    expect(by.get('AF-YES')?.evidence.accounts).toEqual([expect.objectContaining({ openedOn: '2026-10-04', filingDueOn: '2026-11-03' })]);
  });

  it('LABOR_COST_SHORT: orange/joint when allocations paid by D are below payable up to P', async () => {
    await db.fx.project({ code: 'LS-SHORT' });
    await crew(db.fx, { project: 'LS-SHORT', period: P, count: 1, payable: 2000 });
    await db.fx.allocation({ project: 'LS-SHORT', paidOn: '2026-10-10', amount: 1000 });
    await db.fx.allocation({ project: 'LS-SHORT', paidOn: '2026-11-04', amount: 5000 });
    await db.fx.project({ code: 'LS-EQUAL' });
    await crew(db.fx, { project: 'LS-EQUAL', period: P, count: 1, payable: 2000 });
    await crew(db.fx, { project: 'LS-EQUAL', period: '2026-11-01', count: 1, payable: 9000 });
    await db.fx.allocation({ project: 'LS-EQUAL', paidOn: D, amount: 2000 });
    const by = await byProject('LABOR_COST_SHORT', ['LS-SHORT', 'LS-EQUAL']);
    expect([...by.keys()]).toEqual(['LS-SHORT']);
    expect(by.get('LS-SHORT')).toMatchObject({ severity: 'orange', joint: true });
    expect(by.get('LS-SHORT')?.evidence).toMatchObject({ payableThroughPeriodYuan: '2000.00', allocatedYuan: '1000.00', gapYuan: '1000.00' });
  });

  it('DEPOSIT_MISSING: orange/joint unless deposits valid on D add up to 1 %', async () => {
    const big = { contractYuan: 3_000_000, signedOn: '2026-10-06' };
    await db.fx.project({ code: 'DM-NONE', ...big });
    await db.fx.project({ code: 'DM-ADDS-UP', ...big });
    await db.fx.deposit({ project: 'DM-ADDS-UP', amount: 10000, validFrom: '2026-01-01', contractor: '91420100MA4K00000A' });
    await db.fx.deposit({ project: 'DM-ADDS-UP', amount: 20000, validFrom: '2026-02-01', validUntil: D, form: 'cash' });
    await db.fx.project({ code: 'DM-EXPIRED', ...big });
    await db.fx.deposit({ project: 'DM-EXPIRED', amount: 30000, validFrom: '2025-01-01', validUntil: '2026-11-02' });
    await db.fx.project({ code: 'DM-FUTURE', ...big });
    await db.fx.deposit({ project: 'DM-FUTURE', amount: 30000, validFrom: '2026-11-04' });
    await db.fx.project({ code: 'DM-GRACE', contractYuan: 3_000_000, signedOn: '2026-10-07' });
    await db.fx.project({ code: 'DM-SMALL', contractYuan: '2999999.99' });
    const by = await byProject('DEPOSIT_MISSING', ['DM-NONE', 'DM-ADDS-UP', 'DM-EXPIRED', 'DM-FUTURE', 'DM-GRACE', 'DM-SMALL']);
    expect([...by.keys()].sort()).toEqual(['DM-EXPIRED', 'DM-FUTURE', 'DM-NONE']);
    expect(by.get('DM-NONE')).toMatchObject({ severity: 'orange', joint: true });
    expect(by.get('DM-NONE')?.evidence).toMatchObject({ requiredYuan: '30000.00', validDepositsYuan: '0.00', missingYuan: '30000.00' });
  });

  it('NOTICE_BOARD_MISSING: yellow when not posted', async () => {
    await db.fx.project({ code: 'NB-NO', noticeBoard: false });
    await db.fx.project({ code: 'NB-YES', noticeBoard: true });
    const by = await byProject('NOTICE_BOARD_MISSING', ['NB-NO', 'NB-YES']);
    expect([...by.keys()]).toEqual(['NB-NO']);
    expect(by.get('NB-NO')).toMatchObject({ severity: 'yellow', joint: false });
  });

  it('CONTRACT_UNSIGNED: yellow above 10 % of the workers enrolled on D', async () => {
    for (const [code, unsigned] of [['CU-TEN', 1], ['CU-MORE', 2]] as const) {
      await db.fx.project({ code });
      for (let i = 0; i < 10; i++) await db.fx.worker({ project: code, id: idNumber(100 + i), contractSigned: i >= unsigned });
      await db.fx.worker({ project: code, id: idNumber(120), contractSigned: false, exitedOn: '2026-11-02' });
    }
    const by = await byProject('CONTRACT_UNSIGNED', ['CU-TEN', 'CU-MORE']);
    expect([...by.keys()]).toEqual(['CU-MORE']);
    expect(by.get('CU-MORE')?.evidence).toMatchObject({ enrolledWorkers: 10, unsignedWorkers: 2, unsignedShare: '0.2000' });
    expect(by.get('CU-MORE')?.evidence.workers).toHaveLength(2);
  });

  it('COMPLAINT_CLUSTER: window (D−30, D]; red at 3 clues or 10 workers, yellow for fewer', async () => {
    for (const code of ['CC-YELLOW', 'CC-THREE', 'CC-TEN', 'CC-OLD']) await db.fx.project({ code });
    await db.fx.clue({ project: 'CC-YELLOW', receivedOn: '2026-10-05', workers: 4, claimed: '12345.60' });
    await db.fx.clue({ project: 'CC-YELLOW', receivedOn: D, workers: 5 });
    await db.fx.clue({ project: 'CC-YELLOW', receivedOn: '2026-11-04', workers: 5 });
    for (let i = 0; i < 3; i++) await db.fx.clue({ project: 'CC-THREE', receivedOn: '2026-10-20', workers: 1 });
    await db.fx.clue({ project: 'CC-TEN', receivedOn: '2026-10-20', workers: 10 });
    await db.fx.clue({ project: 'CC-OLD', receivedOn: '2026-10-04', workers: 50 });
    const by = await byProject('COMPLAINT_CLUSTER', ['CC-YELLOW', 'CC-THREE', 'CC-TEN', 'CC-OLD']);
    expect([...by.keys()].sort()).toEqual(['CC-TEN', 'CC-THREE', 'CC-YELLOW']);
    expect(by.get('CC-YELLOW')).toMatchObject({ severity: 'yellow' });
    expect(by.get('CC-YELLOW')?.evidence).toMatchObject({ clueCount: 2, workersInvolved: 9, amountClaimedYuan: '12345.60' });
    expect(by.get('CC-YELLOW')?.evidence.clueIds).toHaveLength(2);
    expect(by.get('CC-THREE')?.severity).toBe('red');
    expect(by.get('CC-TEN')?.severity).toBe('red');
  });

  it('WATCHLISTED_PARTY: contractor, employers and team leaders of enrolled workers; 3-year default; open-ended bad_team', async () => {
    const leader = idNumber(700);
    await db.fx.project({ code: 'WL-GC', generalContractor: '91110000GC0000001X' });
    await db.fx.watchlist({ uscc: '91110000GC0000001X', list: 'arrears_blacklist', listedOn: '2023-11-04' });
    await db.fx.project({ code: 'WL-GC-EXPIRED', generalContractor: '91110000GC0000002X' });
    await db.fx.watchlist({ uscc: '91110000GC0000002X', list: 'arrears_blacklist', listedOn: '2023-11-03' });
    await db.fx.project({ code: 'WL-LEADER' });
    await db.fx.worker({ project: 'WL-LEADER', id: idNumber(701), teamLeaderId: leader });
    await db.fx.watchlist({ personId: leader, list: 'bad_team', listedOn: '2015-01-01' });
    await db.fx.project({ code: 'WL-EMPLOYER' });
    await db.fx.worker({ project: 'WL-EMPLOYER', id: idNumber(702), employer: '91110000EM0000001X' });
    await db.fx.watchlist({ uscc: '91110000EM0000001X', list: 'arrears_blacklist', listedOn: '2026-01-01', expiresOn: D });
    await db.fx.project({ code: 'WL-EXITED' });
    await db.fx.worker({ project: 'WL-EXITED', id: idNumber(703), employer: '91110000EM0000002X', exitedOn: '2026-11-02' });
    await db.fx.watchlist({ uscc: '91110000EM0000002X', list: 'arrears_blacklist', listedOn: '2026-01-01' });
    await db.fx.project({ code: 'WL-EXPIRES' });
    await db.fx.worker({ project: 'WL-EXPIRES', id: idNumber(704), employer: '91110000EM0000003X' });
    await db.fx.watchlist({ uscc: '91110000EM0000003X', list: 'arrears_blacklist', listedOn: '2026-01-01', expiresOn: '2026-11-02' });
    const by = await byProject('WATCHLISTED_PARTY', ['WL-GC', 'WL-GC-EXPIRED', 'WL-LEADER', 'WL-EMPLOYER', 'WL-EXITED', 'WL-EXPIRES']);
    expect([...by.keys()].sort()).toEqual(['WL-EMPLOYER', 'WL-GC', 'WL-LEADER']);
    expect(by.get('WL-GC')).toMatchObject({ severity: 'orange', joint: true });
    expect(by.get('WL-GC')?.evidence.parties).toEqual([
      expect.objectContaining({ role: 'general_contractor', list: 'arrears_blacklist', activeUntil: '2026-11-03' }),
    ]);
    expect(by.get('WL-LEADER')?.evidence.parties).toEqual([
      expect.objectContaining({ role: 'team_leader', list: 'bad_team', subject: maskIdNumber(leader), activeUntil: null }),
    ]);
  });

  it('evaluates the whole catalogue at once and is deterministic', async () => {
    const scope = { asOf: D, period: P, projectCodes: ['WL-GC', 'NB-NO', 'DM-NONE', 'CC-THREE', 'AM-RED'] };
    const a = await db.evaluate(scope);
    const b = await db.evaluate({ ...scope, projectCodes: [...scope.projectCodes].reverse() });
    expect(b).toEqual(a);
    expect(new Set(a.findings.map((f) => f.rule))).toEqual(
      new Set(['WATCHLISTED_PARTY', 'NOTICE_BOARD_MISSING', 'DEPOSIT_MISSING', 'COMPLAINT_CLUSTER', 'ACCOUNT_MISSING', 'LABOR_COST_LAPSE']),
    );
  });

  it('runs inside a caller transaction as a savepoint (its SET LOCALs end with that transaction)', async () => {
    const r = await db.ds.transaction(async (m) => {
      await m.query(`SET LOCAL statement_timeout = '60s'`);
      const inner = await db.engine.evaluate(m, { asOf: D, period: P, projectCodes: ['NB-NO'], rules: ['NOTICE_BOARD_MISSING'] });
      const [{ jit }] = (await m.query(`SELECT current_setting('jit') AS jit`)) as Array<{ jit: string }>;
      return { inner, jit };
    });
    expect(r.inner.findings.map((f) => f.rule)).toEqual(['NOTICE_BOARD_MISSING']);
    expect(r.jit).toBe('off');
  });
});
