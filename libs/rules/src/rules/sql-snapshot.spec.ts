import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from './all-rules';
import { RULE_SQL_DIR, ruleSqlFile, ruleSqlSnapshot } from './sql-snapshot';

// A statement changed on purpose? `npm run rules:snapshot` rewrites the files; commit them.
describe('rule SQL snapshots (libs/rules/sql, rewritten by `npm run rules:snapshot`)', () => {
  it.each(RULES.map((r) => [r.code, r] as const))('%s runs the statement checked in', (code, rule) => {
    const file = join(RULE_SQL_DIR, ruleSqlFile(code));
    const checkedIn = existsSync(file) ? readFileSync(file, 'utf8') : '(missing: run npm run rules:snapshot)';
    expect(checkedIn).toBe(ruleSqlSnapshot(rule));
  });

  it('has no file of a rule that does not exist', () => {
    const codes = new Set(RULES.map((r) => ruleSqlFile(r.code)));
    expect(readdirSync(RULE_SQL_DIR).filter((f) => !codes.has(f))).toEqual([]);
  });
});
