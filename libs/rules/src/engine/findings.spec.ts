import { PERIOD_RULES, RULE_CATALOGUE, STATE_RULES } from '../catalogue';
import { DEFAULT_THRESHOLDS, ResolvedProfile } from '../profiles/thresholds';
import { RULE_SQL } from '../rules/all-rules';
import { partitionScope, ruleCodesOf, toFindings } from './findings';

const national: ResolvedProfile = { code: 'national', name: '全国', version: 3, thresholds: DEFAULT_THRESHOLDS };
const shanghai: ResolvedProfile = { code: '31', name: '上海', version: 2, thresholds: { ...DEFAULT_THRESHOLDS, minimumMonthlyWageYuan: 2740 } };
const profiles = new Map([
  ['B', national],
  ['A', shanghai],
]);

describe('findings (pure)', () => {
  // How many rules there are is the spec table's business (catalogue.spec.ts checks the catalogue is the definitions).
  it('every period and state rule has SQL; joint flags', () => {
    for (const code of [...PERIOD_RULES, ...STATE_RULES]) expect(RULE_SQL[code].code).toBe(code);
    expect(RULE_CATALOGUE.PAYROLL_MISSING.joint).toBe(true);
    expect(RULE_CATALOGUE.PAY_RATIO_LOW.joint).toBe(false);
    expect(RULE_CATALOGUE.ACCOUNT_DIVERSION.joint).toBe(true);
    expect(RULE_CATALOGUE.PAYROLL_UNVERIFIED.joint).toBe(false);
  });

  it('shapes rows into sorted findings with thresholds, versions and yuan evidence', () => {
    const rows = [
      { project_code: 'B', payable_fen: 100000, paid_fen: 10000, payroll_workers: 1, underpaid_workers: 1, workers: [] },
      { project_code: 'A', payable_fen: 100000, paid_fen: 70000, payroll_workers: 2, underpaid_workers: 1, workers: [] },
      { project_code: 'GONE', payable_fen: 1, paid_fen: 0 },
    ];
    const found = toFindings(RULE_SQL.PAY_RATIO_LOW, rows, profiles, '2026-10-01');
    expect(found.map((f) => [f.projectCode, f.severity, f.profileCode, f.profileVersion])).toEqual([
      ['A', 'orange', '31', 2],
      ['B', 'red', 'national', 3],
    ]);
    expect(found[0]).toMatchObject({
      rule: 'PAY_RATIO_LOW',
      period: '2026-10-01',
      joint: false,
      ruleVersion: 1,
      shortfallFen: 30000,
      thresholds: { payRatioThreshold: 0.8, payRatioRedBelow: 0.5 },
      evidence: expect.objectContaining({ period: '2026-10', payableYuan: '1000.00', paidYuan: '700.00', ratio: '0.7000', shortfallYuan: '300.00' }),
    });
  });

  it('state findings have no period', () => {
    const [f] = toFindings(RULE_SQL.NOTICE_BOARD_MISSING, [{ project_code: 'A' }], profiles, '2026-10-01');
    expect(f.period).toBeNull();
    expect(f.evidence).toEqual({ noticeBoardPosted: false });
  });

  it('skips unknown projects and rules a profile cannot support, with reasons', () => {
    const part = partitionScope(RULE_SQL.BELOW_MIN_WAGE, ['A', 'B', 'C'], profiles);
    expect(part.runnable).toEqual(['A']);
    expect(part.skipped).toEqual([
      { rule: 'BELOW_MIN_WAGE', projectCode: 'B', reason: 'no monthly minimum wage configured in the region profile (profile national)' },
      { rule: 'BELOW_MIN_WAGE', projectCode: 'C', reason: 'project not found' },
    ]);
    expect(partitionScope(RULE_SQL.PAY_RATIO_LOW, ['A', 'B'], profiles).runnable).toEqual(['A', 'B']);
  });

  it('defaults to every rule, deduplicates requested ones', () => {
    expect(ruleCodesOf(undefined)).toEqual(Object.keys(RULE_CATALOGUE));
    expect(ruleCodesOf(['PAY_RATIO_LOW', 'PAY_RATIO_LOW'])).toEqual(['PAY_RATIO_LOW']);
  });
});
