import { createHash, randomBytes } from 'node:crypto';

/** "wk_" + 32 random bytes in base64url: high entropy, so SHA-256 storage is safe. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `wk_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 10) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
