import { toEvidence } from './evidence';

describe('evidence shaping', () => {
  it('turns fen keys into yuan strings at any depth and periods into YYYY-MM', () => {
    expect(
      toEvidence({
        period: '2026-10-01',
        payableFen: 1234560,
        ratio: '0.4500',
        claimedFen: null,
        workers: [{ name: '张三', idMasked: '420106********1234', owedFen: 5 }],
        nested: { periods: [{ period: '2026-09-01', paidFen: '100' }] },
      }),
    ).toEqual({
      period: '2026-10',
      payableYuan: '12345.60',
      ratio: '0.4500',
      claimedYuan: null,
      workers: [{ name: '张三', idMasked: '420106********1234', owedYuan: '0.05' }],
      nested: { periods: [{ period: '2026-09', paidYuan: '1.00' }] },
    });
  });

  it('keeps labels that are already YYYY-MM', () => {
    expect(toEvidence({ period: '2026-10' })).toEqual({ period: '2026-10' });
  });
});
