import { addInto, emptyParts, rate, renderFigures } from './figure-parts';

describe('figure parts', () => {
  it('rounds rates to 4 decimals and gives null without a denominator', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBeNull();
    expect(rate(9713n, 10000n)).toBe(0.9713);
    expect(rate(2n, 3n)).toBe(0.6667);
    expect(rate(5n, 0n)).toBeNull();
    // beyond float precision of the amounts themselves
    expect(rate(9_007_199_254_740_993n, 18_014_398_509_481_986n)).toBe(0.5);
  });

  it('sums parts and computes rates from the sums, never by averaging rates', () => {
    const a = emptyParts();
    a.resolved = 1;
    a.resolvedOnTime = 1;
    a.recoveredFen = 1234567n;
    const b = emptyParts();
    b.resolved = 3;
    b.resolvedOnTime = 0;
    b.recoveredFen = 33n;
    b.raised.red = 2;
    const total = renderFigures(addInto(addInto(emptyParts(), a), b));
    expect(total).toMatchObject({ alertsResolved: 4, onTimeRate: 0.25, wagesRecovered: '12346.00', alertsRaised: 2 });
    expect(renderFigures(a).onTimeRate).toBe(1);
    expect(renderFigures(emptyParts()).alertsResolvedByResolution.wages_paid).toBe(0);
  });
});
