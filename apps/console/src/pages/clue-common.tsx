import { Space, Tag } from 'antd';
import { ReactNode } from 'react';
import { formatTime, label } from '../components/common';
import { t } from '../i18n/zh-CN';

/** A clue case as GET /api/v1/clues lists it. */
export interface ClueItem {
  clueId: string;
  receivedOn: string;
  source: string;
  regionCode: string;
  projectCode: string | null;
  projectName: string | null;
  workersInvolved: number;
  amountClaimed: string | null;
  summary: string | null;
  status: string;
  unitCode: string | null;
  assignee: { id: string; username: string | null } | null;
  nextDeadline: string | null;
  nextStep: string | null;
  dueSoon: boolean;
  overdue: boolean;
  escalationLevel: number;
  outcome: string | null;
  recoveredAmount: string | null;
  workersPaid: number | null;
}

export interface ClueEvent {
  id: number;
  at: string;
  actorKind: string;
  actorName: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

export interface ClueDetail extends ClueItem {
  employerUscc: string | null;
  routingReason: string | null;
  deadlines: { accept: string | null; contact: string | null; reply: string | null; review: string | null };
  extended: boolean;
  extensionReason: string | null;
  replyNote: string | null;
  duplicateOf: string | null;
  duplicates: string[];
  relatedAlerts: Array<{ id: number; rule: string; severity: string; status: string }>;
  events: ClueEvent[];
}

export interface CluePage {
  items: ClueItem[];
  total: number;
}

/** Statuses a case can still be worked in (the queue's default filter). */
export const OPEN_STATUSES = ['received', 'accepted', 'contacted', 'replied'];

// One label helper for the whole console: an unknown value shows 未知, never its code.
export { label };

const STATUS_COLOR: Record<string, string> = { received: 'blue', accepted: 'cyan', contacted: 'geekblue', replied: 'purple', closed: 'green' };

export function ClueStatusTag({ status }: { status: string }): ReactNode {
  return <Tag color={STATUS_COLOR[status]}>{label(t.clueStatus, status)}</Tag>;
}

/** The due-soon / overdue / escalation badges of a case. */
export function ClueBadges({ clue }: { clue: Pick<ClueItem, 'dueSoon' | 'overdue' | 'escalationLevel'> }): ReactNode {
  return (
    <Space size={4} wrap>
      {clue.overdue && <Tag color="red">{t.clues.overdue}</Tag>}
      {clue.dueSoon && <Tag color="orange">{t.clues.dueSoon}</Tag>}
      {clue.escalationLevel > 0 && (
        <Tag color="volcano">
          {t.clues.escalation} {clue.escalationLevel}
          {t.clues.level}
        </Tag>
      )}
    </Space>
  );
}

/** "回复期限 2026/10/15 23:59:59" with the badges. */
export function ClueDeadline({ clue }: { clue: ClueItem }): ReactNode {
  if (!clue.nextDeadline) return '—';
  return (
    <Space direction="vertical" size={0}>
      <span>
        {label(t.clues.steps, clue.nextStep)} {formatTime(clue.nextDeadline)}
      </span>
      <ClueBadges clue={clue} />
    </Space>
  );
}
