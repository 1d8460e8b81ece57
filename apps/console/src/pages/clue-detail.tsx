import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Timeline, Typography } from 'antd';
import { ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { formatTime, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';
import { ClueBadges, ClueDetail, ClueEvent, ClueStatusTag, label } from './clue-common';

/** Which actions make sense in which status (the server decides; this only hides the impossible). */
const ACTIONS_BY_STATUS: Record<string, string[]> = {
  received: ['accept', 'assign', 'extend', 'merge', 'comment'],
  accepted: ['contact', 'assign', 'extend', 'merge', 'comment'],
  contacted: ['reply', 'assign', 'extend', 'merge', 'comment'],
  replied: ['approve', 'return', 'assign', 'merge', 'comment'],
  closed: ['comment'],
};
const LEAD_ONLY = ['approve', 'return', 'merge', 'assign', 'extend'];
const PAID = ['wages_paid', 'partially_paid'];

interface ActionForm {
  action: string;
  outcome?: string;
  note?: string;
  recoveredAmount?: string;
  workersPaid?: number;
  assignee?: string;
  duplicateOf?: string;
}

function eventText(e: ClueEvent): string {
  const what = t.clues.actions[e.action] ?? t.clues.events[e.action] ?? e.action;
  const move = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? `（${label(t.clueStatus, e.fromStatus)} → ${label(t.clueStatus, e.toStatus)}）` : '';
  return `${what}${move} · ${e.actorName ?? e.actorKind}${e.note ? ` · ${e.note}` : ''}`;
}

/** One clue case: its facts, deadlines, reply, history, and the action forms. */
export function ClueDetailPage({ role }: { role: string }): ReactNode {
  const { clueId = '' } = useParams();
  const { data: clue, error, reload } = useLoad(() => api<ClueDetail>('GET', `/clues/${encodeURIComponent(clueId)}`), [clueId]);
  const [form] = Form.useForm<ActionForm>();
  const action = Form.useWatch('action', form);
  const outcome = Form.useWatch('outcome', form);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  if (error) return <Alert type="error" showIcon title={`${t.common.error}：${error}`} />;
  if (!clue) return <Card loading />;
  const isLead = role === 'brigade_lead' || role === 'admin';
  const available = (ACTIONS_BY_STATUS[clue.status] ?? []).filter((a) => isLead || !LEAD_ONLY.includes(a));

  async function submit(v: ActionForm): Promise<void> {
    const body: Record<string, unknown> = { action: v.action };
    if (v.note) body.note = v.note;
    if (v.action === 'reply') Object.assign(body, { outcome: v.outcome, recoveredAmount: v.recoveredAmount || undefined, workersPaid: v.workersPaid ?? undefined });
    if (v.action === 'assign') body.assignee = v.assignee;
    if (v.action === 'merge') body.duplicateOf = v.duplicateOf;
    try {
      await api('POST', `/clues/${encodeURIComponent(clueId)}/actions`, body);
      setResult({ ok: true, text: `${t.clues.actions[v.action]}：${t.clues.detail.done}` });
      form.resetFields();
      reload();
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span className="clue-id">{clue.clueId}</span>
            <ClueStatusTag status={clue.status} />
            <ClueBadges clue={clue} />
          </Space>
        }
        extra={<Link to="/clues">{t.common.back}</Link>}
      >
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label={t.clues.columns.receivedOn}>{clue.receivedOn}</Descriptions.Item>
          <Descriptions.Item label={t.clues.columns.source}>{label(t.clueSources, clue.source)}</Descriptions.Item>
          <Descriptions.Item label={t.clues.columns.project}>
            {clue.projectCode ? <Link to={`/projects/${encodeURIComponent(clue.projectCode)}`}>{clue.projectName ?? clue.projectCode}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.clues.detail.region}>{clue.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t.clues.columns.workers}>{clue.workersInvolved}</Descriptions.Item>
          <Descriptions.Item label={t.clues.columns.amountClaimed}>{clue.amountClaimed ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.clues.detail.employer}>{clue.employerUscc ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.clues.columns.unit}>{clue.unitCode ?? t.clues.unrouted}</Descriptions.Item>
          <Descriptions.Item label={t.clues.columns.assignee}>{clue.assignee?.username ?? t.clues.unassigned}</Descriptions.Item>
          <Descriptions.Item label={t.clues.detail.routing}>{clue.routingReason ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.clues.detail.summary} span={2}>
            {clue.summary ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t.clues.detail.deadlines} size="small">
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t.clues.detail.acceptDue}>{formatTime(clue.deadlines.accept)}</Descriptions.Item>
          <Descriptions.Item label={t.clues.detail.contactDue}>{formatTime(clue.deadlines.contact)}</Descriptions.Item>
          <Descriptions.Item label={t.clues.detail.replyDue}>
            {formatTime(clue.deadlines.reply)}
            {clue.extended && ` （${t.clues.detail.extended}：${clue.extensionReason ?? ''}）`}
          </Descriptions.Item>
          <Descriptions.Item label={t.clues.detail.reviewDue}>{formatTime(clue.deadlines.review)}</Descriptions.Item>
        </Descriptions>
      </Card>

      {(clue.outcome || clue.duplicates.length > 0) && (
        <Card title={t.clues.detail.reply} size="small">
          <Descriptions column={2} size="small" className="clue-reply">
            <Descriptions.Item label={t.clues.detail.outcome}>{label(t.clueOutcomes, clue.outcome)}</Descriptions.Item>
            <Descriptions.Item label={t.clues.detail.recovered}>{clue.recoveredAmount ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t.clues.detail.workersPaid}>{clue.workersPaid ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t.clues.detail.replyNote}>{clue.replyNote ?? '—'}</Descriptions.Item>
            {clue.duplicateOf && (
              <Descriptions.Item label={t.clues.detail.duplicateOf}>
                <Link to={`/clues/${encodeURIComponent(clue.duplicateOf)}`}>{clue.duplicateOf}</Link>
              </Descriptions.Item>
            )}
            {clue.duplicates.length > 0 && <Descriptions.Item label={t.clues.detail.duplicates}>{clue.duplicates.join('、')}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}

      {clue.relatedAlerts.length > 0 && (
        <Card title={t.clues.detail.relatedAlerts} size="small">
          <Space wrap>
            {clue.relatedAlerts.map((a) => (
              <Link key={a.id} to={`/alerts/${a.id}`}>
                #{a.id} {t.rules[a.rule] ?? a.rule}（{t.severity[a.severity] ?? a.severity}）
              </Link>
            ))}
          </Space>
        </Card>
      )}

      {role !== 'auditor' && available.length > 0 && (
        <Card title={t.clues.detail.doAction} size="small">
          {result && <Alert type={result.ok ? 'success' : 'error'} showIcon title={result.text} style={{ marginBottom: 12 }} role="status" />}
          <Form<ActionForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 640 }}>
            <Form.Item name="action" label={t.clues.detail.action} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={available.map((a) => ({ value: a, label: t.clues.actions[a] }))} />
            </Form.Item>
            {action === 'reply' && (
              <>
                <Form.Item name="outcome" label={t.clues.detail.outcome} rules={[{ required: true }]}>
                  <Select options={Object.entries(t.clueOutcomes).filter(([k]) => k !== 'duplicate').map(([value, text]) => ({ value, label: text }))} />
                </Form.Item>
                {PAID.includes(outcome ?? '') && (
                  <Space size="large">
                    <Form.Item name="recoveredAmount" label={t.clues.detail.recovered} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/ }]}>
                      <Input inputMode="decimal" />
                    </Form.Item>
                    <Form.Item name="workersPaid" label={t.clues.detail.workersPaid} rules={[{ required: true }]}>
                      <InputNumber min={0} precision={0} />
                    </Form.Item>
                  </Space>
                )}
              </>
            )}
            {action === 'assign' && (
              <Form.Item name="assignee" label={t.clues.detail.assignee} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            )}
            {action === 'merge' && (
              <Form.Item name="duplicateOf" label={t.clues.detail.duplicateOfInput} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            )}
            {action && action !== 'accept' && action !== 'approve' && (
              <Form.Item name="note" label={t.clues.detail.note}>
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" autoInsertSpace={false}>
              {t.clues.detail.submit}
            </Button>
          </Form>
        </Card>
      )}

      <Card title={t.clues.detail.history} size="small">
        <Timeline
          className="clue-history"
          items={clue.events.map((e) => ({
            key: e.id,
            color: e.action === 'escalated' ? 'red' : e.action === 'return' ? 'orange' : 'blue',
            content: (
              <span>
                <Typography.Text type="secondary">{formatTime(e.at)}</Typography.Text> {eventText(e)}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
