import { planReevaluation, scopeArrays } from './scan-plan';

describe('planReevaluation', () => {
  const P = '2026-10-01';

  it('leaves alerts the main evaluation covers (active project, period P or state rule)', () => {
    const plan = planReevaluation(['A'], P, [
      { projectCode: 'A', rule: 'PAY_RATIO_LOW', period: P },
      { projectCode: 'A', rule: 'DEPOSIT_MISSING', period: null },
    ]);
    expect(plan).toEqual({ groups: [], scope: [] });
  });

  it('groups older periods and inactive projects by period, each with only its open rules', () => {
    const plan = planReevaluation(['A'], P, [
      { projectCode: 'A', rule: 'PAY_RATIO_LOW', period: '2026-09-01' },
      { projectCode: 'B', rule: 'PAYROLL_MISSING', period: '2026-09-01' },
      { projectCode: 'B', rule: 'PAY_RATIO_LOW', period: P },
      { projectCode: 'B', rule: 'NOTICE_BOARD_MISSING', period: null },
    ]);
    expect(plan.scope).toEqual([
      { projectCode: 'B', period: null, rules: ['NOTICE_BOARD_MISSING'] },
      { projectCode: 'A', period: '2026-09-01', rules: ['PAY_RATIO_LOW'] },
      { projectCode: 'B', period: '2026-09-01', rules: ['PAYROLL_MISSING'] },
      { projectCode: 'B', period: P, rules: ['PAY_RATIO_LOW'] },
    ]);
    expect(plan.groups).toEqual([
      { period: null, projectCodes: ['B'], rules: ['NOTICE_BOARD_MISSING'] },
      { period: '2026-09-01', projectCodes: ['A', 'B'], rules: ['PAYROLL_MISSING', 'PAY_RATIO_LOW'] },
      { period: P, projectCodes: ['B'], rules: ['PAY_RATIO_LOW'] },
    ]);
  });

  it('is deterministic whatever order the alerts come in', () => {
    const alerts = [
      { projectCode: 'C', rule: 'X', period: '2026-08-01' },
      { projectCode: 'B', rule: 'Y', period: '2026-08-01' },
      { projectCode: 'B', rule: 'X', period: '2026-08-01' },
    ];
    expect(planReevaluation([], P, alerts)).toEqual(planReevaluation([], P, [...alerts].reverse()));
  });
});

describe('scopeArrays', () => {
  it('sends each distinct (period, rules) once and keeps the rows in order', () => {
    expect(
      scopeArrays([
        { projectCode: 'A', period: '2026-10-01', rules: ['PAY_RATIO_LOW', 'PAYROLL_MISSING'] },
        { projectCode: 'A', period: null, rules: ['ACCOUNT_MISSING'] },
        { projectCode: 'B', period: '2026-10-01', rules: ['PAY_RATIO_LOW', 'PAYROLL_MISSING'] },
        { projectCode: 'B', period: null, rules: [] },
        { projectCode: 'C', period: '2026-09-01', rules: ['PAY_RATIO_LOW', 'PAYROLL_MISSING'] },
      ]),
    ).toEqual({
      codes: ['A', 'A', 'B', 'B', 'C'],
      groups: [1, 2, 1, 3, 4],
      periods: ['2026-10-01', null, null, '2026-09-01'],
      ruleLists: ['PAY_RATIO_LOW,PAYROLL_MISSING', 'ACCOUNT_MISSING', '', 'PAY_RATIO_LOW,PAYROLL_MISSING'],
    });
  });

  it('groups by period and content whether rows share one rule array or not', () => {
    const shared = ['PAY_RATIO_LOW', 'PAYROLL_MISSING'];
    expect(
      scopeArrays([
        { projectCode: 'A', period: '2026-10-01', rules: shared },
        { projectCode: 'B', period: '2026-09-01', rules: shared },
        { projectCode: 'C', period: '2026-10-01', rules: ['PAY_RATIO_LOW', 'PAYROLL_MISSING'] },
        { projectCode: 'D', period: '2026-10-01', rules: shared },
        { projectCode: 'E', period: null, rules: shared },
        { projectCode: 'F', period: '2026-09-01', rules: ['PAY_RATIO_LOW'] },
      ]),
    ).toEqual({
      codes: ['A', 'B', 'C', 'D', 'E', 'F'],
      groups: [1, 2, 1, 1, 3, 4],
      periods: ['2026-10-01', '2026-09-01', null, '2026-09-01'],
      ruleLists: ['PAY_RATIO_LOW,PAYROLL_MISSING', 'PAY_RATIO_LOW,PAYROLL_MISSING', 'PAY_RATIO_LOW,PAYROLL_MISSING', 'PAY_RATIO_LOW'],
    });
  });
});
