import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { InAppNotificationInput, InAppNotificationService } from '@wage/notifications';
import { createApiKey, LoggedIn, loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

interface ListBody {
  unread: number;
  items: Array<{ id: number; title: string; body: string; alertId: number | null; noticeId: number | null; readAt: string | null }>;
}

describe('in-app notifications', () => {
  let t: TestApp;
  let db: DataSource;
  let lead1: LoggedIn;
  let inspector1: LoggedIn;
  let inspector2: LoggedIn;
  let officer: LoggedIn;
  let disabledLead: LoggedIn;

  const notify = (n: InAppNotificationInput): Promise<number> => db.transaction((m) => t.app.get(InAppNotificationService).notify(m, n));
  const call = async (method: string, path: string, who: { headers: Record<string, string> }): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${t.baseUrl}/api/v1${path}`, { method, headers: who.headers });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const list = async (who: LoggedIn, query = ''): Promise<ListBody> => {
    const res = await call('GET', `/notifications${query}`, who);
    expect(res.status).toBe(200);
    return res.body as ListBody;
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    db = t.app.get(DataSource);
    lead1 = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'U1' });
    inspector1 = await loginAs(t, { role: Role.Inspector, unitCode: 'U1' });
    inspector2 = await loginAs(t, { role: Role.Inspector, unitCode: 'U2' });
    officer = await loginAs(t, { role: Role.BureauOfficer, bureauCode: 'B1' });
    disabledLead = await loginAs(t, { role: Role.BrigadeLead, unitCode: 'U1' });
    await db.query('UPDATE users SET disabled = true WHERE id = $1', [disabledLead.principal.id]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('resolves recipients by unit and role, by bureau, and by id; never everyone', async () => {
    expect(await notify({ unitCode: 'U1', roles: [Role.BrigadeLead], title: '告警逾期', body: 'A-1 已逾期', alertId: 1 })).toBe(1);
    expect(await notify({ unitCode: 'U1', title: '新告警', body: 'A-2', alertId: 2 })).toBe(2);
    expect(await notify({ bureauCode: 'B1', title: '联合通知', body: 'N-1', noticeId: 7 })).toBe(1);
    expect(await notify({ userIds: [inspector2.principal.id], unitCode: 'U1', roles: [Role.BrigadeLead], title: 'x', body: 'y' })).toBe(2);
    expect(await notify({ title: 'to nobody', body: '' })).toBe(0);
    expect(await notify({ roles: [], title: 'to nobody', body: '' })).toBe(0);
    expect(await notify({ userIds: [disabledLead.principal.id], title: 'disabled', body: '' })).toBe(0);
  });

  it('lists only the caller\'s own notifications, newest first', async () => {
    const mine = await list(lead1);
    expect(mine.unread).toBe(3);
    expect(mine.items.map((n) => n.title)).toEqual(['x', '新告警', '告警逾期']);
    expect(mine.items[2]).toMatchObject({ alertId: 1, noticeId: null, readAt: null });
    expect((await list(officer)).items).toEqual([expect.objectContaining({ title: '联合通知', noticeId: 7 })]);
    expect((await list(inspector1)).items.map((n) => n.title)).toEqual(['新告警']);
    expect((await list(lead1, '?limit=1&offset=1')).items.map((n) => n.title)).toEqual(['新告警']);
  });

  it('marks read (own only) and filters unread', async () => {
    const [newest] = (await list(lead1)).items;
    expect((await call('POST', `/notifications/${newest.id}/read`, inspector2)).status).toBe(404);
    const read = await call('POST', `/notifications/${newest.id}/read`, lead1);
    expect(read.status).toBe(200);
    expect((read.body as { readAt: string | null }).readAt).not.toBeNull();
    const unread = await list(lead1, '?unread=true');
    expect(unread.unread).toBe(2);
    expect(unread.items.map((n) => n.id)).not.toContain(newest.id);
    expect((await call('POST', '/notifications/read-all', lead1)).body).toEqual({ updated: 2 });
    expect((await list(lead1, '?unread=true')).items).toEqual([]);
  });

  it('validates queries and refuses submitters', async () => {
    expect((await call('GET', '/notifications?unread=maybe', lead1)).status).toBe(400);
    expect((await call('GET', '/notifications?limit=0', lead1)).status).toBe(400);
    expect((await call('POST', '/notifications/abc/read', lead1)).status).toBe(400);
    const submitter = await createApiKey(t);
    expect((await call('GET', '/notifications', submitter)).status).toBe(403);
    expect((await fetch(`${t.baseUrl}/api/v1/notifications`)).status).toBe(401);
  });
});
