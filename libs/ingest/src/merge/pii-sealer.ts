import { maskBankNumber, maskIdNumber, PiiCipher } from '@wage/crypto';

export interface SealedPii {
  hash: Buffer;
  enc: Buffer;
  masked: string;
}

/** Entries kept per kind; a payroll file repeats each worker about 12 times. */
const CACHE_LIMIT = 50_000;

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

  private seal(cache: Map<string, SealedPii>, value: string, mask: (v: string) => string): SealedPii {
    let sealed = cache.get(value);
    if (sealed) return sealed;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    sealed = { hash: this.cipher.blindIndex(value), enc: this.cipher.encrypt(value), masked: mask(value) };
    cache.set(value, sealed);
    return sealed;
  }
}
