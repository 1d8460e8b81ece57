import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from './sql-rows';

export interface InAppNotificationInput {
  /** These users, whatever their unit. */
  userIds?: string[];
  /** And/or every user matching ALL of the given filters (unit, bureau, roles). */
  unitCode?: string;
  bureauCode?: string;
  roles?: string[];
  title: string;
  body: string;
  alertId?: number;
  noticeId?: number;
}

export interface NotificationView {
  id: number;
  title: string;
  body: string;
  alertId: number | null;
  noticeId: number | null;
  createdAt: Date;
  readAt: Date | null;
}

const VIEW_COLUMNS = 'id, title, body, alert_id AS "alertId", notice_id AS "noticeId", created_at AS "createdAt", read_at AS "readAt"';

/** In-app notifications: one row per recipient, resolved from the users table in one statement. */
@Injectable()
export class InAppNotificationService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Notifies, inside the caller's transaction, the listed users plus every enabled user
   * matching all the given filters (e.g. { unitCode: 'U1', roles: ['brigade_lead'] }).
   * Without userIds and without any filter nobody is notified (never "everyone").
   * Returns how many users were notified.
   */
  async notify(manager: EntityManager, n: InAppNotificationInput): Promise<number> {
    const hasFilter = n.unitCode !== undefined || n.bureauCode !== undefined || (n.roles?.length ?? 0) > 0;
    if (!hasFilter && !n.userIds?.length) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO notifications (user_id, title, body, alert_id, notice_id)
       SELECT u.id, $6, $7, $8, $9 FROM users u
       WHERE NOT u.disabled AND (
         u.id = ANY($1::uuid[])
         OR ($2 AND ($3::varchar IS NULL OR u.unit_code = $3) AND ($4::varchar IS NULL OR u.bureau_code = $4)
                AND ($5::varchar[] IS NULL OR u.role = ANY($5::varchar[])))
       )
       RETURNING id`,
      [
        n.userIds ?? [],
        hasFilter,
        n.unitCode ?? null,
        n.bureauCode ?? null,
        n.roles?.length ? n.roles : null,
        n.title,
        n.body,
        n.alertId ?? null,
        n.noticeId ?? null,
      ],
    );
    return rows.length;
  }

  async list(userId: string, q: { unreadOnly: boolean; limit: number; offset: number }): Promise<{
    unread: number;
    items: NotificationView[];
  }> {
    const items = await this.dataSource.query<NotificationView[]>(
      `SELECT ${VIEW_COLUMNS} FROM notifications WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
       ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [userId, q.unreadOnly, q.limit, q.offset],
    );
    const [{ unread }] = await this.dataSource.query<Array<{ unread: number }>>(
      'SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return { unread, items };
  }

  /** Marks one of the caller's own notifications read (404 for anyone else's: no probing). */
  async markRead(userId: string, id: number): Promise<NotificationView> {
    const result: unknown = await this.dataSource.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${VIEW_COLUMNS}`,
      [id, userId],
    );
    const [row] = returnedRows<NotificationView>(result);
    if (!row) throw new NotFoundException(`You have no notification ${id}`);
    return row;
  }

  async markAllRead(userId: string): Promise<{ updated: number }> {
    const result: unknown = await this.dataSource.query(
      'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id',
      [userId],
    );
    return { updated: returnedRows(result).length };
  }
}
