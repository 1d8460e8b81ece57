import { join } from 'node:path';
import { Rule } from './all-rules';

/** libs/rules/sql: one file per rule, `<CODE>.sql`, rewritten by `npm run rules:snapshot`. */
export const RULE_SQL_DIR = join(__dirname, '..', '..', 'sql');

export const ruleSqlFile = (code: string): string => `${code}.sql`;

/**
 * The checked-in text of a rule's statements exactly as the engine sends them (SCOPE_CTE,
 * thresholds and fragments expanded), so a change to any statement shows in the diff.
 * A header names the rule; a gated rule starts with its gate's statement.
 */
export function ruleSqlSnapshot(rule: Rule): string {
  const header = [
    `-- ${rule.code} v${rule.version}: ${rule.kind} rule${rule.joint ? ', joint' : ''}. ${rule.titleZh} / ${rule.titleEn}`,
    '-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.',
    '-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.',
    `-- Thresholds recorded: ${rule.thresholdKeys.length > 0 ? rule.thresholdKeys.join(', ') : 'none'}.`,
  ];
  const gate = rule.gate
    ? [`-- Gate ${rule.gate.key} (run first; $1 text[] project codes, $2 date D): the rule runs only for the projects it returns.`, `${rule.gate.sql};`, '']
    : [];
  return [...header, '', ...gate, `${rule.sql};`, ''].join('\n');
}
