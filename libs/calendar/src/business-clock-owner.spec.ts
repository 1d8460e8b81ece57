import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The business time zone is spelled once, in libs/calendar (docs/decisions/
 * business-time-zone.md): the rest of the service asks `shanghaiDate`, `businessDateSql`,
 * `businessMonthSql` or `BUSINESS_TZ`. Not checked: the browser console and the synthetic
 * data generator, which do not load the service's libraries.
 */
const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['apps/api', 'apps/worker', 'libs', 'tools'];
const OWN = ['libs/calendar/', 'libs/generator/'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'migrations']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = SCANNED.flatMap((d) => sourceFiles(join(ROOT, d)))
  .map((p) => relative(ROOT, p).split('\\').join('/'))
  .filter((p) => !OWN.some((own) => p.startsWith(own)))
  .map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

describe('one business clock (libs/calendar)', () => {
  it('finds the source tree', () => {
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['libs/notices/src/notice-selection.ts', 'libs/reports/src/sql/sql-context.ts']));
  });

  it.each([
    ['AT TIME ZONE with the zone spelled out', /AT\s+TIME\s+ZONE\s+'Asia\/Shanghai'/i, 'businessDateSql / businessMonthSql'],
    ['a +08:00 offset', /\+08:00/, 'startOfShanghaiDay / endOfShanghaiDay'],
    ['an 8-hour offset', /\b8\s*\*\s*(3600|60\s*\*\s*60)\b/, 'shanghaiDate'],
    ["timeZone: 'Asia/Shanghai'", /timeZone:\s*'Asia\/Shanghai'/, 'BUSINESS_TZ'],
  ])('no file outside libs/calendar writes %s', (_what, pattern, use) => {
    const offenders = files.filter((f) => pattern.test(f.text)).map((f) => f.path);
    expect({ offenders, use }).toEqual({ offenders: [], use });
  });
});
