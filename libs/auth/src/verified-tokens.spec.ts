import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  it('answers a verified token until the second of its exp, then forgets it', () => {
    let now = 1_000_000_000;
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>(10, () => now);
    tokens.add('t1', { sub: 'a', exp: 1_000_010 });
    expect(tokens.get('t1')).toEqual({ sub: 'a', exp: 1_000_010 });
    now = 1_000_009_999;
    expect(tokens.get('t1')?.sub).toBe('a');
    now = 1_000_010_000;
    expect(tokens.get('t1')).toBeUndefined();
    now = 1_000_000_000;
    expect(tokens.get('t1')).toBeUndefined(); // forgotten: verified again
  });

  it('keeps no token without an expiry, and at most max tokens', () => {
    const tokens = new VerifiedTokens<{ exp?: number }>(2, () => 0);
    tokens.add('forever', {});
    expect(tokens.get('forever')).toBeUndefined();
    tokens.add('a', { exp: 10 });
    tokens.add('b', { exp: 10 });
    tokens.add('c', { exp: 10 });
    expect(tokens.get('c')).toEqual({ exp: 10 });
    expect([tokens.get('a'), tokens.get('b')]).toEqual([undefined, undefined]);
  });
});
