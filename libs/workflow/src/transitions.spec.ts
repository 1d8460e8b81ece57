import { Role } from '@wage/auth';
import { checkTransition } from './transitions';

describe('alert state machine', () => {
  it('follows the lifecycle of workflow.md', () => {
    expect(checkTransition('acknowledge', 'open', Role.Inspector)).toEqual({ ok: true, to: 'acknowledged' });
    expect(checkTransition('start', 'acknowledged', Role.Inspector)).toEqual({ ok: true, to: 'in_progress' });
    expect(checkTransition('resolve', 'in_progress', Role.Inspector)).toEqual({ ok: true, to: 'resolved' });
    expect(checkTransition('resolve', 'open', Role.BrigadeLead)).toEqual({ ok: true, to: 'resolved' });
    expect(checkTransition('reopen', 'cleared', Role.BrigadeLead)).toEqual({ ok: true, to: 'open' });
    expect(checkTransition('comment', 'resolved', Role.Inspector)).toEqual({ ok: true, to: 'resolved' });
  });
  it('refuses illegal transitions naming the current state', () => {
    const r = checkTransition('start', 'open', Role.Inspector);
    expect(r).toMatchObject({ ok: false, kind: 'conflict' });
    expect(!r.ok && r.message).toContain('open');
    expect(checkTransition('acknowledge', 'resolved', Role.Admin)).toMatchObject({ kind: 'conflict' });
    expect(checkTransition('suppress', 'cleared', Role.Admin)).toMatchObject({ kind: 'conflict' });
  });
  it('keeps reopen for leads and admins and actions away from readers', () => {
    expect(checkTransition('reopen', 'resolved', Role.Inspector)).toMatchObject({ kind: 'forbidden' });
    expect(checkTransition('comment', 'open', Role.Auditor)).toMatchObject({ kind: 'forbidden' });
    expect(checkTransition('acknowledge', 'open', Role.BureauOfficer)).toMatchObject({ kind: 'forbidden' });
    expect(checkTransition('assign', 'open', Role.Inspector)).toMatchObject({ kind: 'forbidden' });
  });
});
