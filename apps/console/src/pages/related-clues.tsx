import { Table, Tag } from 'antd';
import { ReactNode } from 'react';
import { formatDate, formatTime, formatYuan, label } from '../components/common';
import { t } from '../i18n/zh-CN';

/** A clue case as the project page and an alert list it (clues.md "Links"); fields follow GET /api/v1/clues items. */
export interface RelatedClue {
  clueId: string;
  receivedOn: string;
  source: string;
  workersInvolved: number;
  amountClaimed?: string | null;
  summary?: string | null;
  status: string;
  nextDeadline?: string | null;
  dueSoon?: boolean;
  overdue?: boolean;
  outcome?: string | null;
}

export function RelatedClues({ clues }: { clues: RelatedClue[] }): ReactNode {
  return (
    <Table<RelatedClue>
      className="related-clues"
      size="small"
      rowKey="clueId"
      pagination={false}
      dataSource={clues}
      locale={{ emptyText: t.common.none }}
      columns={[
        { key: 'id', title: t.evidenceFields.clueId, render: (_, c) => <a href={`#/clues/${encodeURIComponent(c.clueId)}`}>{c.clueId}</a> },
        { key: 'r', title: t.evidenceFields.receivedOn, render: (_, c) => formatDate(c.receivedOn) },
        { key: 's', title: t.evidenceFields.source, render: (_, c) => label(t.clueSources, c.source) },
        { key: 'w', title: t.evidenceFields.workersInvolved, dataIndex: 'workersInvolved' },
        { key: 'a', title: t.evidenceFields.amountClaimedYuan, render: (_, c) => formatYuan(c.amountClaimed ?? null) },
        { key: 'st', title: t.notices.status, render: (_, c) => label(t.clueStatus, c.status) },
        {
          key: 'd',
          title: t.project.clueDeadline,
          render: (_, c) => (
            <>
              {formatTime(c.nextDeadline)} {c.overdue && <Tag color="purple">{t.queue.overdue}</Tag>}
              {c.dueSoon && !c.overdue && <Tag color="orange">{t.project.dueSoon}</Tag>}
            </>
          ),
        },
        { key: 'o', title: t.project.clueOutcome, render: (_, c) => (c.outcome ? label(t.clueOutcomes, c.outcome) : '—') },
        { key: 'sum', title: t.project.clueSummary, render: (_, c) => c.summary ?? '—' },
      ]}
    />
  );
}
