import { Role } from '@wage/auth';
import { ALERT_TRANSITIONS, checkTransition, scanTransition } from './alert-lifecycle';
import { QUEUE_ORDER_SQL, severityOfRankSql, severityRankSql } from './alert-sql';

describe('the alert transition table: scans', () => {
  it.each([
    // status, condition, conditionPresent flag → scan action
    [null, true, null, 'raise'],
    [null, false, null, null],
    ['open', true, null, 'update'],
    ['acknowledged', true, null, 'update'],
    ['in_progress', false, null, 'clear'],
    ['cleared', true, null, 'reopen'],
    ['cleared', false, null, null],
    ['resolved', true, null, 'record_still_present'], // first scan after the resolution
    ['resolved', true, true, 'record_still_present'], // the ten nightly scans after it
    ['resolved', false, true, 'record_gone'],
    ['resolved', true, false, 'reopen'], // gone after the resolution, and back
  ] as const)('%s, condition %s, flag %s → %s', (status, condition, flag, expected) => {
    expect(scanTransition(status, condition, flag)).toBe(expected);
  });

  it('never moves a resolved alert while its condition keeps holding', () => {
    expect(ALERT_TRANSITIONS.scan.record_still_present).toMatchObject({ from: ['resolved'], to: null });
    expect(ALERT_TRANSITIONS.scan.update.from).not.toContain('resolved');
    expect(ALERT_TRANSITIONS.scan.clear.from).not.toContain('resolved');
  });
});

describe('the alert transition table: people', () => {
  // workflow.md: only brigade leads and admins assign and reopen.
  it.each([
    ['assign', 'open', Role.Inspector, { ok: false, kind: 'forbidden', message: expect.stringContaining('may not assign') }],
    ['assign', 'acknowledged', Role.BrigadeLead, { ok: true, to: 'acknowledged' }],
    ['reopen', 'resolved', Role.Admin, { ok: true, to: 'open' }],
    ['resolve', 'in_progress', Role.Inspector, { ok: true, to: 'resolved' }],
  ] as const)('%s on a %s alert by a %s → %o', (action, from, role, expected) => {
    expect(checkTransition(action, from, role)).toEqual(expected);
  });
});

describe('shared SQL pieces', () => {
  it('ranks severities as the queue orders them and keeps one queue order', () => {
    expect(severityRankSql('a')).toBe(`CASE a.severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END`);
    expect(severityOfRankSql('min(x)')).toBe(`CASE min(x) WHEN 0 THEN 'red' WHEN 1 THEN 'orange' WHEN 2 THEN 'yellow' END`);
    expect(QUEUE_ORDER_SQL).toMatch(/^CASE a\.severity .* END, a\.queue_risk DESC, a\.shortfall_fen DESC, a\.first_seen_at ASC, a\.id ASC$/);
  });
});
