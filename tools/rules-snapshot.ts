import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../libs/rules/src/rules/all-rules';
import { RULE_SQL_DIR, ruleSqlFile, ruleSqlSnapshot } from '../libs/rules/src/rules/sql-snapshot';

/**
 * `npm run rules:snapshot`: rewrites libs/rules/sql/<CODE>.sql from the rule definitions
 * (and removes the files of rules that no longer exist). Commit the result with the rule
 * change; `sql-snapshot.spec.ts` fails while a file and its rule differ.
 */
mkdirSync(RULE_SQL_DIR, { recursive: true });
const wanted = new Set(RULES.map((r) => ruleSqlFile(r.code)));
for (const file of readdirSync(RULE_SQL_DIR)) {
  if (file.endsWith('.sql') && !wanted.has(file)) rmSync(join(RULE_SQL_DIR, file));
}
for (const rule of RULES) writeFileSync(join(RULE_SQL_DIR, ruleSqlFile(rule.code)), ruleSqlSnapshot(rule));
console.log(`wrote ${RULES.length} rule statements to ${RULE_SQL_DIR}`);
