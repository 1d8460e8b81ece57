import { RowErrorCode } from './error-codes';

/**
 * What a cell parser returns instead of a value when the cell is wrong. Returned, not
 * thrown: bad rows are common in real files and must stay cheap.
 */
export class CellError {
  constructor(
    readonly code: RowErrorCode,
    readonly message: string,
  ) {}
}

export type Parsed<T> = T | CellError;

export const isCellError = (v: unknown): v is CellError => v instanceof CellError;
