import { idNumberCheckChar as idNumberCheckDigit, USCC_ALPHABET, usccCheckChar } from '@wage/datasets';
import { Rng } from './prng';

export { idNumberCheckDigit, USCC_ALPHABET, usccCheckChar };

export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const t = Date.parse(`${birth}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== birth) return false;
  return idNumberCheckDigit(id.slice(0, 17)) === id[17];
}

/** An ID number for someone born on `birthDate` ('YYYY-MM-DD') registered in `regionCode`. */
export function makeIdNumber(rng: Rng, regionCode: string, birthDate: string, male: boolean): string {
  const order = rng.int(0, 49) * 2 + (male ? 1 : 0); // odd sequence digit = male
  const body = `${regionCode}${birthDate.replace(/-/g, '')}${String(rng.int(0, 9))}${String(order).padStart(2, '0')}`;
  return body + idNumberCheckDigit(body);
}

export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  for (const c of code) if (!USCC_ALPHABET.includes(c)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** GB 11714 organisation code check digit (positions 9–17 of a USCC). */
function orgCodeCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body8[i]) * weights[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A USCC for enterprise number `serial` (unique per serial within a run: the organisation
 * code is an invertible scramble of the serial, so codes never collide).
 */
export function makeUscc(serial: number, regionCode: string, salt: number): string {
  const scrambled = (((serial + salt) % 100_000_000) * 7_654_321 + 12_345_679) % 100_000_000;
  const body8 = String(scrambled).padStart(8, '0');
  const first17 = `91${regionCode}${body8}${orgCodeCheck(body8)}`;
  return first17 + usccCheckChar(first17);
}

function luhnCheckDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const CARD_BINS = ['622202', '621700', '622848', '621226', '623668', '622588', '621483', '622700'];

/** A bank card number (16 or 19 digits, Luhn-valid, real Chinese bank BIN prefixes). */
export function makeBankCard(rng: Rng): string {
  const length = rng.chance(0.7) ? 19 : 16;
  const partial = rng.pick(CARD_BINS) + rng.digits(length - 7);
  return partial + luhnCheckDigit(partial);
}

/** A corporate account number of a dedicated wage account (bank-style, 19–22 digits). */
export function makeAccountNumber(rng: Rng): string {
  return String(rng.int(1, 9)) + rng.digits(rng.int(18, 21));
}
