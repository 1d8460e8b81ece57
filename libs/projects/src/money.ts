/** Integer fen → yuan string with two decimals ("12345.60"), without floating point. */
export function fenToYuan(fen: number | string | bigint): string {
  const v = BigInt(fen);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
