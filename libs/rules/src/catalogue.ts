import { BANK_FEED_GATE } from './rules/bank.rules';
import { Rule, RULES, RuleCode } from './rules/all-rules';
import { RuleDefinition } from './rules/define-rule';

export type { RuleCode };

/** What the catalogue says about a rule (derived from its `defineRule` in rules/*.rules.ts). */
export type RuleCatalogueEntry = Pick<RuleDefinition<RuleCode>, 'code' | 'kind' | 'joint' | 'version' | 'titleZh' | 'titleEn'>;

const entry = ({ code, kind, joint, version, titleZh, titleEn }: Rule): RuleCatalogueEntry => ({ code, kind, joint, version, titleZh, titleEn });

/** Every rule, keyed by code, in catalogue order (all-rules.ts). */
export const RULE_CATALOGUE = Object.fromEntries(RULES.map((r) => [r.code, entry(r)])) as Record<RuleCode, RuleCatalogueEntry>;

export const PERIOD_RULES: RuleCode[] = RULES.filter((r) => r.kind === 'period').map((r) => r.code);
export const STATE_RULES: RuleCode[] = RULES.filter((r) => r.kind === 'state').map((r) => r.code);
/** The bank reconciliation rules (behind the bank-feed gate): evaluated only for projects with a bank feed (rules.md). */
export const BANK_FEED_RULES: RuleCode[] = RULES.filter((r) => r.gate?.key === BANK_FEED_GATE.key).map((r) => r.code);
