import { Injectable } from '@nestjs/common';
import { Role } from '@wage/auth';
import { InAppNotificationService, OutboxService } from '@wage/notifications';
import { EntityManager } from 'typeorm';

export interface NotifiedAlert {
  id: number;
  projectCode: string;
  rule: string;
  severity: string;
}

const SUMMARY_LIMIT = 5;

const listed = (alerts: NotifiedAlert[]): string =>
  alerts
    .slice(0, SUMMARY_LIMIT)
    .map((a) => `#${a.id} ${a.projectCode} ${a.rule} (${a.severity})`)
    .join('; ') + (alerts.length > SUMMARY_LIMIT ? ` … and ${alerts.length - SUMMARY_LIMIT} more` : '');

/**
 * What the workflow tells people, written in the caller's transaction: in-app
 * notifications (always) and a webhook message via the outbox (when the receiver has a
 * webhook URL). Bodies carry codes and figures, never personal data.
 */
@Injectable()
export class WorkflowNotifier {
  constructor(
    private readonly inApp: InAppNotificationService,
    private readonly outbox: OutboxService,
  ) {}

  /** New or returning alerts routed to a unit: one notification per unit and batch. */
  async alertsRouted(manager: EntityManager, unitCode: string, alerts: NotifiedAlert[]): Promise<void> {
    await this.inApp.notify(manager, {
      unitCode,
      title: `${alerts.length} new alert(s) for ${unitCode}`,
      body: listed(alerts),
      alertId: alerts.length === 1 ? alerts[0].id : undefined,
    });
    await this.outbox.enqueue(manager, {
      receiverType: 'unit',
      receiverCode: unitCode,
      event: 'alert.raised',
      payload: { unitCode, alerts },
    });
  }

  /** An alert passed its deadline: the brigade lead hears of it (admins when unrouted). */
  async escalated(manager: EntityManager, brigadeCode: string | null, alert: NotifiedAlert, level: number): Promise<void> {
    const title = `Overdue alert #${alert.id} (escalation level ${level})`;
    const body = `${alert.projectCode} ${alert.rule} (${alert.severity}) passed its deadline`;
    if (!brigadeCode) {
      await this.inApp.notify(manager, { roles: [Role.Admin], title, body, alertId: alert.id });
      return;
    }
    await this.inApp.notify(manager, { unitCode: brigadeCode, roles: [Role.BrigadeLead], title, body, alertId: alert.id });
    await this.outbox.enqueue(manager, {
      receiverType: 'unit',
      receiverCode: brigadeCode,
      event: 'alert.overdue',
      payload: { alert, level, brigadeCode },
      dedupeKey: `alert.overdue:${alert.id}:${level}`,
    });
  }
}
