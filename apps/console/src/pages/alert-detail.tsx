import { Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { enumOptions, ErrorBox, formatTime, formatYuan, label, SeverityBadge, StatusBadge, useLoad } from '../components/common';
import { EvidenceView, ThresholdsView } from '../evidence/evidence-view';
import { t } from '../i18n/zh-CN';
import { useSession } from '../session';
import type { AlertItem } from './alert-table';
import { RelatedClues, RelatedClue } from './related-clues';

interface AlertEventView {
  id: number;
  at: string;
  action: string;
  actorKind?: string;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}
interface AlertNoticeView {
  id: number;
  number: string;
  bureauCode: string;
  issuedOn: string;
  status: string;
  replyDueAt: string | null;
  replyText: string | null;
  outcome: string | null;
}
type AlertDetail = AlertItem & {
  events?: AlertEventView[];
  notices?: AlertNoticeView[];
  joint?: boolean;
  occurrenceCount?: number;
  shortfallFen?: number | string;
  resolutionNote?: string | null;
  relatedClues?: RelatedClue[];
};
interface ActionForm {
  action: string;
  resolution?: string;
  recoveredAmount?: string;
  workersPaid?: number;
  assignee?: string;
  until?: Dayjs;
  note?: string;
}

const ACTING_ROLES = ['admin', 'brigade_lead', 'inspector'];
const MONEY = /^\d+(\.\d{1,2})?$/;

/** System notes stored in English on events (reconcile-alerts.ts), shown in Chinese. */
const SYSTEM_NOTES: Record<string, string> = { 'condition no longer holds': t.alert.conditionGone };

function eventNote(ev: AlertEventView): string | null {
  if (!ev.note) return null;
  if (ev.actorKind === 'user' || ev.actorKind === 'api_key') return ev.note;
  return SYSTEM_NOTES[ev.note] ?? null;
}

function fenToYuanText(fen: number | string | undefined): string | null {
  if (fen === undefined || fen === null) return null;
  const v = BigInt(fen);
  return `${v / 100n}.${String(v % 100n).padStart(2, '0')}`;
}

export function AlertDetailPage(): ReactNode {
  const { id } = useParams();
  const { me } = useSession();
  const { data: alert, error, reload } = useLoad(() => api<AlertDetail>('GET', `/alerts/${id}`), [id]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ActionForm>();
  const action = Form.useWatch('action', form);
  const resolution = Form.useWatch('resolution', form);
  const [actionError, setActionError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(v: ActionForm): Promise<void> {
    setActionError(null);
    setSaving(true);
    const body: Record<string, unknown> = { action: v.action };
    if (v.note) body.note = v.note;
    if (v.action === 'resolve') {
      body.resolution = v.resolution;
      if (v.recoveredAmount) body.recoveredAmount = v.recoveredAmount;
      if (v.workersPaid !== undefined && v.workersPaid !== null) body.workersPaid = v.workersPaid;
    }
    if (v.action === 'assign') body.assignee = v.assignee;
    if (v.action === 'suppress' && v.until) body.until = v.until.format('YYYY-MM-DD');
    try {
      await api('POST', `/alerts/${id}/actions`, body);
      setOpen(false);
      form.resetFields();
      reload();
    } catch (err) {
      setActionError((err as Error).message);
    } finally {
      setSaving(false);
    }
  }

  if (!alert) return <ErrorBox error={error} />;
  const shortfall = fenToYuanText(alert.shortfallFen);
  const canAct = ACTING_ROLES.includes(me?.role ?? '');
  return (
    <section aria-label={t.alert.title}>
      <Typography.Title level={2} className="alert-heading">
        <Space wrap>
          <SeverityBadge severity={alert.severity} />
          <span>{label(t.rules, alert.rule)}</span>
          <StatusBadge status={alert.status} />
          {canAct && (
            <Button type="primary" onClick={() => setOpen(true)}>
              {t.alert.doAction}
            </Button>
          )}
        </Space>
      </Typography.Title>
      <Descriptions
        className="alert-summary"
        bordered
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'p', label: t.alert.project, children: <Link to={`/projects/${encodeURIComponent(alert.projectCode)}`}>{`${alert.projectName ?? ''}（${alert.projectCode}）`}</Link> },
          { key: 'period', label: t.queue.columns.period, children: alert.period ?? t.alert.stateRule },
          { key: 'due', label: t.queue.columns.due, children: formatTime(alert.dueAt) },
          { key: 'unit', label: t.queue.columns.unit, children: alert.unitCode ?? t.queue.unrouted },
          { key: 'assignee', label: t.queue.columns.assignee, children: alert.assignee?.username ?? '—' },
          { key: 'esc', label: t.queue.escalation, children: `${alert.escalationLevel} ${t.alert.levelUnit}` },
          { key: 'joint', label: t.alert.joint, children: alert.joint ? t.common.yes : t.common.no },
          { key: 'first', label: t.alert.firstSeen, children: formatTime(alert.firstSeenAt) },
          { key: 'last', label: t.queue.columns.seen, children: formatTime(alert.lastSeenAt) },
          { key: 'occ', label: t.alert.occurrences, children: alert.occurrenceCount ?? '—' },
          ...(shortfall ? [{ key: 'shortfall', label: t.project.shortfall, children: formatYuan(shortfall) }] : []),
          ...(alert.resolution ? [{ key: 'res', label: t.alert.resolution, children: label(t.resolutions, alert.resolution) }] : []),
          ...(alert.recoveredAmount ? [{ key: 'rec', label: t.alert.recovered, children: formatYuan(alert.recoveredAmount) }] : []),
          ...(alert.workersPaid !== undefined && alert.workersPaid !== null ? [{ key: 'wp', label: t.alert.workersPaid, children: alert.workersPaid }] : []),
          ...(alert.suppressedUntil ? [{ key: 'sup', label: t.alert.until, children: formatTime(alert.suppressedUntil) }] : []),
          ...(alert.overdue ? [{ key: 'od', label: t.queue.overdue, children: t.common.yes }] : []),
          ...(alert.resolutionNote ? [{ key: 'resnote', label: t.alert.note, children: alert.resolutionNote }] : []),
        ]}
      />
      <Card title={t.alert.evidence} size="small" style={{ marginTop: 16 }}>
        <EvidenceView rule={alert.rule} evidence={alert.evidence ?? {}} />
      </Card>
      <Card title={t.alert.thresholds} size="small" style={{ marginTop: 16 }}>
        <ThresholdsView thresholds={alert.thresholds} />
      </Card>
      {alert.relatedClues && (
        <Card title={t.project.relatedClues} size="small" style={{ marginTop: 16 }}>
          <RelatedClues clues={alert.relatedClues} />
        </Card>
      )}
      {(alert.notices ?? []).length > 0 && (
        <Card title={t.alert.notices} size="small" style={{ marginTop: 16 }}>
          <Table<AlertNoticeView>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={alert.notices}
            columns={[
              { key: 'n', title: t.notices.number, render: (_, n) => <Link to={`/notices/${n.id}`}>{n.number}</Link> },
              { key: 'b', title: t.notices.bureau, dataIndex: 'bureauCode' },
              { key: 'i', title: t.notices.issuedOn, dataIndex: 'issuedOn' },
              { key: 's', title: t.notices.status, render: (_, n) => label(t.notices.statuses, n.status) },
              { key: 'd', title: t.notices.due, render: (_, n) => formatTime(n.replyDueAt) },
              { key: 'r', title: t.notices.replyText, render: (_, n) => n.replyText ?? '—' },
              { key: 'o', title: t.notices.outcome, render: (_, n) => n.outcome ?? '—' },
            ]}
          />
        </Card>
      )}
      <Card title={t.alert.timeline} size="small" style={{ marginTop: 16 }}>
        <Timeline
          className="timeline"
          items={(alert.events ?? []).map((ev) => ({
            key: ev.id,
            content: (
              <div className="timeline-item">
                <time>{formatTime(ev.at)}</time> <strong>{label(t.events, ev.action)}</strong> {ev.actorKind === 'user' ? (ev.actorName ?? '') : t.alert.system}{' '}
                {ev.fromStatus && ev.toStatus && ev.fromStatus !== ev.toStatus && `${label(t.status, ev.fromStatus)} → ${label(t.status, ev.toStatus)}`}
                {eventNote(ev) && <div className="note">{eventNote(ev)}</div>}
              </div>
            ),
          }))}
        />
      </Card>
      <Drawer title={t.alert.doAction} open={open} onClose={() => setOpen(false)} size={480} destroyOnHidden={false}>
        <Form<ActionForm> form={form} layout="vertical" aria-label={t.alert.doAction} initialValues={{ action: 'acknowledge', resolution: 'wages_paid' }} onFinish={(v) => void submit(v)}>
          <Form.Item label={t.alert.action} name="action" rules={[{ required: true, message: t.alert.actionRequired }]}>
            <Select options={enumOptions(t.actions)} />
          </Form.Item>
          {action === 'resolve' && (
            <>
              <Form.Item label={t.alert.resolution} name="resolution" rules={[{ required: true, message: t.alert.resolutionRequired }]}>
                <Select options={enumOptions(t.resolutions)} />
              </Form.Item>
              <Form.Item label={t.alert.recovered} name="recoveredAmount" rules={[{ pattern: MONEY, message: t.alert.moneyInvalid }]}>
                <Input inputMode="decimal" placeholder="60000.00" />
              </Form.Item>
              <Form.Item label={t.alert.workersPaid} name="workersPaid">
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          {action === 'assign' && (
            <Form.Item label={t.alert.assignee} name="assignee" rules={[{ required: true, message: t.alert.assigneeRequired }]}>
              <Input />
            </Form.Item>
          )}
          {action === 'suppress' && (
            <Form.Item label={t.alert.until} name="until" rules={[{ required: true, message: t.alert.untilRequired }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item
            label={t.alert.note}
            name="note"
            rules={[{ required: action === 'comment' || action === 'reopen' || (action === 'resolve' && resolution === 'other'), message: t.alert.noteRequired }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          <ErrorBox error={actionError} />
          <Button type="primary" htmlType="submit" loading={saving} block>
            {t.alert.submit}
          </Button>
        </Form>
      </Drawer>
    </section>
  );
}
