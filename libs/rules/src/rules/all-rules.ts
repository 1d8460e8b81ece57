import { BANK_RULES } from './bank.rules';
import { RuleDefinition } from './define-rule';
import { FUNDING_RULES } from './funding.rules';
import { ROSTER_RULES } from './roster.rules';
import { SIGNAL_RULES } from './signals.rules';
import { WAGE_RATIO_RULES } from './wage-ratio.rules';
import { WORKER_PAY_RULES } from './worker-pay.rules';

/**
 * Every rule, gathered from the rule files' lists: a rule added to a file's list is in
 * the catalogue, the rule codes, the engine and the scans with no other change here.
 * Order (the catalogue's, and the engine's evaluation order): the files as below, then
 * each file's own list.
 */
export const RULES = [...WAGE_RATIO_RULES, ...WORKER_PAY_RULES, ...ROSTER_RULES, ...FUNDING_RULES, ...SIGNAL_RULES, ...BANK_RULES] as const;

/** The rule codes of rules.md, as the rule files define them. Stored on alerts: never rename. */
export type RuleCode = (typeof RULES)[number]['code'];

/** Any one rule. */
export type Rule = RuleDefinition<RuleCode>;

function byCode(rules: readonly Rule[]): Record<RuleCode, Rule> {
  const out = {} as Record<RuleCode, Rule>;
  for (const rule of rules) {
    if (rule.code in out) throw new Error(`rule ${rule.code} is defined twice`);
    out[rule.code] = rule;
  }
  return out;
}

/** The statement and decision of every rule code. */
export const RULE_SQL: Record<RuleCode, Rule> = byCode(RULES);
