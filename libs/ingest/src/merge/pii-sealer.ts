// '@wage/crypto/pure', not '@wage/crypto' (its Nest module): worker threads load the sealer.
import { maskBankNumber, maskIdNumber, PiiCipher } from '@wage/crypto/pure';

/**
 * A value sealed once per import: the blind index and the ciphertext as the bytes the
 * binary COPY sends, and the mask. Nothing else is kept per cached value (hex texts of
 * both were made for every value and never read on a binary COPY): each entry is
 * promoted to the old generation, and 217,000 of them are a big import's main source of
 * garbage to mark (docs/decisions/ingest-lazy-cells.md).
 */
export class SealedPii {
  constructor(
    readonly hashField: Buffer,
    readonly encField: Buffer,
    readonly masked: string,
  ) {}

  /** Blind index as lower-case hex (the watchlist's subject key: made when asked). */
  get hashHex(): string {
    return this.hashField.toString('hex');
  }
}

/**
 * The value as a string of its own. A cell cut from a chunk's text is a slice that
 * keeps the whole chunk (~512 KB) alive, so 20,000 cached ID numbers kept tens of
 * chunks: the worker's heap climbed by ~20 MB until the cache was cleared. Prepending
 * and cutting off one character makes V8 copy the characters.
 */
const ownCopy = (value: string): string => ` ${value}`.slice(1);

/** Entries kept per kind (~300 bytes each); a payroll file repeats each worker about 12 times. */
const CACHE_LIMIT = 20_000;

/**
 * Seals personal data for the COPY stream. Encryption and HMAC are the costliest work
 * per row, and files repeat the same person across months and projects, so each
 * distinct value is sealed once per import (bounded cache, cleared when full). Reusing
 * one ciphertext for equal values reveals only equality, which the blind index
 * reveals anyway.
 */
export class PiiSealer {
  private readonly ids = new Map<string, SealedPii>();
  private readonly banks = new Map<string, SealedPii>();

  constructor(private readonly cipher: PiiCipher) {}

  idNumber(id: string): SealedPii {
    return this.seal(this.ids, id, maskIdNumber);
  }

  bankNumber(n: string): SealedPii {
    return this.seal(this.banks, n, maskBankNumber);
  }

  /** The last value sealed: a row asks up to three times (hash, ciphertext, mask), and a ledger lists a person's months together. */
  private lastCache: Map<string, SealedPii> | undefined;
  private lastValue = '';
  private lastSealed: SealedPii | undefined;

  private seal(cache: Map<string, SealedPii>, value: string, mask: (v: string) => string): SealedPii {
    if (this.lastSealed && this.lastCache === cache && this.lastValue === value) return this.lastSealed;
    let sealed = cache.get(value);
    if (sealed) return this.remember(cache, value, sealed);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    const hash = this.cipher.blindIndex(value);
    const enc = this.cipher.encrypt(value);
    sealed = new SealedPii(hash, enc, mask(value));
    cache.set(ownCopy(value), sealed);
    return this.remember(cache, value, sealed);
  }

  private remember(cache: Map<string, SealedPii>, value: string, sealed: SealedPii): SealedPii {
    this.lastCache = cache;
    this.lastValue = value;
    this.lastSealed = sealed;
    return sealed;
  }
}
