import { BANK_FEED_RULES, PERIOD_RULES, RULE_CATALOGUE, STATE_RULES } from './catalogue';
import { DEFAULT_THRESHOLDS } from './profiles/thresholds';
import { RULES } from './rules/all-rules';
import { defineRule } from './rules/define-rule';
import { SCOPE_CTE } from './rules/rule-sql';

describe('rule catalogue (derived from the defineRule of each rule file)', () => {
  it('lists every defined rule once, with what its definition says', () => {
    expect(Object.keys(RULE_CATALOGUE)).toEqual(RULES.map((r) => r.code));
    for (const r of RULES) {
      expect(RULE_CATALOGUE[r.code]).toEqual({ code: r.code, kind: r.kind, joint: r.joint, version: r.version, titleZh: r.titleZh, titleEn: r.titleEn });
    }
    expect([...PERIOD_RULES, ...STATE_RULES].sort()).toEqual(RULES.map((r) => r.code).sort());
    expect(BANK_FEED_RULES).toEqual(['PAYROLL_UNVERIFIED', 'ACCOUNT_DIVERSION']);
  });

  it.each(RULES.map((r) => [r.code, r] as const))('%s is complete: titles, a real version, scoped SQL, known thresholds', (_code, r) => {
    expect(r.titleZh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.titleEn).toMatch(/^[A-Z]/);
    expect(Number.isSafeInteger(r.version) && r.version >= 1).toBe(true);
    expect(r.sql.startsWith(`WITH ${SCOPE_CTE}`)).toBe(true);
    for (const k of r.thresholdKeys) expect(DEFAULT_THRESHOLDS).toHaveProperty(k);
  });

  it('versions: the rules whose meaning changed since they were first shipped (docs/decisions/rule-versions.md)', () => {
    expect(RULES.filter((r) => r.version > 1).map((r) => `${r.code} v${r.version}`)).toEqual(['BELOW_MIN_WAGE v2', 'LABOR_COST_LAPSE v2']);
  });

  it('defineRule refuses a code that is not UPPER_SNAKE_CASE and a version that is not a whole number ≥ 1', () => {
    const attempt = (code: string, version: number) =>
      defineRule({ code, version, kind: 'state', joint: false, titleZh: '测试', titleEn: 'Test', thresholdKeys: [], sql: '', decide: () => null });
    expect(() => attempt('lower_case', 1)).toThrow(/UPPER_SNAKE_CASE/);
    expect(() => attempt('TEST_RULE', 0)).toThrow(/version/);
    expect(() => attempt('TEST_RULE', 1.5)).toThrow(/version/);
    expect(attempt('TEST_RULE', 1).code).toBe('TEST_RULE');
  });
});
