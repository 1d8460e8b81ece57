import { RULE_CATALOGUE, RuleCode } from '@wage/rules';
import { escapeHtml } from './document/notice-html';
import { zhDate } from './document/notice-document.model';
import { evidenceSummary, maskEvidence } from './evidence-masking';
import { redCutoffDate } from './notice-selection';
import { JOINT_RULES_WITHOUT_ACTION, requestedActionFor } from './requested-actions';

const weekdays = (d: string): boolean => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

describe('redCutoffDate: the last date from which more than 5 working days have passed', () => {
  it.each([
    // Friday: working days 13,12,11,10,9 are 5; from 03-05 on there are 6
    ['2026-03-13', [], '2026-03-05'],
    // Monday: 16,13,12,11,10,9 are 6, so anything first seen by Sunday 03-08 qualifies
    ['2026-03-16', [], '2026-03-08'],
    // skips holidays
    ['2026-03-13', ['2026-03-11', '2026-03-12'], '2026-03-03'],
  ])('as of %s, holidays %j → %s', (asOf, holidayList, cutoff) => {
    const holidays = new Set<string>(holidayList);
    expect(redCutoffDate(asOf, 5, (d) => weekdays(d) && !holidays.has(d))).toBe(cutoff);
  });
});

describe('requested actions', () => {
  it('has a specific request for every joint rule', () => {
    expect(JOINT_RULES_WITHOUT_ACTION).toEqual([]);
    expect(requestedActionFor('ACCOUNT_MISSING')).toBe('督促总包单位开立农民工工资专用账户');
    for (const code of Object.keys(RULE_CATALOGUE) as RuleCode[]) expect(requestedActionFor(code).length).toBeGreaterThan(5);
  });
});

describe('maskEvidence', () => {
  it('masks ID and bank numbers wherever they sit and keeps masked values', () => {
    const out = maskEvidence({
      payableYuan: '12345.60',
      workers: [{ name: '张三', idNumber: '420101199001011234', bankNumber: '6222020200112233' }],
      already: '420101********1234',
    });
    expect(out).toEqual({
      payableYuan: '12345.60',
      workers: [{ name: '张三', idNumber: '420101********1234', bankNumber: '************2233' }],
      already: '420101********1234',
    });
  });

  it('summarises scalar evidence on one line', () => {
    expect(evidenceSummary({ ratio: '0.42', workers: [{}, {}], none: [], note: null, custom: 'x' })).toBe('发放比例：0.42；涉及人员：2项；custom：x');
  });
});

describe('document helpers', () => {
  it('escapes HTML and writes Chinese dates', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(zhDate('2026-03-05')).toBe('2026年3月5日');
  });
});
