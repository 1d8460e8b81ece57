import { Severity } from '@wage/common';
import { RuleCode } from './catalogue';

export interface RuleFinding {
  projectCode: string;
  rule: RuleCode;
  /** 'YYYY-MM-01' for period rules, null for state rules. */
  period: string | null;
  severity: Severity;
  joint: boolean;
  /** Figures an inspector checks by hand (yuan as strings with 2 decimals). */
  evidence: Record<string, unknown>;
  /** The profile thresholds the rule used. */
  thresholds: Record<string, unknown>;
  ruleVersion: number;
  profileCode: string;
  profileVersion: number;
  /** Wages owed according to this finding, integer fen; 0 where the rule measures no arrears. */
  shortfallFen: number;
}

export interface SkippedRule {
  rule: RuleCode;
  projectCode: string;
  reason: string;
}

/** A rule that does not apply to a project (not evaluated, not reported as skipped), e.g. the bank rules without a bank feed. */
export interface NotApplicableRule {
  rule: RuleCode;
  projectCode: string;
}

export interface EvaluationScope {
  /** YYYY-MM-DD, the scan's as-of date D. */
  asOf: string;
  /** 'YYYY-MM-01', normally assessedPeriod(asOf). */
  period: string;
  projectCodes: string[];
  /** Default: all rules. */
  rules?: RuleCode[];
}

export interface EvaluationResult {
  findings: RuleFinding[];
  skipped: SkippedRule[];
  /** (rule, project) pairs the rule's gate left out: neither findings nor skips, so nothing is cleared for them. */
  notApplicable?: NotApplicableRule[];
}
