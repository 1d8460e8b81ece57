import { Alert, Button, Card, Input, Space, Table } from 'antd';
import { ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';
import { ClueDeadline, ClueItem, CluePage, label } from './clue-common';

/** The lead's review list: every reply waiting for approval, oldest review deadline first. */
export function ClueReviewPage(): ReactNode {
  const { data, error, loading, reload } = useLoad(() => api<CluePage>('GET', '/clues?status=replied&pageSize=500'), []);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function review(clueId: string, action: 'approve' | 'return'): Promise<void> {
    try {
      await api('POST', `/clues/${encodeURIComponent(clueId)}/actions`, action === 'return' ? { action, note: notes[clueId] ?? '' } : { action });
      setResult({ ok: true, text: `${clueId} ${t.clues.actions[action]}` });
      reload();
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    }
  }

  return (
    <Card title={t.clues.reviewTitle}>
      {result && <Alert type={result.ok ? 'success' : 'error'} showIcon title={result.text} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={`${t.common.error}：${error}`} />}
      <Table<ClueItem>
        className="clue-review"
        rowKey="clueId"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t.common.none }}
        pagination={false}
        columns={[
          { title: t.clues.columns.clueId, dataIndex: 'clueId', render: (id: string) => <Link to={`/clues/${encodeURIComponent(id)}`}>{id}</Link> },
          { title: t.clues.columns.project, key: 'project', render: (_: unknown, c) => c.projectName ?? c.projectCode ?? '—' },
          { title: t.clues.columns.assignee, key: 'assignee', render: (_: unknown, c) => c.assignee?.username ?? t.clues.unassigned },
          { title: t.clues.columns.outcome, dataIndex: 'outcome', render: (o: string | null) => label(t.clueOutcomes, o) },
          { title: t.clues.columns.recovered, dataIndex: 'recoveredAmount', align: 'right', render: (v: string | null) => v ?? '—' },
          { title: t.clues.columns.workersPaid, dataIndex: 'workersPaid', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t.clues.columns.deadline, key: 'deadline', render: (_: unknown, c) => <ClueDeadline clue={c} /> },
          {
            title: t.clues.detail.doAction,
            key: 'review',
            render: (_: unknown, c) => (
              <Space>
                <Button type="primary" onClick={() => void review(c.clueId, 'approve')}>
                  {t.clues.detail.approve}
                </Button>
                <Space.Compact>
                  <Input
                    aria-label={`${t.clues.detail.returnNote} ${c.clueId}`}
                    placeholder={t.clues.detail.returnNote}
                    value={notes[c.clueId] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [c.clueId]: e.target.value })}
                  />
                  <Button danger autoInsertSpace={false} onClick={() => void review(c.clueId, 'return')}>
                    {t.clues.detail.return}
                  </Button>
                </Space.Compact>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
