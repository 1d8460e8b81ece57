import { Role } from '@wage/auth';
import { WorkingCalendar } from '@wage/calendar';
import { loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

describe('working-day calendar', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let inspector: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    admin = (await loginAs(t, { role: Role.Admin })).headers;
    inspector = (await loginAs(t, { role: Role.Inspector, unitCode: 'U1' })).headers;
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> =>
    fetch(`${t.baseUrl}/api/v1${path}`, {
      method,
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('seeds 2026 and 2027 from the shipped files at boot', async () => {
    const res = await call('GET', '/calendar/2026', inspector);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { holidays: string[]; workdays: string[]; provisional: boolean; notes: Record<string, string> };
    expect(body.provisional).toBe(false);
    expect(body.holidays).toContain('2026-10-01');
    expect(body.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(body.notes['2026-10-01']).toBe('国庆节');
    const y2027 = (await (await call('GET', '/calendar/2027', admin)).json()) as { provisional: boolean };
    expect(y2027.provisional).toBe(true);
    expect(t.app.get(WorkingCalendar).knownYears()).toEqual(expect.arrayContaining([2026, 2027]));
  });

  it('answers 404 for a year it does not hold and 400 for a bad year', async () => {
    expect((await call('GET', '/calendar/2031', admin)).status).toBe(404);
    expect((await call('GET', '/calendar/abc', admin)).status).toBe(400);
    expect((await call('GET', '/calendar/1999', admin)).status).toBe(400);
  });

  it('lets only admins edit, validating every date', async () => {
    const good = { holidays: ['2028-01-01', '2028-01-03'], workdays: ['2028-01-08'], notes: { '2028-01-01': '元旦' } };
    expect((await call('PUT', '/calendar/2028', inspector, good)).status).toBe(403);

    const bad = await call('PUT', '/calendar/2028', admin, { holidays: ['2028-02-30', '2027-12-31'], workdays: ['2028-01-04'] });
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { message: string };
    expect(err.message).toContain('"2028-02-30" is not a date');
    expect(err.message).toContain('2027-12-31 is not in 2028');
    expect(err.message).toContain('2028-01-04 is a weekday');
    expect((await call('PUT', '/calendar/2028', admin, { holidays: 'x', workdays: [] })).status).toBe(400);

    const res = await call('PUT', '/calendar/2028', admin, good);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ year: 2028, provisional: false, holidays: good.holidays, workdays: good.workdays });
  });

  it('applies an edit to deadline arithmetic at once', async () => {
    const calendar = t.app.get(WorkingCalendar);
    expect(calendar.isWorkingDay('2028-01-03')).toBe(false); // Monday, set as holiday above
    expect(calendar.isWorkingDay('2028-01-08')).toBe(true); // Saturday, make-up day

    // Replace 2026 without National Day: 2026-10-05 (Monday) becomes a working day.
    const before = (await (await call('GET', '/calendar/2026', admin)).json()) as { holidays: string[]; workdays: string[] };
    expect(calendar.isWorkingDay('2026-10-05')).toBe(false);
    const edited = {
      holidays: before.holidays.filter((d) => !d.startsWith('2026-10')),
      workdays: before.workdays.filter((d) => d !== '2026-10-10'),
    };
    expect((await call('PUT', '/calendar/2026', admin, edited)).status).toBe(200);
    expect(calendar.isWorkingDay('2026-10-05')).toBe(true);
    // Friday 2026-10-02 09:00 Shanghai + 1 working day → Monday 2026-10-05 end of day.
    expect(calendar.addWorkingDays(new Date('2026-10-02T01:00:00Z'), 1).toISOString()).toBe('2026-10-05T15:59:59.999Z');
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-09')).toBe(7);
  });

  it('keeps an admin edit across a restart (the shipped file does not overwrite it)', async () => {
    const calendar = t.app.get(WorkingCalendar);
    await calendar.onModuleInit(); // seeding again, as a new process would
    expect(calendar.isWorkingDay('2026-10-05')).toBe(true);
  });
});
