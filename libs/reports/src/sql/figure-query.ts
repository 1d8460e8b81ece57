import type { FigureParts } from '../figure-parts';

/** A row of a figure statement: its report key plus the statement's own columns. */
export type FigureRow = { key: string } & Record<string, unknown>;

/** One set-based statement contributing some figures to the rows of a report. */
export interface FigureQuery {
  /** What it computes (for logs and the benchmark). */
  name: string;
  sql: string;
  params: unknown[];
  /** Adds one result row to the parts of its key. */
  apply(row: FigureRow, parts: FigureParts): void;
}

export const int = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const fen = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(String(v)));
