/**
 * Unit tests sit beside the code (*.spec.ts); e2e tests under test/ (*.e2e-spec.ts).
 *
 * NestJS 12 ships as ES modules only, and jest on Node 20 cannot require() ES modules;
 * so @swc/jest also compiles those packages to CommonJS (cached after the first run).
 */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const ESM_ONLY = ['@nestjs', 'stream-json', 'stream-chain', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit', 'load-esm'];
const common = {
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  // A library's public entry (index.ts), or its Nest-free one (pure.ts, e.g. @wage/crypto/pure).
  moduleNameMapper: { '^@wage/([a-z0-9-]+)$': '<rootDir>/libs/$1/src', '^@wage/([a-z0-9-]+)/pure$': '<rootDir>/libs/$1/src/pure' },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

module.exports = {
  // The one timeout (jest ignores it inside projects). E2e tests boot the real service,
  // some start child processes that compile TypeScript, and the embedded-default test runs
  // the whole pipeline on a fresh embedded PostgreSQL, on a busy shared machine.
  testTimeout: 600_000,
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/tools'], testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      // Migrate once into a template database; each file copies it (test/support/test-env.ts).
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
