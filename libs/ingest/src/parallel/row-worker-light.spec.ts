import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * An import's worker thread must start in milliseconds (docs/decisions/ingest-worker-threads.md):
 * what it loads may not reach Nest, TypeORM or class-validator. A type-only import that
 * names a heavy module is fine, so this loads the thread's real module graph in a child
 * process (with the thread's parent port stubbed) and reads what node actually required.
 */
const PROBE = `
const wt = require('node:worker_threads');
wt.parentPort = { on() {}, postMessage() {} };
wt.workerData = { dataset: 'payroll', header: [], importId: 1, cipherKey: Buffer.alloc(32, 7).toString('base64'), knownProjects: [], limits: {} };
require(process.argv[1]);
const loaded = Object.keys(require.cache);
process.stdout.write(JSON.stringify({ count: loaded.length, heavy: loaded.filter((f) => /node_modules\\/(@nestjs|typeorm|class-validator|class-transformer|reflect-metadata)\\//.test(f)) }));
`;

describe('the import worker thread', () => {
  it('loads its row checks, sealer and encoder without Nest, TypeORM or class-validator', () => {
    const out = execFileSync(process.execPath, ['--require', '@swc-node/register', '-e', PROBE, join(__dirname, 'row-worker.ts')], {
      cwd: join(__dirname, '../../../..'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    const loaded = JSON.parse(out) as { count: number; heavy: string[] };
    expect(loaded.heavy).toEqual([]);
    // 36 modules today (csv-parse, iconv-lite and the library's own); a heavy import adds hundreds.
    expect(loaded.count).toBeLessThan(80);
  });
});
