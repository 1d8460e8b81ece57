/**
 * Access tokens whose signature was verified in this process, with their payload, until
 * they expire (docs/decisions/principal-lookup-per-request.md). A token is an immutable
 * string: once its HS256 signature checked out under this process's secret it always
 * will, so only the expiry needs checking again, which this does as jsonwebtoken does
 * (expired from the second `exp`). What a token grants is still decided per request from
 * the user row (disabled, role, token version): this saves the signature and JSON work of
 * jsonwebtoken (≈ 0.2 ms of CPU per request, issue 17), never the lookup.
 */
export class VerifiedTokens<P extends { exp?: number }> {
  private readonly entries = new Map<string, P>();

  constructor(
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The payload of `token` if it was verified here and has not expired; else undefined (verify it). */
  get(token: string): P | undefined {
    const payload = this.entries.get(token);
    if (payload === undefined) return undefined;
    if (typeof payload.exp !== 'number' || Math.floor(this.now() / 1000) >= payload.exp) {
      this.entries.delete(token);
      return undefined;
    }
    return payload;
  }

  /** Remembers a token that jsonwebtoken has just verified (only tokens with an expiry). */
  add(token: string, payload: P): void {
    if (typeof payload.exp !== 'number') return;
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(token, payload);
  }
}
