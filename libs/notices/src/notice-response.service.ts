import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@wage/auth';
import { Notice } from './entities/notice.entity';
import { EventActor, recordOnAlerts } from './notice-alert-events';
import { NoticeQueryService } from './notice-query.service';
import { NoticeView } from './notice-view';

export interface ProjectOutcome {
  projectCode: string;
  outcome: string;
}

/**
 * The bureau's side: acknowledge receipt, then reply once with what it did. Both are
 * stored on the notice and appended as events to every alert on it, so the labour side
 * sees the answer where it works (the alert's history).
 */
@Injectable()
export class NoticeResponseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: NoticeQueryService,
  ) {}

  /** Idempotent: acknowledging again returns the notice unchanged. */
  async acknowledge(principal: Principal, id: number): Promise<NoticeView> {
    return this.dataSource.transaction(async (m) => {
      await this.queries.get(principal, id, m); // 404 outside the caller's bureau
      const notice = await m.getRepository(Notice).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (notice.acknowledgedAt) return this.queries.get(principal, id, m);
      const now = new Date();
      await m.getRepository(Notice).update(
        { id },
        {
          acknowledgedAt: now,
          acknowledgedBy: principal.id,
          acknowledgedByName: principal.name,
          // A notice already replied to or overdue keeps that status; receipt is still recorded.
          status: notice.status === 'sent' ? 'acknowledged' : notice.status,
        },
      );
      await recordOnAlerts(m, id, 'bureau_acknowledged', `${principal.name} 已签收联合督办通知 ${notice.number}`, {
        noticeId: id,
        number: notice.number,
        bureauCode: notice.bureauCode,
      }, actorOf(principal));
      return this.queries.get(principal, id, m);
    });
  }

  async reply(principal: Principal, id: number, text: string, outcomes: ProjectOutcome[] = []): Promise<NoticeView> {
    return this.dataSource.transaction(async (m) => {
      const view = await this.queries.get(principal, id, m);
      const notice = await m.getRepository(Notice).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (notice.repliedAt) {
        throw new ConflictException(`Notice ${notice.number} was already replied to on ${notice.repliedAt.toISOString()}; a notice takes one reply`);
      }
      const onNotice = new Set(view.projects.map((p) => p.projectCode));
      const unknown = outcomes.filter((o) => !onNotice.has(o.projectCode)).map((o) => o.projectCode);
      if (unknown.length) {
        throw new BadRequestException(
          `outcomes: project(s) ${unknown.join(', ')} are not on notice ${notice.number}; use one of ${[...onNotice].join(', ')}`,
        );
      }
      const now = new Date();
      await m.getRepository(Notice).update(
        { id },
        {
          status: 'replied',
          repliedAt: now,
          repliedBy: principal.id,
          repliedByName: principal.name,
          replyText: text,
          // Replying implies receipt.
          acknowledgedAt: notice.acknowledgedAt ?? now,
          acknowledgedBy: notice.acknowledgedBy ?? principal.id,
          acknowledgedByName: notice.acknowledgedByName ?? principal.name,
        },
      );
      for (const o of outcomes) {
        await m.query('UPDATE notice_items SET outcome = $3 WHERE notice_id = $1 AND project_code = $2', [id, o.projectCode, o.outcome]);
      }
      await recordOnAlerts(
        m,
        id,
        'bureau_reply',
        text,
        { noticeId: id, number: notice.number, bureauCode: notice.bureauCode },
        actorOf(principal),
        `$7::jsonb || jsonb_build_object('outcome', i.outcome)`,
      );
      return this.queries.get(principal, id, m);
    });
  }
}

function actorOf(p: Principal): EventActor {
  return { kind: p.kind, id: p.id, name: p.name };
}
