/**
 * `@wage/crypto/pure`: the library without its Nest module or config, for code that must
 * start in milliseconds and load neither Nest nor TypeORM (an import's worker threads,
 * libs/ingest/src/parallel/row-worker.ts). `@wage/crypto` re-exports all of it.
 */
export { PiiCipher } from './pii-cipher';
export { maskBankNumber, maskIdNumber, maskPersonalNumbers } from './masking';
