import { CipherGCM, createCipheriv, createDecipheriv, createHmac, Hmac, hkdfSync, randomFillSync } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs drawn at once from the CSPRNG: one call per value cost as much as the encryption itself. */
const IV_POOL_BYTES = IV_BYTES * 1024;

/**
 * Personal data at rest: AES-256-GCM with a random IV per value, and a keyed blind
 * index (HMAC-SHA256) so equal values can be joined and looked up without decrypting.
 * Both keys are derived from DATA_ENCRYPTION_KEY with HKDF, so one secret configures
 * the service and the two uses never share a key.
 *
 * Ciphertext layout: [version 1 byte][iv 12][tag 16][ciphertext].
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly ivPool = Buffer.alloc(IV_POOL_BYTES);
  private ivAt = IV_POOL_BYTES;
  /**
   * The last cipher and HMAC objects (finished: they hold nothing the keys above do not),
   * kept only so that one instance of each stays alive.
   * A full collection that finds none (between two values) drops their hidden classes
   * and, with them, the optimised code of every function that made them; a bulk import
   * then ran re-warming code after each of its GC nudges (docs/decisions/ingest-gc-nudges.md).
   */
  private lastCipher: CipherGCM | undefined;
  private lastHmac: Hmac | undefined;

  constructor(masterKeyBase64: string) {
    const master = Buffer.from(masterKeyBase64, 'base64');
    if (master.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must decode to 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'wage-warning/pii-encryption/v1', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'wage-warning/pii-blind-index/v1', 32));
  }

  encrypt(plain: string): Buffer {
    if (this.ivAt === IV_POOL_BYTES) {
      randomFillSync(this.ivPool);
      this.ivAt = 0;
    }
    // Copied out: each IV is used once and the pool is refilled in place.
    const iv = Buffer.from(this.ivPool.subarray(this.ivAt, (this.ivAt += IV_BYTES)));
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    this.lastCipher = cipher;
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    if (sealed[0] !== VERSION) throw new Error(`unknown PII ciphertext version ${sealed[0]}`);
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** Deterministic 32-byte index of a normalised value (same input, same bytes). */
  blindIndex(plain: string): Buffer {
    const hmac = createHmac('sha256', this.indexKey);
    this.lastHmac = hmac;
    return hmac.update(plain, 'utf8').digest();
  }
}
