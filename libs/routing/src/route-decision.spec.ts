import { RoutableAlert, RoutingTable, RoutingUnit } from './route-decision';

const units: RoutingUnit[] = [
  { unitCode: 'T-HY-1', kind: 'team', regionCode: '420113', streetCodes: ['420113001', '420113002'] },
  { unitCode: 'B-HY', kind: 'brigade', regionCode: '420113', streetCodes: [] },
  { unitCode: 'B-WH', kind: 'brigade', regionCode: '420100', streetCodes: [] },
  { unitCode: 'B-HB', kind: 'brigade', regionCode: '420000', streetCodes: [] },
];

const alert = (regionCode: string, streetCode: string | null, extra: Partial<RoutableAlert> = {}): RoutableAlert => ({
  projectCode: 'P1',
  rule: 'PAYROLL_MISSING',
  severity: 'orange',
  project: { regionCode, streetCode, industry: 'housing' },
  ...extra,
});

describe('RoutingTable', () => {
  const table = new RoutingTable(units, []);

  it.each([
    ['the street team covering the street', '420113', '420113002', { unitCode: 'T-HY-1', reason: 'street team of street 420113002' }],
    ['the brigade of the region (no team covers the street)', '420113', '420113009', { unitCode: 'B-HY', reason: 'brigade of region 420113' }],
    ['the city brigade next', '420105', null, { unitCode: 'B-WH', reason: 'city brigade 420100' }],
    ['the province brigade last', '420501', null, { unitCode: 'B-HB', reason: 'province brigade 420000' }],
  ])('routes to %s: region %s, street %s', (_to, region, street, decision) => {
    expect(table.decide(alert(region, street))).toEqual(decision);
  });
  it('leaves the alert unrouted with a reason when nothing covers it', () => {
    const d = table.decide(alert('110101', '110101001'));
    expect(d.unitCode).toBeNull();
    expect(d.reason).toContain('110101');
    expect(table.decide({ ...alert('420113', null), project: null }).reason).toContain('not in the projects data');
  });
  it('applies the first matching override before the chain', () => {
    const t = new RoutingTable(units, [
      { id: 2, position: 2, regionPrefix: '4201', industry: null, rule: null, minSeverity: null, unitCode: 'B-WH' },
      { id: 1, position: 1, regionPrefix: null, industry: 'housing', rule: null, minSeverity: 'red', unitCode: 'B-HB' },
      { id: 3, position: 0, regionPrefix: null, industry: null, rule: null, minSeverity: null, unitCode: 'GONE' },
    ]);
    expect(t.decide(alert('420113', '420113001', { severity: 'red' })).unitCode).toBe('B-HB');
    expect(t.decide(alert('420113', '420113001', { severity: 'orange' }))).toEqual({
      unitCode: 'B-WH',
      reason: 'override #2 (position 2)',
    });
    expect(t.decide(alert('430100', null)).unitCode).toBeNull();
  });
});
