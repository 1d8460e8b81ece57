import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The alert store (this folder) is the only writer of alert events and the only place
 * that spells the shared alert SQL (issue 16): everyone else imports
 * INSERT_ALERT_EVENTS_SQL / appendAlertEvents(From), ACTIVE_STATUSES_SQL and
 * severityRankSql. Fixtures that seed a history with its own timestamps (test/, bench/)
 * may write it directly.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const STORE = join('libs', 'alerts', 'src', 'store');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'migrations']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const outsideStore = ['apps', 'libs', 'tools']
  .flatMap((d) => sourceFiles(join(ROOT, d)))
  .map((p) => relative(ROOT, p))
  .filter((p) => !p.startsWith(STORE + sep))
  .map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

describe('the alert store owns alert writes and the shared alert SQL', () => {
  it('finds the source tree', () => {
    expect(outsideStore.length).toBeGreaterThan(100);
    expect(outsideStore.map((f) => f.path)).toContain(join('libs', 'scans', 'src', 'reconcile-alerts.ts'));
  });

  it.each([
    ['an INSERT into alert_events', /INSERT\s+INTO\s+alert_events\b/i, 'INSERT_ALERT_EVENTS_SQL, appendAlertEvents or appendAlertEventsFrom'],
    ['the active statuses spelled out', /\(\s*'open'\s*,\s*'acknowledged'\s*,\s*'in_progress'\s*\)/, 'ACTIVE_STATUSES_SQL'],
    ['a severity rank CASE', /CASE\s+[\w.]*severity\s+WHEN\s+'red'\s+THEN\s+0\b/i, 'severityRankSql / severityOfRankSql'],
  ])('no file outside libs/alerts/src/store contains %s', (_what, pattern, use) => {
    const offenders = outsideStore.filter((f) => pattern.test(f.text)).map((f) => f.path);
    expect({ offenders, use }).toEqual({ offenders: [], use });
  });
});
