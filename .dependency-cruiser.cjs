/**
 * `npm run depcheck` (part of `npm test`): the library graph stays a DAG and the apps stay
 * apart. Libraries are imported as @wage/<name> (their index.ts), so a cycle between two
 * libraries shows up as a cycle between modules.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-library-cycle',
      severity: 'error',
      comment: 'A cycle that leaves its library and comes back: move the shared piece into a leaf library (e.g. libs/common).',
      from: { path: '^libs/([^/]+)/' },
      to: { circular: true, via: { path: '^libs/', pathNot: '^libs/$1/' } },
    },
    {
      name: 'library-entry-only',
      severity: 'error',
      comment:
        "Use another library through its entry, @wage/<name> (index.ts) or @wage/<name>/pure (pure.ts: no Nest, no TypeORM), not its internal files: the entry is the library's contract.",
      from: { path: '^(libs/[^/]+|apps/(api|worker))/' },
      to: { path: '^libs/', pathNot: ['^$1/', '^libs/[^/]+/src/(index|pure)\\.ts$'] },
    },
    {
      name: 'no-app-to-app',
      severity: 'error',
      comment: 'An app must not import another app: share code through a library (e.g. libs/platform).',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-to-app',
      severity: 'error',
      comment: 'Libraries never import apps.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/|\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
