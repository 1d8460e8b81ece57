import { MAX_NAMES, statementName } from './prepared-statements';

describe('statementName', () => {
  it('gives one text one name, and different texts different names', () => {
    const a = statementName('SELECT 1 AS spec_a');
    expect(a).toMatch(/^w_[0-9a-f]{24}$/);
    expect(statementName('SELECT 1 AS spec_a')).toBe(a);
    expect(statementName('SELECT 1 AS spec_b')).not.toBe(a);
  });

  it('names at most MAX_NAMES texts per process; the rest run unnamed, the named keep their name', () => {
    const first = statementName('SELECT 2 AS spec_first');
    for (let i = 0; i < MAX_NAMES; i++) statementName(`SELECT ${i} AS spec_fill`);
    expect(statementName('SELECT 3 AS spec_late')).toBeUndefined();
    expect(statementName('SELECT 2 AS spec_first')).toBe(first);
  });
});
