import { NoticeStatus } from './entities/notice.entity';

export interface NoticeAlertView {
  alertId: number;
  rule: string;
  ruleTitle: string;
  severity: string;
  /** The alert's status now (it may have moved on since the notice went out). */
  alertStatus: string | null;
  evidence: Record<string, unknown>;
  requestedAction: string;
}

export interface NoticeProjectView {
  projectCode: string;
  projectName: string | null;
  industry: string | null;
  outcome: string | null;
  alerts: NoticeAlertView[];
}

export interface NoticeSummary {
  id: number;
  number: string;
  bureauCode: string;
  bureauName: string | null;
  issuerName: string;
  issuedOn: string;
  replyDueAt: Date;
  status: NoticeStatus;
  projectCount: number;
  alertCount: number;
  acknowledgedAt: Date | null;
  repliedAt: Date | null;
  reminderSentAt: Date | null;
}

export interface NoticeView extends NoticeSummary {
  acknowledgedBy: string | null;
  repliedBy: string | null;
  replyText: string | null;
  createdAt: Date;
  projects: NoticeProjectView[];
}
