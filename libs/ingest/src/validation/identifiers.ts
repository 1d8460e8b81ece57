// The libraries' pure entries, not their indexes (Nest, TypeORM): an import worker
// thread loads these checks and should start in milliseconds (parallel/row-worker.ts).
import { maskBankNumber, maskIdNumber } from '@wage/crypto/pure';
import { ID_NUMBER_CHECK as ID_CHECK, ID_NUMBER_WEIGHTS as ID_WEIGHTS, usccCheckChar } from '@wage/datasets/pure';
import { CellError, Parsed } from './cell-error';
import { RowErrorCode } from './error-codes';
import { isValidCalendarDate } from './dates';

export { idNumberCheckChar, usccCheckChar } from '@wage/datasets/pure';

/**
 * Module-local copies: compiled to CommonJS, an imported binding is read through the
 * re-exporting module's getter at every use, 17 times per ID number (~0.3 CPU-s per
 * 1.85M attendance rows in a profile of the import's reader).
 */
const WEIGHTS: readonly number[] = [...ID_WEIGHTS];
const CHECK: string = ID_CHECK;

/** A PRC resident ID number, normalised (lower-case x → X), or why it is not one. */
export function parseIdNumber(raw: string): Parsed<string> {
  // One pass, no regex and no substrings: this runs for every payroll and attendance row.
  let sum = 0;
  let birth = 0; // digits 7-14: YYYYMMDD
  let valid = raw.length === 18;
  for (let i = 0; valid && i < 17; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) valid = false;
    sum += c * WEIGHTS[i];
    if (i >= 6 && i < 14) birth = birth * 10 + c;
  }
  const last = valid ? raw.charCodeAt(17) : 0;
  if (!valid || !((last >= 48 && last <= 57) || last === 88 || last === 120)) {
    // Messages show the number masked (workflow.md): a wrong ID number is still someone's.
    return new CellError(RowErrorCode.InvalidIdNumber, `"${maskIdNumber(raw)}" is not an ID number: it must be 17 digits followed by a digit or X`);
  }
  const y = Math.floor(birth / 10_000);
  const m = Math.floor(birth / 100) % 100;
  const d = birth % 100;
  if (y < 1900 || !isValidCalendarDate(y, m, d)) {
    return new CellError(RowErrorCode.InvalidIdNumber, `ID number "${maskIdNumber(raw)}" contains no valid birth date`);
  }
  if (CHECK.charCodeAt(sum % 11) !== (last === 120 ? 88 : last)) {
    return new CellError(RowErrorCode.InvalidIdNumber, `ID number "${maskIdNumber(raw)}" has a wrong check digit; please check it for typing errors`);
  }
  return last === 120 ? `${raw.slice(0, 17)}X` : raw;
}

/** A unified social credit code (upper-cased), or why it is not one. */
export function parseUscc(raw: string): Parsed<string> {
  const code = raw.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return new CellError(
      RowErrorCode.InvalidUscc,
      `"${raw}" is not a unified social credit code: it must be 18 characters of digits and capital letters (no I, O, S, V, Z)`,
    );
  }
  if (usccCheckChar(code) !== code[17]) {
    return new CellError(RowErrorCode.InvalidUscc, `Credit code "${raw}" has a wrong check character; please check it for typing errors`);
  }
  return code;
}

export function parseRegionCode(raw: string): Parsed<string> {
  return /^\d{6}$/.test(raw) ? raw : new CellError(RowErrorCode.InvalidRegionCode, `"${raw}" is not a region code: it must be 6 digits such as 420113`);
}

/** A street code: 9 or 12 digits whose first 6 equal the region code (when one is known). */
export function parseStreetCode(raw: string, regionCode?: string): Parsed<string> {
  if (!/^\d{9}(\d{3})?$/.test(raw)) {
    return new CellError(RowErrorCode.InvalidStreetCode, `"${raw}" is not a street code: it must be 9 or 12 digits such as 420113001`);
  }
  if (regionCode !== undefined && raw.slice(0, 6) !== regionCode) {
    return new CellError(RowErrorCode.StreetNotInRegion, `Street code ${raw} does not belong to region ${regionCode} (its first 6 digits must be ${regionCode})`);
  }
  return raw;
}

/** Bank account or card number: 8–32 digits; spaces and hyphens as printed on cards are dropped. */
export function parseBankNumber(raw: string): Parsed<string> {
  const digits = raw.replace(/[\s-]/g, '');
  return /^\d{8,32}$/.test(digits)
    ? digits
    : new CellError(RowErrorCode.InvalidBankNumber, `"${maskBankNumber(raw)}" is not a bank account or card number: it must be 8 to 32 digits`);
}
