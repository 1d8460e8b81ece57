/**
 * Check characters of the identifiers in the data contract, shared by the validators
 * (libs/ingest) and the synthetic data generator (libs/generator).
 */

/** GB 11643-1999 resident identity number: weights of the first 17 digits, mod 11 → check. */
export const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const ID_NUMBER_CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_NUMBER_WEIGHTS[i];
  return ID_NUMBER_CHECK[sum % 11];
}

/** GB 32100-2015 unified social credit code: alphabet without I O S V Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Check character of the first 17 characters (which must be in the alphabet): 31 − (sum mod 31), 31 → 0. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}
