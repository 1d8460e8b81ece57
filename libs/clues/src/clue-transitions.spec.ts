import { Role } from '@wage/auth';
import { checkClueTransition } from './clue-transitions';
import { yuanToFen } from './money';

describe('clue state machine', () => {
  it('follows the lifecycle of clues.md, with return for rework', () => {
    expect(checkClueTransition('accept', 'received', Role.Inspector)).toEqual({ ok: true, to: 'accepted' });
    expect(checkClueTransition('contact', 'accepted', Role.Inspector)).toEqual({ ok: true, to: 'contacted' });
    expect(checkClueTransition('reply', 'contacted', Role.Inspector)).toEqual({ ok: true, to: 'replied' });
    expect(checkClueTransition('return', 'replied', Role.BrigadeLead)).toEqual({ ok: true, to: 'contacted' });
    expect(checkClueTransition('approve', 'replied', Role.BrigadeLead)).toEqual({ ok: true, to: 'closed' });
    expect(checkClueTransition('merge', 'accepted', Role.BrigadeLead)).toEqual({ ok: true, to: 'closed' });
    expect(checkClueTransition('comment', 'closed', Role.Inspector)).toEqual({ ok: true, to: 'closed' });
  });
  it('refuses what the state does not allow, naming the state', () => {
    const r = checkClueTransition('reply', 'accepted', Role.Inspector);
    expect(r).toMatchObject({ ok: false, kind: 'conflict' });
    expect(!r.ok && r.message).toContain('accepted');
    expect(checkClueTransition('extend', 'replied', Role.BrigadeLead)).toMatchObject({ kind: 'conflict' });
    expect(checkClueTransition('merge', 'closed', Role.Admin)).toMatchObject({ kind: 'conflict' });
  });
  it('keeps review, merge, assign and extend for leads, and every action away from readers', () => {
    for (const action of ['approve', 'return'] as const) expect(checkClueTransition(action, 'replied', Role.Inspector)).toMatchObject({ kind: 'forbidden' });
    for (const action of ['merge', 'assign', 'extend'] as const) expect(checkClueTransition(action, 'received', Role.Inspector)).toMatchObject({ kind: 'forbidden' });
    expect(checkClueTransition('comment', 'received', Role.Auditor)).toMatchObject({ kind: 'forbidden' });
    expect(checkClueTransition('accept', 'received', Role.BureauOfficer)).toMatchObject({ kind: 'forbidden' });
  });
  it('stores reply amounts as exact fen', () => {
    expect(yuanToFen('12500.5')).toBe(1250050);
    expect(yuanToFen(8000)).toBe(800000);
    expect(yuanToFen('1.234')).toBeNull();
  });
});
