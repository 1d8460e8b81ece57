/**
 * Stable codes of a rejected row (import_errors.code, errors.csv). Outside programs
 * match on these strings: never rename a value, only add.
 */
export enum RowErrorCode {
  /** A required cell is empty. */
  Required = 'REQUIRED',
  /** More cells than header columns (often an unquoted thousands separator). */
  TooManyCells = 'TOO_MANY_CELLS',
  TooLong = 'TOO_LONG',
  InvalidDate = 'INVALID_DATE',
  InvalidPeriod = 'INVALID_PERIOD',
  InvalidMoney = 'INVALID_MONEY',
  /** An amount that must be > 0 is 0. */
  AmountNotPositive = 'AMOUNT_NOT_POSITIVE',
  InvalidInteger = 'INVALID_INTEGER',
  OutOfRange = 'OUT_OF_RANGE',
  InvalidBoolean = 'INVALID_BOOLEAN',
  InvalidEnum = 'INVALID_ENUM',
  InvalidIdNumber = 'INVALID_ID_NUMBER',
  InvalidUscc = 'INVALID_USCC',
  InvalidRegionCode = 'INVALID_REGION_CODE',
  InvalidStreetCode = 'INVALID_STREET_CODE',
  /** The street code's first 6 digits are not the project's region code. */
  StreetNotInRegion = 'STREET_NOT_IN_REGION',
  InvalidBankNumber = 'INVALID_BANK_NUMBER',
  InvalidUrl = 'INVALID_URL',
  /** paid_amount > 0 without paid_on. */
  PaidOnRequired = 'PAID_ON_REQUIRED',
  /** The project code is neither in the database nor earlier in the same file. */
  UnknownProject = 'UNKNOWN_PROJECT',
  /** The submitting API key may not load rows for this project (workflow.md "Submitter keys are scoped"). */
  ProjectNotAllowed = 'PROJECT_NOT_ALLOWED',
  /** A webhook URL that is not https or reaches a loopback, private, link-local or metadata address. */
  WebhookNotAllowed = 'WEBHOOK_NOT_ALLOWED',
}

/** One rejected cell or row, as the user sees it in the file (header = row 1). */
export interface RowError {
  row: number;
  column: string;
  code: RowErrorCode;
  message: string;
}
