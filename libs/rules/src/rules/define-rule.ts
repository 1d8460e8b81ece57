import { RuleThresholds } from '../profiles/thresholds';
import { RuleGate, RuleOutcome } from './rule-sql';

/** period rules: one alert per (project, rule, period); state rules: per (project, rule) (rules.md). */
export type RuleKind = 'period' | 'state';

/**
 * Everything about one rule, in its rule file: what the catalogue lists (code, kind,
 * joint, version, titles) and what the engine runs (a set-based statement returning one
 * row per firing project, and the pure decision on a row). The catalogue, the rule codes
 * and the engine's table are derived from these (`all-rules.ts`, `catalogue.ts`).
 */
export interface RuleDefinition<C extends string = string> {
  /** The code of rules.md. Stored on alerts: never rename. */
  code: C;
  kind: RuleKind;
  /** Joint alerts also go to the project's industry bureau (workflow.md). */
  joint: boolean;
  /**
   * Frozen onto every finding and alert it produces (rules.md). Starts at 1; +1 whenever
   * the rule's condition, severity, shortfall or the meaning of an evidence figure
   * changes (docs/decisions/rule-versions.md). Never lowered, never reused.
   */
  version: number;
  titleZh: string;
  titleEn: string;
  /** Thresholds copied into each finding's `thresholds`. */
  thresholdKeys: (keyof RuleThresholds)[];
  /** Starts `WITH ${SCOPE_CTE}`; parameters in rule-sql.ts. Snapshot: libs/rules/sql/<code>.sql. */
  sql: string;
  /** Row (project_code plus rule-specific columns) → outcome; null = does not fire after all. */
  decide(row: Record<string, unknown>, t: RuleThresholds): RuleOutcome | null;
  /** Limits the rule to the projects this gate returns. */
  gate?: RuleGate;
  /** Why the rule cannot run under these thresholds, or null when it can. */
  skipReason?(t: RuleThresholds): string | null;
}

/**
 * One rule of a rule file. Add it to that file's exported list (e.g. `FUNDING_RULES`)
 * and the catalogue, the rule codes, the engine and the scans pick it up.
 */
export function defineRule<C extends string>(rule: RuleDefinition<C>): RuleDefinition<C> {
  if (!/^[A-Z][A-Z0-9_]*$/.test(rule.code)) throw new Error(`rule code must be UPPER_SNAKE_CASE: ${rule.code}`);
  if (!Number.isSafeInteger(rule.version) || rule.version < 1) throw new Error(`${rule.code}: version must be a whole number ≥ 1`);
  return rule;
}
