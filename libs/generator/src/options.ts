import { isIsoDate, monthOf, MonthIndex, todayInShanghai } from './dates';
import { District, DISTRICTS } from './regions';
import { rngFor } from './prng';
import { VARIANT_IDS } from './variant-ids';

export type OutputFormat = 'csv' | 'xlsx' | 'json';
export type OutputEncoding = 'utf8' | 'utf8-bom' | 'gb18030';

export interface GeneratorOptions {
  projects: number;
  seed?: number;
  /** Share of active projects built to trigger rules (0–1). */
  problemShare?: number;
  /** Months of attendance and payroll, ending with the assessed period. */
  months?: number;
  /** The scan date the problems are designed for; default today in Asia/Shanghai. */
  asOf?: string;
  workersPerProject?: number;
}

export interface OutputOptions {
  format?: OutputFormat;
  encoding?: OutputEncoding;
  /** Chinese header aliases instead of canonical column names. */
  chineseHeaders?: boolean;
  /** Chinese labels for enum and boolean values (在建, 是, …). */
  chineseValues?: boolean;
}

/** Options with every default applied, plus what the whole run derives from them. */
export interface GeneratorContext {
  projects: number;
  seed: number;
  problemShare: number;
  months: number;
  asOf: string;
  workersPerProject: number;
  /** The assessed period P (the month before the as-of date's month). */
  period: MonthIndex;
  firstMonth: MonthIndex;
  districts: readonly District[];
  /** Shared developers and general contractors, numbered 0 … enterprisePool − 1. */
  enterprisePool: number;
  problemCount: number;
}

export function resolveOptions(options: GeneratorOptions): GeneratorContext {
  const projects = Math.floor(options.projects);
  if (!(projects >= 1)) throw new Error('projects must be a positive integer');
  const seed = (options.seed ?? 20261101) >>> 0;
  const problemShare = options.problemShare ?? 0.3;
  if (problemShare < 0 || problemShare > 1) throw new Error('problemShare must be between 0 and 1');
  const months = options.months ?? 12;
  if (!(months >= 1 && months <= 60)) throw new Error('months must be between 1 and 60');
  const asOf = options.asOf ?? todayInShanghai();
  if (!isIsoDate(asOf)) throw new Error(`asOf must be a date YYYY-MM-DD, got "${asOf}"`);
  const workersPerProject = options.workersPerProject ?? 40;
  if (!(workersPerProject >= 1)) throw new Error('workersPerProject must be at least 1');
  const period = monthOf(asOf) - 1;

  // Roughly eight projects per district, spread over the four cities.
  const shuffled = [...DISTRICTS];
  const rng = rngFor(seed, 'districts');
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const districtCount = Math.min(shuffled.length, Math.max(1, Math.ceil(projects / 8)));
  const wanted = Math.round(problemShare * projects);
  // Enough problem projects that every variant appears once when the province is big
  // enough, while a tiny one keeps a fifth of its projects healthy.
  const floor = Math.min(VARIANT_IDS.length, projects - Math.ceil(projects / 5));
  const problemCount = problemShare === 0 ? 0 : Math.min(projects, Math.max(wanted, floor));
  return {
    projects,
    seed,
    problemShare,
    months,
    asOf,
    workersPerProject,
    period,
    firstMonth: period - months + 1,
    districts: shuffled.slice(0, districtCount),
    enterprisePool: Math.max(12, Math.ceil(projects / 2)),
    problemCount,
  };
}

/**
 * Problem projects are spread evenly over the index range; problem number j sits at
 * floor(j · N / K). Returns j, or -1 for a healthy project.
 */
export function problemOrdinal(ctx: GeneratorContext, index: number): number {
  const { projects: n, problemCount: k } = ctx;
  if (k === 0) return -1;
  const j = Math.ceil((index * k) / n);
  return j < k && Math.floor((j * n) / k) === index ? j : -1;
}
