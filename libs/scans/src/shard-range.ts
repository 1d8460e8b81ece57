/**
 * A shard's contiguous range of project codes, [from, to): `from` null = no lower bound,
 * `to` null = no upper bound. Fixed when the scan is requested (in each shard job's data),
 * so every shard of a scan sees the same split whatever changes between their snapshots:
 * the ranges cover every possible code exactly once. Contiguous ranges rather than a hash
 * of the code because P's payroll and attendance rows of a month lie in project order
 * (imports are per month), so a shard's index reads touch only its part of the heap
 * instead of every page of the month (docs/decisions/scan-range-shards.md).
 */
export interface ShardRange {
  from: string | null;
  to: string | null;
}

/** The projects a scan evaluates (the others are planned or completed). */
export const ACTIVE_PROJECT_SQL = `status IN ('in_progress', 'suspended')`;

/** The active projects, counted to size the shards. */
export const ACTIVE_PROJECTS_SQL = `SELECT count(*)::int AS n FROM projects WHERE ${ACTIVE_PROJECT_SQL}`;

/**
 * How many shards a scan of `activeProjects` gets: at least `minShards`, and enough that
 * none evaluates more than `projectsPerShard` (short shard transactions that any number
 * of worker processes can share), at most 64.
 */
export function shardCountFor(activeProjects: number, minShards: number, projectsPerShard: number): number {
  return Math.min(64, Math.max(minShards, Math.ceil(activeProjects / projectsPerShard)));
}

/**
 * The active projects' codes at each shard's lower bound, in the database's order
 * ($1 shard count): shard i > 0 starts at the first code of bucket i + 1 of ntile.
 * Fewer projects than shards give fewer bounds.
 */
export const SHARD_BOUNDS_SQL = `SELECT min(project_code) AS bound FROM (
  SELECT project_code, ntile($1::int) OVER (ORDER BY project_code) AS bucket
    FROM projects WHERE ${ACTIVE_PROJECT_SQL}) x
 WHERE bucket > 1 GROUP BY bucket ORDER BY bucket`;

/**
 * The ranges of `shards` shards from the lower bounds of shards 1.. (ascending, as
 * SHARD_BOUNDS_SQL returns them). With fewer bounds than shards - 1 (a tiny province),
 * the last shards get an empty range ('' ≤ code < '').
 */
export function shardRanges(bounds: string[], shards: number): ShardRange[] {
  const lows: Array<string | null> = [null, ...bounds];
  return Array.from({ length: shards }, (_, i) => {
    if (i >= lows.length) return { from: '', to: '' };
    return { from: lows[i], to: i + 1 < lows.length ? (lows[i + 1] as string) : null };
  });
}

/**
 * The range a shard job evaluates. Jobs enqueued before ranges existed carry none; all
 * shards of one scan come from one request, so either all have a range or none has: then
 * shard 0 takes every code and the others none, which still evaluates each project once.
 */
export function rangeOfShardJob(shard: number, range: ShardRange | undefined): ShardRange {
  return range ?? (shard === 0 ? { from: null, to: null } : { from: '', to: '' });
}

/**
 * SQL predicate on `column`: the code lies in the range given as parameters $from / $to
 * (text, null = unbounded). In a custom plan the null tests fold away and the bounds
 * become index conditions.
 */
export const inRangeSql = (column: string, from: string, to: string): string =>
  `(${from}::text IS NULL OR ${column} >= ${from}::text) AND (${to}::text IS NULL OR ${column} < ${to}::text)`;
