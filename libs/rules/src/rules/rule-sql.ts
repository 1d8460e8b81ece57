import { Severity } from '@wage/common';
import { RuleThresholds } from '../profiles/thresholds';

/**
 * Every rule statement gets the same parameters:
 *   $1 text[]  project codes in scope
 *   $2 text[]  the profile code of each project (parallel to $1)
 *   $3 jsonb   { profileCode: thresholds } of the profiles used
 *   $4 date    as-of date D
 *   $5 date    assessed period P (first day of month)
 * and starts from the SCOPE CTE: one row per project with its thresholds `t`.
 * Filters on period use $5 directly so the (period, project_code) indexes apply.
 */
export const SCOPE_CTE = `scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
)`;

/** A numeric threshold of the project's profile, in SQL. */
export const th = (key: keyof RuleThresholds): string => `(s.t ->> '${key}')::numeric`;

/** A whole-number threshold (days, counts), in SQL. */
export const thInt = (key: keyof RuleThresholds): string => `(s.t ->> '${key}')::int`;

/** What a rule decides for one row its SQL returned. */
export interface RuleOutcome {
  severity: Severity;
  /** Figures in fen under `...Fen` keys (shaped to yuan later), counts, dates, workers. */
  figures: Record<string, unknown>;
  shortfallFen: number;
}

/**
 * Which projects of a scope a rule applies to at all. Projects left out are neither
 * evaluated nor skipped (rules.md: the bank rules ignore projects without a bank feed).
 * The statement gets $1 text[] project codes and $2 date D, and returns project_code.
 * Rules sharing a gate `key` share its result within one evaluation.
 */
export interface RuleGate {
  key: string;
  sql: string;
}

/** Reads a numeric column (int8 arrives as number; numeric as string). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
