/**
 * Display masks for personal data (workflow.md): keep the region prefix and the last
 * four characters of an ID number (420113********1234), the last four digits of a bank
 * number (************5678). Masks are stored beside the ciphertext so that listing
 * screens and evidence never need to decrypt.
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskBankNumber(n: string): string {
  if (n.length <= 4) return '*'.repeat(n.length);
  return '*'.repeat(n.length - 4) + n.slice(-4);
}

/** ID-number-like tokens and long digit runs (bank cards), standing alone. */
const LONG_NUMBER = /(?<![0-9A-Za-z*])(\d{17}[\dXx]|\d{15,32})(?![0-9A-Za-z*])/g;
/** Any run of 6+ digits (with an ID number's final X) that is not part of a mask already. */
const ANY_NUMBER = /(?<![\d*])\d{6,}[Xx]?(?![\d*])/g;

const maskToken = (t: string): string => (t.length === 18 || /[Xx]$/.test(t) ? maskIdNumber(t) : maskBankNumber(t));

/**
 * Masks personal numbers inside a message (import errors, errors.csv): always what looks
 * like an ID number or a card number; with `personalCell`, every 6+ digit run, since a
 * wrong ID or bank number is still someone's number.
 */
export function maskPersonalNumbers(text: string, personalCell = false): string {
  return text.replace(personalCell ? ANY_NUMBER : LONG_NUMBER, maskToken);
}
