import { Injectable } from '@nestjs/common';
import { Role } from '@wage/auth';
import { InAppNotificationService, OutboxService } from '@wage/notifications';
import { EntityManager } from 'typeorm';

export interface NotifiedClue {
  clueId: string;
  projectCode: string | null;
  regionCode: string;
}

const SUMMARY_LIMIT = 5;

/**
 * What clue cases tell people, in the caller's transaction: in-app notifications and,
 * for units with a webhook URL, an outbox message (the same outbox as alerts). Bodies
 * carry codes only: a complaint summary can name people.
 */
@Injectable()
export class ClueNotifier {
  constructor(
    private readonly inApp: InAppNotificationService,
    private readonly outbox: OutboxService,
  ) {}

  async routed(m: EntityManager, unitCode: string, clues: NotifiedClue[]): Promise<void> {
    const listed = clues.slice(0, SUMMARY_LIMIT).map((c) => c.clueId).join(', ') + (clues.length > SUMMARY_LIMIT ? ` … +${clues.length - SUMMARY_LIMIT}` : '');
    await this.inApp.notify(m, { unitCode, title: `${clues.length} 条新线索 / new clue case(s) for ${unitCode}`, body: listed });
    await this.outbox.enqueue(m, { receiverType: 'unit', receiverCode: unitCode, event: 'clue.received', payload: { unitCode, clues } });
  }

  /** A running deadline passed: the brigade lead hears of it (admins when unrouted). */
  async overdue(m: EntityManager, brigadeCode: string | null, clue: NotifiedClue, step: string, level: number): Promise<void> {
    const title = `线索 ${clue.clueId} 已超期 / overdue clue (${step}, escalation level ${level})`;
    const body = `clue ${clue.clueId}${clue.projectCode ? ` (project ${clue.projectCode})` : ''}: the ${step} deadline passed`;
    if (!brigadeCode) {
      await this.inApp.notify(m, { roles: [Role.Admin], title, body });
      return;
    }
    await this.inApp.notify(m, { unitCode: brigadeCode, roles: [Role.BrigadeLead], title, body });
    await this.outbox.enqueue(m, {
      receiverType: 'unit',
      receiverCode: brigadeCode,
      event: 'clue.overdue',
      payload: { clue, step, level, brigadeCode },
      dedupeKey: `clue.overdue:${clue.clueId}:${level}`,
    });
  }
}
