import type { AccountDiversionEvidence, PayrollUnverifiedEvidence } from '../../../../libs/rules/src/evidence-types';
import { EVIDENCE_SAMPLES } from '../../../../libs/rules/src/testing/evidence-samples';
import { zhCN } from '../i18n/zh-CN';
import { fieldLabel, formatField } from './fields';
import { RENDERERS } from './renderers';

/** The bank reconciliation rules have no alerts in the demo data yet: their renderers are checked on rules.md's figures. */
const BANK: { PAYROLL_UNVERIFIED: PayrollUnverifiedEvidence; ACCOUNT_DIVERSION: AccountDiversionEvidence } = {
  PAYROLL_UNVERIFIED: {
    period: '2026-10',
    reportedPaidYuan: '120000.00',
    transferredYuan: '80000.00',
    unverifiedYuan: '40000.00',
    unverifiedShare: '0.3333',
    redAbove: 0.2,
    unverifiedWorkers: 5,
    workers: [{ name: '王五', idMasked: '420111********1234', reportedYuan: '8000.00', transferredYuan: '0.00' }],
  },
  ACCOUNT_DIVERSION: {
    period: '2026-10',
    transferredYuan: '500000.00',
    divertedYuan: '60000.00',
    divertedShare: '0.1200',
    redAbove: 0.1,
    divertedPayees: 2,
    payees: [{ name: null, idMasked: '110101********0011', transferredYuan: '30000.00' }],
  },
};
const SAMPLES: Record<string, Record<string, unknown>> = { ...(EVIDENCE_SAMPLES as unknown as Record<string, Record<string, unknown>>), ...(BANK as unknown as Record<string, Record<string, unknown>>) };
const CHINESE = /[\u4e00-\u9fff]/;
const render = (rule: string) => (RENDERERS as unknown as Record<string, (e: Record<string, unknown>) => ReturnType<(typeof RENDERERS)['PAY_RATIO_LOW']>>)[rule];

describe('evidence renderers (one per rule, typed by the shared schema)', () => {
  it('there is a renderer for every rule the console names, and a name for every renderer', () => {
    expect(Object.keys(RENDERERS).sort()).toEqual(Object.keys(zhCN.rules).sort());
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(RENDERERS).sort());
  });

  it.each(Object.keys(SAMPLES))('%s: a Chinese sentence holding its money and counts, and labelled figures and lists', (rule) => {
    const evidence = SAMPLES[rule];
    const layout = render(rule)(evidence);
    expect(layout.sentence).toMatch(CHINESE);
    for (const key of [...layout.figures, ...(layout.judged ?? [])]) {
      expect(key in evidence).toBe(true);
      expect(fieldLabel(key)).toMatch(CHINESE);
      const value = evidence[key];
      // Money is written with its separators and 元 in the sentence or the table; every key is in the table.
      if (typeof value === 'string' && key.endsWith('Yuan')) expect(formatField(key, value)).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    }
    for (const list of [...(layout.periods ? [layout.periods] : []), ...(layout.lists ?? [])]) {
      expect(list.title).toMatch(CHINESE);
      for (const c of list.columns) expect(fieldLabel(c)).toMatch(CHINESE);
    }
    // Every list of the evidence is placed in a table.
    const lists = Object.entries(evidence).filter(([, v]) => Array.isArray(v)).map(([, v]) => v);
    const placed = [...(layout.periods ? [layout.periods.rows] : []), ...(layout.lists ?? []).map((l) => l.rows)];
    for (const l of lists) expect(placed).toContain(l);
  });

  it('writes shares as percentages, yuan with separators, enums and booleans in Chinese', () => {
    expect(formatField('ratio', '0.4000')).toBe('40%');
    expect(formatField('threshold', 0.8)).toBe('80%');
    expect(formatField('payableYuan', '1234567.80')).toBe('1,234,567.80');
    expect(formatField('paidVia', 'cash')).toBe('现金');
    expect(formatField('reason', 'PAYROLL_MISSING')).toBe('有出勤但未报送工资表');
    expect(formatField('reason', '拖欠农民工工资被列入名单')).toBe('拖欠农民工工资被列入名单');
    expect(formatField('inPayroll', false)).toBe('否');
    expect(formatField('plannedDurationDays', 'unknown')).toBe('未知');
    expect(formatField('paidVia', 'carrier_pigeon')).toBe('未知');
    expect(fieldLabel('someNewField')).toBe('其他指标');
  });

  it('CONSECUTIVE_ARREARS names both months and their figures in its sentence', () => {
    const layout = render('CONSECUTIVE_ARREARS')(SAMPLES.CONSECUTIVE_ARREARS);
    expect(layout.sentence).toContain('2026-09 有 3 人出勤但未报送工资表');
    expect(layout.sentence).toContain('2026-10 应发 10.00 元、实发 1.00 元，发放比例 10%');
    expect(layout.periods?.rows).toHaveLength(2);
  });
});
