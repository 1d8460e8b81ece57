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
