/**
 * `@wage/datasets/pure`: the library's enums and identifier checks without its TypeORM
 * entities, for code that must start in milliseconds (an import's worker threads,
 * libs/ingest/src/parallel/row-worker.ts). `@wage/datasets` re-exports all of it.
 */
export * from './entities/enums';
export { ID_NUMBER_CHECK, ID_NUMBER_WEIGHTS, idNumberCheckChar, USCC_ALPHABET, usccCheckChar } from './identifiers';
