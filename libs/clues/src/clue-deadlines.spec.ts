import { WorkingDayRules, endOfShanghaiDay, shanghaiDate } from '@wage/calendar';
import { caseDeadlines, deadlineFlags, WorkingDays } from './clue-deadlines';

/** The 2026 PRC calendar around the National Day week (shipped file: libs/calendar/data/2026.json). */
const rules = new WorkingDayRules(
  ['2026-09-25', '2026-09-26', '2026-09-27', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  ['2026-09-20', '2026-10-10'],
);
const calendar: WorkingDays = { addWorkingDays: (from, days) => endOfShanghaiDay(rules.addWorkingDays(shanghaiDate(from), days)) };
const day = (d: Date | null) => (d ? shanghaiDate(d) : null);

describe('clue deadlines', () => {
  it('counts working days across a weekend, a make-up workday and the National Day holiday', () => {
    // Friday 18 Sep: Sunday 20 Sep is a make-up workday, 25 Sep and 1–7 Oct are holidays, Saturday 10 Oct works.
    const d = caseDeadlines(calendar, { status: 'received', receivedOn: '2026-09-18', acceptedAt: null, repliedAt: null, extended: false });
    expect(day(d.acceptDueAt)).toBe('2026-09-20');
    expect(day(d.replyDueAt)).toBe('2026-10-15');
    expect(d).toMatchObject({ nextStep: 'accept', nextDueAt: d.acceptDueAt });
  });

  it('runs the 24-hour contact clock from the acceptance, and the extension adds 15 working days', () => {
    const acceptedAt = new Date('2026-09-21T02:30:00Z');
    const d = caseDeadlines(calendar, { status: 'accepted', receivedOn: '2026-09-18', acceptedAt, repliedAt: null, extended: true });
    expect(d.contactDueAt?.toISOString()).toBe('2026-09-22T02:30:00.000Z');
    expect(d.nextStep).toBe('contact');
    expect(day(d.replyDueAt)).toBe('2026-11-05');
  });

  it('gives the lead 3 working days to review a reply, and nothing runs once closed', () => {
    const repliedAt = new Date('2026-09-30T03:00:00Z'); // Wednesday before the holiday week
    const replied = caseDeadlines(calendar, { status: 'replied', receivedOn: '2026-09-18', acceptedAt: null, repliedAt, extended: false });
    expect(day(replied.reviewDueAt)).toBe('2026-10-10');
    expect(replied.nextStep).toBe('review');
    const closed = caseDeadlines(calendar, { status: 'closed', receivedOn: '2026-09-18', acceptedAt: null, repliedAt, extended: false });
    expect(closed).toMatchObject({ nextStep: null, nextDueAt: null });
  });

  it('is due soon within a working day of the deadline, overdue after it', () => {
    const due = new Date('2026-09-22T15:59:59.999Z');
    expect(deadlineFlags(due, new Date('2026-09-21T01:00:00Z'), new Date('2026-09-22T15:59:59.999Z'))).toEqual({ overdue: false, dueSoon: true });
    expect(deadlineFlags(due, new Date('2026-09-18T01:00:00Z'), new Date('2026-09-20T15:59:59.999Z'))).toEqual({ overdue: false, dueSoon: false });
    expect(deadlineFlags(due, new Date('2026-09-23T01:00:00Z'), new Date('2026-09-24T15:59:59.999Z'))).toEqual({ overdue: true, dueSoon: false });
  });
});
