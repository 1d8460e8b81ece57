import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@wage/auth';
import { shanghaiDate } from '@wage/calendar';
import { InAppNotificationService, OutboxService } from '@wage/notifications';

interface OverdueRow {
  id: number;
  number: string;
  bureauCode: string;
  bureauName: string | null;
  replyDueAt: Date;
}

/**
 * Notices past their reply deadline without a reply become overdue; each overdue notice
 * sends ONE reminder to the bureau (outbox) and one in-app notification to the brigade
 * leads of the units whose alerts are on it. reminder_sent_at makes it once-only, and
 * rows are claimed with SKIP LOCKED so two workers never remind twice.
 */
@Injectable()
export class NoticeDeadlineService {
  private readonly logger = new Logger(NoticeDeadlineService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly inApp: InAppNotificationService,
  ) {}

  async check(now: Date = new Date()): Promise<{ overdue: number; reminded: number }> {
    return this.dataSource.transaction(async (m) => {
      // A CTE so the driver returns rows (a bare UPDATE ... RETURNING comes back as [rows, count]).
      const [{ marked }] = await m.query<Array<{ marked: number }>>(
        `WITH u AS (UPDATE notices SET status = 'overdue'
                    WHERE replied_at IS NULL AND reply_due_at < $1 AND status IN ('sent', 'acknowledged') RETURNING id)
         SELECT count(*)::int AS marked FROM u`,
        [now],
      );
      const due = await m.query<OverdueRow[]>(
        `SELECT n.id::int AS id, n.number, n.bureau_code AS "bureauCode", b.name AS "bureauName", n.reply_due_at AS "replyDueAt"
         FROM notices n LEFT JOIN industry_bureaus b ON b.bureau_code = n.bureau_code
         WHERE n.status = 'overdue' AND n.replied_at IS NULL AND n.reminder_sent_at IS NULL
         ORDER BY n.id FOR UPDATE OF n SKIP LOCKED`,
      );
      for (const n of due) {
        const dueDate = shanghaiDate(new Date(n.replyDueAt));
        await this.outbox.enqueue(m, {
          receiverType: 'bureau',
          receiverCode: n.bureauCode,
          event: 'joint_notice.reminder',
          payload: { noticeId: n.id, number: n.number, bureauCode: n.bureauCode, replyDueAt: n.replyDueAt, status: 'overdue' },
          dedupeKey: `joint_notice.reminder:${n.id}`,
        });
        await this.inApp.notify(m, {
          bureauCode: n.bureauCode,
          roles: [Role.BureauOfficer],
          title: `联合督办通知 ${n.number} 已超期`,
          body: `该通知应于 ${dueDate} 前回复，请尽快反馈处理情况。`,
          noticeId: n.id,
        });
        for (const unitCode of await this.brigadesOf(m, n.id)) {
          await this.inApp.notify(m, {
            unitCode,
            roles: [Role.BrigadeLead],
            title: `联合督办通知 ${n.number} 逾期未回复`,
            body: `${n.bureauName ?? n.bureauCode}未在 ${dueDate} 前回复联合督办通知 ${n.number}。`,
            noticeId: n.id,
          });
        }
        await m.query('UPDATE notices SET reminder_sent_at = $2 WHERE id = $1', [n.id, now]);
      }
      if (due.length) this.logger.log(`reminded ${due.length} overdue joint notice(s)`);
      return { overdue: marked, reminded: due.length };
    });
  }

  /** Brigades (the unit itself, or a team's parent brigade) of the alerts on a notice. */
  private async brigadesOf(m: EntityManager, noticeId: number): Promise<string[]> {
    const rows = await m.query<Array<{ unitCode: string }>>(
      `SELECT DISTINCT COALESCE(CASE WHEN u.kind = 'team' THEN u.parent_unit_code END, a.unit_code) AS "unitCode"
       FROM notice_items i JOIN alerts a ON a.id = i.alert_id
       LEFT JOIN inspection_units u ON u.unit_code = a.unit_code
       WHERE i.notice_id = $1 AND a.unit_code IS NOT NULL`,
      [noticeId],
    );
    return rows.map((r) => r.unitCode).filter(Boolean);
  }
}
