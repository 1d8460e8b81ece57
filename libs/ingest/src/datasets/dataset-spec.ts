import { CellError, Parsed } from '../validation/cell-error';
import type { PiiSealer } from '../merge/pii-sealer';

/** Parsed cells of one row, by canonical column name; absent when the cell was blank. */
export type Values = Record<string, unknown>;

/**
 * A value encoded once for many rows (a cached sealed value): its COPY text form (for
 * the natural key's hash) and, for a bytea, its bytes (what the binary COPY sends).
 */
export class CopyText {
  constructor(
    readonly text: string,
    readonly bytes?: Buffer,
  ) {}
}

/** A value as it goes into the COPY stream. */
export type CopyValue = string | number | boolean | Buffer | CopyText | readonly string[] | null;

export interface FieldSpec {
  /** Canonical column name of data-contract.md. */
  column: string;
  /** Other accepted headers (the Chinese ones). */
  aliases: readonly string[];
  required: boolean;
  parse(raw: string): Parsed<unknown>;
}

export interface StagedColumn {
  /** Column of the target table (snake_case). */
  name: string;
  /** PostgreSQL type of the staging column, equal to the target's. */
  type: string;
  value(v: Values, pii: PiiSealer): CopyValue;
  /** Ciphertext: fresh random IV each time, so never compared to detect a change. */
  sealed?: boolean;
}

export interface CrossCheckFailure {
  column: string;
  error: CellError;
}

/** How one dataset of the contract is read, checked, staged and merged. */
export interface DatasetSpec {
  name: string;
  table: string;
  fields: readonly FieldSpec[];
  /** Rules across cells of one row (e.g. paid_on when paid > 0). */
  crossCheck?(v: Values): CrossCheckFailure | undefined;
  /** Column whose value must be a known project (in the database or earlier in the file). */
  projectColumn?: string;
  staged: readonly StagedColumn[];
  /** The unique constraint an incoming row is matched on. */
  conflict: readonly string[];
  /** SQL text expression over alias `o` naming the row for the audit trail. */
  keyText: string;
}
