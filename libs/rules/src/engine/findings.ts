import { RULE_CATALOGUE, RuleCode } from '../catalogue';
import { buildEvidence } from '../evidence';
import { periodLabel } from '../periods';
import { ResolvedProfile, RuleThresholds } from '../profiles/thresholds';
import { Rule } from '../rules/all-rules';
import { RuleFinding, SkippedRule } from '../types';

/** The thresholds a rule used, as copied onto its findings. */
export function pickThresholds(keys: (keyof RuleThresholds)[], t: RuleThresholds): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, t[k]]));
}

/** Rows a rule statement returned → findings (pure: the same rows give the same findings). */
export function toFindings(
  rule: Rule,
  rows: Record<string, unknown>[],
  profiles: ReadonlyMap<string, ResolvedProfile>,
  period: string,
): RuleFinding[] {
  const def = RULE_CATALOGUE[rule.code];
  const findings: RuleFinding[] = [];
  for (const row of rows) {
    const projectCode = String(row.project_code);
    const profile = profiles.get(projectCode);
    if (!profile) continue;
    const outcome = rule.decide(row, profile.thresholds);
    if (!outcome) continue;
    const evidence = buildEvidence(def.kind === 'period' ? { period: periodLabel(period), ...outcome.figures } : outcome.figures);
    findings.push({
      projectCode,
      rule: rule.code,
      period: def.kind === 'period' ? period : null,
      severity: outcome.severity,
      joint: def.joint,
      evidence,
      thresholds: pickThresholds(rule.thresholdKeys, profile.thresholds),
      ruleVersion: def.version,
      profileCode: profile.code,
      profileVersion: profile.version,
      shortfallFen: outcome.shortfallFen,
    });
  }
  return findings.sort((a, b) => (a.projectCode < b.projectCode ? -1 : a.projectCode > b.projectCode ? 1 : 0));
}

/**
 * Splits the projects of a scope into those a rule can run on and those it must skip:
 * unknown project codes, and projects whose profile lacks what the rule needs.
 */
export function partitionScope(
  rule: Rule,
  projectCodes: readonly string[],
  profiles: ReadonlyMap<string, ResolvedProfile>,
): { runnable: string[]; skipped: SkippedRule[] } {
  const runnable: string[] = [];
  const skipped: SkippedRule[] = [];
  for (const projectCode of projectCodes) {
    const profile = profiles.get(projectCode);
    const reason = profile ? (rule.skipReason?.(profile.thresholds) ?? null) : 'project not found';
    if (reason === null) runnable.push(projectCode);
    else skipped.push({ rule: rule.code, projectCode, reason: profile ? `${reason} (profile ${profile.code})` : reason });
  }
  return { runnable, skipped };
}

export const ruleCodesOf = (rules: RuleCode[] | undefined): RuleCode[] =>
  rules ? [...new Set(rules)] : (Object.keys(RULE_CATALOGUE) as RuleCode[]);
