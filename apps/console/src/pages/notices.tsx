import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, message, Space, Table, Tag, Typography } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, openAuthenticated, qs } from '../api';
import { ErrorBox, formatTime, label, SeverityBadge, useLoad } from '../components/common';
import { todayInShanghai } from '../components/format';
import { EvidenceView } from '../evidence/evidence-view';
import { t } from '../i18n/zh-CN';
import { useSession } from '../session';

interface NoticeItemView {
  alertId: number;
  projectCode: string;
  projectName?: string;
  rule?: string;
  severity?: string;
  alertStatus?: string;
  evidence?: Record<string, unknown>;
  requestedAction?: string;
  outcome?: string | null;
}
interface NoticeView {
  id: number;
  bureauCode: string;
  bureauName?: string;
  number: string;
  issuedOn: string;
  replyDueAt: string;
  status: string;
  projectCount?: number;
  alertCount?: number;
  replyText?: string | null;
  projects?: Array<{ projectCode: string; projectName?: string; outcome?: string | null; alerts?: NoticeItemView[] }>;
}
interface NoticeList {
  items: NoticeView[];
  total: number;
}
const STATUS_COLOR: Record<string, string> = { sent: 'blue', acknowledged: 'orange', replied: 'green', overdue: 'red' };

function NoticeStatus({ status }: { status: string }): ReactNode {
  return (
    <Tag color={STATUS_COLOR[status]} className="notice-status">
      {label(t.notices.statuses, status)}
    </Tag>
  );
}

/** Admins issue today's notices now instead of waiting for the daily run. */
function GenerateNow({ onDone }: { onDone: () => void }): ReactNode {
  const [toast, holder] = message.useMessage();
  const [busy, setBusy] = useState(false);
  async function run(v: { asOf: Dayjs }): Promise<void> {
    setBusy(true);
    try {
      const res = await api<{ created: number }>('POST', '/notices/generate', { asOf: v.asOf.format('YYYY-MM-DD') });
      void toast.success(res.created > 0 ? `${t.notices.generated} ${res.created} ${t.notices.unit}` : t.notices.generatedNone);
      onDone();
    } catch (e) {
      void toast.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form layout="inline" initialValues={{ asOf: dayjs(todayInShanghai()) }} onFinish={(v: { asOf: Dayjs }) => void run(v)} aria-label={t.notices.generate}>
      {holder}
      <Form.Item label={t.notices.issueDate} name="asOf" rules={[{ required: true, message: t.notices.issueDateRequired }]}>
        <DatePicker allowClear={false} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t.notices.generate}
      </Button>
    </Form>
  );
}

export function NoticesPage(): ReactNode {
  const { me } = useSession();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, error, loading, reload } = useLoad(() => api<NoticeList>('GET', `/notices${qs({ page, pageSize })}`), [page, pageSize]);
  const isBureau = me?.role === 'bureau_officer';
  return (
    <section aria-label={t.notices.title}>
      <Typography.Title level={2}>{t.notices.title}</Typography.Title>
      {!isBureau && (
        <Card size="small" className="page-toolbar">
          <Alert type="info" showIcon title={t.notices.howTitle} description={t.notices.how} style={{ marginBottom: me?.role === 'admin' ? 12 : 0 }} />
          {me?.role === 'admin' && <GenerateNow onDone={reload} />}
        </Card>
      )}
      <ErrorBox error={error} />
      <Table<NoticeView>
        className="notices-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: isBureau ? t.common.none : t.notices.empty }}
        onRow={(n) => ({ 'data-notice-id': n.id }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showTotal: (n) => `${t.queue.total} ${n} ${t.queue.items}`,
          onChange: (p, size) => {
            setPage(p);
            setPageSize(size);
          },
        }}
        columns={[
          { key: 'number', title: t.notices.number, render: (_, n) => <Link to={`/notices/${n.id}`}>{n.number}</Link> },
          { key: 'bureau', title: t.notices.bureau, render: (_, n) => n.bureauName ?? n.bureauCode },
          { key: 'issued', title: t.notices.issuedOn, dataIndex: 'issuedOn', sorter: (a, b) => a.issuedOn.localeCompare(b.issuedOn) },
          { key: 'projects', title: t.notices.projectCount, dataIndex: 'projectCount' },
          { key: 'alerts', title: t.notices.alertCount, dataIndex: 'alertCount' },
          { key: 'due', title: t.notices.due, render: (_, n) => formatTime(n.replyDueAt), sorter: (a, b) => a.replyDueAt.localeCompare(b.replyDueAt) },
          { key: 'status', title: t.notices.status, render: (_, n) => <NoticeStatus status={n.status} /> },
        ]}
      />
    </section>
  );
}

export function NoticeDetailPage(): ReactNode {
  const { id } = useParams();
  const { me } = useSession();
  const { data: n, error, reload } = useLoad(() => api<NoticeView>('GET', `/notices/${id}`), [id]);
  const [actionError, setActionError] = useState<string | null>(null);
  if (!n) return <ErrorBox error={error} />;

  const rows: NoticeItemView[] = (n.projects ?? []).flatMap((p) => (p.alerts ?? []).map((a) => ({ ...a, projectCode: p.projectCode, projectName: p.projectName, outcome: p.outcome })));
  const projectCodes = [...new Set(rows.map((r) => r.projectCode))];
  const isBureau = me?.role === 'bureau_officer';

  async function act(path: string, body?: unknown): Promise<void> {
    setActionError(null);
    try {
      await api('POST', `/notices/${id}/${path}`, body ?? {});
      reload();
    } catch (e) {
      setActionError((e as Error).message);
    }
  }
  function reply(v: { text: string; outcomes?: Record<string, string> }): void {
    const list = Object.entries(v.outcomes ?? {})
      .filter(([, o]) => o && o.trim())
      .map(([projectCode, outcome]) => ({ projectCode, outcome }));
    void act('reply', { text: v.text, ...(list.length ? { outcomes: list } : {}) });
  }

  return (
    <section aria-label={n.number}>
      <Typography.Title level={2}>
        {n.number} · {n.bureauName ?? n.bureauCode}
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'i', label: t.notices.issuedOn, children: n.issuedOn },
          { key: 'd', label: t.notices.due, children: formatTime(n.replyDueAt) },
          { key: 's', label: t.notices.status, children: <NoticeStatus status={n.status} /> },
          ...(n.replyText ? [{ key: 'r', label: t.notices.replyText, children: <span className="reply">{n.replyText}</span> }] : []),
        ]}
      />
      <Space className="page-toolbar no-print" style={{ marginTop: 12 }}>
        <Button onClick={() => void openAuthenticated(`/notices/${id}/document`)}>{t.notices.print}</Button>
        <Button onClick={() => void openAuthenticated(`/notices/${id}/document?format=pdf`, `notice-${id}.pdf`)}>{t.notices.pdf}</Button>
        {isBureau && n.status === 'sent' && (
          <Button type="primary" onClick={() => void act('acknowledge')}>
            {t.notices.acknowledge}
          </Button>
        )}
      </Space>
      <Table<NoticeItemView>
        className="notice-items"
        style={{ marginTop: 12 }}
        size="small"
        rowKey="alertId"
        pagination={false}
        dataSource={rows}
        expandable={{
          rowExpandable: (r) => Boolean(r.evidence && r.rule),
          expandedRowRender: (r) => <EvidenceView rule={r.rule ?? ''} evidence={r.evidence ?? {}} />,
        }}
        columns={[
          { key: 'p', title: t.notices.columns.project, render: (_, r) => `${r.projectName ?? ''}（${r.projectCode}）` },
          { key: 'a', title: t.notices.columns.alert, render: (_, r) => (r.rule ? label(t.rules, r.rule) : r.alertId) },
          { key: 's', title: t.notices.columns.severity, render: (_, r) => r.severity && <SeverityBadge severity={r.severity} /> },
          { key: 'st', title: t.notices.alertStatus, render: (_, r) => label(t.status, r.alertStatus) },
          { key: 'req', title: t.notices.columns.action, dataIndex: 'requestedAction' },
          { key: 'o', title: t.notices.outcome, render: (_, r) => r.outcome ?? '—' },
        ]}
      />
      {isBureau && n.status !== 'replied' && (
        <Card title={t.notices.reply} size="small" style={{ marginTop: 16, maxWidth: 720 }}>
          <Form layout="vertical" onFinish={reply} aria-label={t.notices.reply}>
            <Form.Item label={t.notices.replyText} name="text" rules={[{ required: true, whitespace: true, message: t.notices.replyRequired }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
            {projectCodes.map((code) => (
              <Form.Item key={code} label={`${t.notices.outcome}：${code}`} name={['outcomes', code]}>
                <Input />
              </Form.Item>
            ))}
            <Button type="primary" htmlType="submit">
              {t.notices.send}
            </Button>
          </Form>
        </Card>
      )}
      <ErrorBox error={actionError} />
    </section>
  );
}
