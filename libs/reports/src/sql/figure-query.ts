import type { FigureParts } from '../figure-parts';

/** A row of a figure statement: its report key plus the statement's own columns. */
export type FigureRow = { key: string } & Record<string, unknown>;

/** One set-based statement contributing some figures to the rows of a report. */
export interface FigureQuery {
  /** What it computes (for logs and the benchmark). */
  name: string;
  sql: string;
  params: unknown[];
  /**
   * Planner settings for this statement alone (name → value), set before it and back to
   * the default after it, on top of the report's settings (REPORT_SETTINGS).
   */
  planner?: Readonly<Record<string, string>>;
  /** Adds one result row to the parts of its key. */
  apply(row: FigureRow, parts: FigureParts): void;
}

/**
 * Statements whose own cost hides the cost of sorting: their rows carry correlated
 * subqueries or per-alert index lookups, so a sort-based and a hash-based aggregation
 * of the same rows come out within the planner's 1 % fuzz of each other and the sort,
 * cheaper to start, wins, although it sorts tens of thousands of rows into a few dozen
 * groups. Without it they hash (a window still sorts: nothing else can order its rows).
 */
export const HASH_NOT_SORT: Readonly<Record<string, string>> = { enable_sort: 'off' };

/**
 * Runs one figure statement (or `sql` in its place: the benchmark's EXPLAIN) with its
 * planner settings on `run` (a connection's query, inside the report's transaction).
 * The settings are LOCAL: a failed statement aborts the transaction, which drops them.
 */
export async function runFigureQuery<T>(
  run: (sql: string, params?: unknown[]) => Promise<T>,
  fq: Pick<FigureQuery, 'sql' | 'params' | 'planner'>,
  sql = fq.sql,
): Promise<T> {
  const settings = Object.entries(fq.planner ?? {});
  for (const [name, value] of settings) await run(`SET LOCAL ${name} = ${value}`);
  const result = await run(sql, fq.params);
  for (const [name] of settings) await run(`SET LOCAL ${name} TO DEFAULT`);
  return result;
}

export const int = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const fen = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(String(v)));
