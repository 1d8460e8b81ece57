import { Space, Table, Tag } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatTime, label, SeverityBadge, StatusBadge } from '../components/common';
import { t } from '../i18n/zh-CN';

export interface AlertItem {
  id: number;
  projectCode: string;
  projectName: string | null;
  rule: string;
  severity: string;
  status: string;
  period: string | null;
  evidence: Record<string, unknown>;
  thresholds: Record<string, unknown>;
  unitCode: string | null;
  assignee: { id: string; username: string | null } | null;
  firstSeenAt: string;
  lastSeenAt: string;
  dueAt: string | null;
  escalationLevel: number;
  clearedAt: string | null;
  resolution: string | null;
  overdue?: boolean;
  suppressedUntil?: string | null;
  recoveredAmount?: string | null;
  workersPaid?: number | null;
  shortfall?: string;
}

const SEVERITY_ORDER: Record<string, number> = { red: 0, orange: 1, yellow: 2 };
const byText = (a: string | null | undefined, b: string | null | undefined): number => (a ?? '').localeCompare(b ?? '');

/** The alert columns every list uses (queue, project page). Sorting reorders the rows shown; the server pages in queue order. */
export function AlertTable({ items, pagination, loading }: { items: AlertItem[]; pagination?: TablePaginationConfig | false; loading?: boolean }): ReactNode {
  const c = t.queue.columns;
  const columns: ColumnsType<AlertItem> = [
    {
      key: 'severity',
      title: c.severity,
      sorter: (a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9),
      render: (_, a) => (
        <Space size={2} wrap>
          <SeverityBadge severity={a.severity} />
          {a.overdue && <Tag color="purple">{t.queue.overdue}</Tag>}
          {a.escalationLevel > 0 && (
            <Tag color="default">
              {t.queue.escalation}
              {a.escalationLevel}
            </Tag>
          )}
          {a.suppressedUntil && <Tag>{t.queue.suppressed}</Tag>}
        </Space>
      ),
    },
    { key: 'rule', title: c.rule, sorter: (a, b) => byText(a.rule, b.rule), render: (_, a) => <Link to={`/alerts/${a.id}`}>{label(t.rules, a.rule)}</Link> },
    {
      key: 'project',
      title: c.project,
      sorter: (a, b) => byText(a.projectName, b.projectName),
      render: (_, a) => <Link to={`/projects/${encodeURIComponent(a.projectCode)}`}>{a.projectName || a.projectCode}</Link>,
    },
    { key: 'period', title: c.period, dataIndex: 'period', sorter: (a, b) => byText(a.period, b.period), render: (v: string | null) => v ?? '—' },
    { key: 'status', title: c.status, sorter: (a, b) => byText(a.status, b.status), render: (_, a) => <StatusBadge status={a.status} /> },
    { key: 'unit', title: c.unit, dataIndex: 'unitCode', render: (v: string | null) => v ?? t.queue.unrouted },
    { key: 'assignee', title: c.assignee, render: (_, a) => a.assignee?.username ?? '—' },
    { key: 'due', title: c.due, sorter: (a, b) => byText(a.dueAt, b.dueAt), render: (_, a) => formatTime(a.dueAt) },
    { key: 'seen', title: c.seen, sorter: (a, b) => byText(a.lastSeenAt, b.lastSeenAt), render: (_, a) => formatTime(a.lastSeenAt) },
  ];
  return (
    <Table<AlertItem>
      className="alert-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={pagination ?? false}
      onRow={(a) => ({ 'data-alert-id': a.id }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t.common.none }}
      scroll={{ x: true }}
    />
  );
}
