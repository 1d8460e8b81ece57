import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../api';
import { useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';
import { ClueDeadline, ClueItem, CluePage, ClueStatusTag, label, OPEN_STATUSES } from './clue-common';

const PAGE_SIZE = 50;

interface Filters {
  status: string[];
  source?: string;
  projectCode?: string;
  unitCode?: string;
  received?: [Dayjs | null, Dayjs | null] | null;
  overdue?: boolean;
  dueSoon?: boolean;
  mine?: boolean;
}

const options = (map: Record<string, string>) => Object.entries(map).map(([value, text]) => ({ value, label: text }));

/** The clue queue: filters, due-soon and overdue badges, claim-next (clues.md "HTTP"). */
export function ClueQueuePage(): ReactNode {
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({ status: OPEN_STATUSES });
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const query = qs({
    status: filters.status.join(','),
    source: filters.source,
    projectCode: filters.projectCode?.trim(),
    unitCode: filters.unitCode?.trim(),
    receivedFrom: filters.received?.[0]?.format('YYYY-MM-DD'),
    receivedTo: filters.received?.[1]?.format('YYYY-MM-DD'),
    overdue: filters.overdue ? 'true' : undefined,
    dueSoon: filters.dueSoon ? 'true' : undefined,
    assignee: filters.mine ? 'me' : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const { data, error, loading } = useLoad(() => api<CluePage>('GET', `/clues${query}`), [query]);

  async function claimNext(): Promise<void> {
    try {
      const claimed = await api<ClueItem | undefined>('POST', '/clues/claim-next');
      if (claimed) void navigate(`/clues/${encodeURIComponent(claimed.clueId)}`);
      else setNotice(t.clues.claimedNone);
    } catch (e) {
      setNotice((e as Error).message);
    }
  }

  return (
    <Card
      title={t.clues.queueTitle}
      extra={
        <Button type="primary" onClick={() => void claimNext()}>
          {t.clues.claimNext}
        </Button>
      }
    >
      <Form<Filters>
        layout="inline"
        initialValues={filters}
        onFinish={(v) => {
          setPage(1);
          setFilters({ ...v, status: v.status ?? [] });
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="status" label={t.clues.filters.status}>
          <Select mode="multiple" style={{ minWidth: 240 }} options={options(t.clueStatus)} allowClear />
        </Form.Item>
        <Form.Item name="source" label={t.clues.filters.source}>
          <Select style={{ minWidth: 180 }} options={options(t.clueSources)} allowClear />
        </Form.Item>
        <Form.Item name="projectCode" label={t.clues.filters.project}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="unitCode" label={t.clues.filters.unit}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="received" label={t.clues.columns.receivedOn}>
          <DatePicker.RangePicker placeholder={[t.clues.filters.receivedFrom, t.clues.filters.receivedTo]} />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked">
          <Checkbox>{t.clues.filters.overdueOnly}</Checkbox>
        </Form.Item>
        <Form.Item name="dueSoon" valuePropName="checked">
          <Checkbox>{t.clues.filters.dueSoonOnly}</Checkbox>
        </Form.Item>
        <Form.Item name="mine" valuePropName="checked">
          <Checkbox>{t.clues.filters.mineOnly}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" autoInsertSpace={false}>{t.clues.apply}</Button>
        </Form.Item>
      </Form>
      {notice && <Alert type="info" showIcon closable onClose={() => setNotice(null)} title={notice} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={`${t.common.error}：${error}`} style={{ marginBottom: 12 }} />}
      <Table<ClueItem>
        className="clue-queue"
        rowKey="clueId"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t.common.none }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `${t.clues.total} ${n} ${t.clues.items}` }}
        columns={[
          { title: t.clues.columns.clueId, dataIndex: 'clueId', render: (id: string) => <Link to={`/clues/${encodeURIComponent(id)}`}>{id}</Link> },
          { title: t.clues.columns.receivedOn, dataIndex: 'receivedOn' },
          { title: t.clues.columns.source, dataIndex: 'source', render: (s: string) => label(t.clueSources, s) },
          {
            title: t.clues.columns.project,
            key: 'project',
            render: (_: unknown, c) => (c.projectCode ? <Link to={`/projects/${encodeURIComponent(c.projectCode)}`}>{c.projectName ?? c.projectCode}</Link> : '—'),
          },
          { title: t.clues.columns.workers, dataIndex: 'workersInvolved', align: 'right' },
          { title: t.clues.columns.amountClaimed, dataIndex: 'amountClaimed', align: 'right', render: (v: string | null) => v ?? '—' },
          { title: t.clues.columns.status, dataIndex: 'status', render: (s: string) => <ClueStatusTag status={s} /> },
          { title: t.clues.columns.unit, dataIndex: 'unitCode', render: (u: string | null) => u ?? <Typography.Text type="danger">{t.clues.unrouted}</Typography.Text> },
          { title: t.clues.columns.assignee, key: 'assignee', render: (_: unknown, c) => c.assignee?.username ?? t.clues.unassigned },
          { title: t.clues.columns.deadline, key: 'deadline', render: (_: unknown, c) => <ClueDeadline clue={c} /> },
          { title: t.clues.columns.outcome, dataIndex: 'outcome', render: (o: string | null) => label(t.clueOutcomes, o) },
        ]}
      />
      <Space />
    </Card>
  );
}
