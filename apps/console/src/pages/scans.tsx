import { Button, Card, DatePicker, Form, Space, Table, Tag, Typography } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { ReactNode, useMemo, useState } from 'react';
import { api } from '../api';
import { Chart } from '../components/chart';
import { ErrorBox, formatTime, label, useLoad } from '../components/common';
import { todayInShanghai } from '../components/format';
import { t } from '../i18n/zh-CN';

interface SkippedView {
  rule: string;
  reason: string;
  count: number;
}
interface ScanView {
  id: number;
  asOf: string;
  period: string;
  status: string;
  trigger?: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs?: number | null;
  projectsScanned: number;
  alertsRaised: number;
  alertsUpdated: number;
  alertsCleared: number;
  byRule: Record<string, number>;
  skipped?: SkippedView[];
  bankFeedProjects?: number;
}
const STATUS_COLOR: Record<string, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' };

/** Every rule the console knows, with its count in the scan (0 when none): the chart labels each one. */
export function byRuleRows(byRule: Record<string, number>): Array<[string, number]> {
  const codes = [...new Set([...Object.keys(t.rules), ...Object.keys(byRule)])];
  return codes.map((c): [string, number] => [c, byRule[c] ?? 0]).sort((a, b) => b[1] - a[1]);
}

export function ScansPage(): ReactNode {
  const [error, setError] = useState<string | null>(null);
  const { data, error: loadError, loading, reload } = useLoad(async () => {
    const res = await api<ScanView[] | { items: ScanView[] }>('GET', '/scans');
    return Array.isArray(res) ? res : res.items;
  }, []);
  const [selected, setSelected] = useState<number | null>(null);
  const scan = data?.find((s) => s.id === selected) ?? data?.[0];
  const rows = useMemo(() => byRuleRows(scan?.byRule ?? {}), [scan]);
  const option = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 200, right: 40 },
      xAxis: { type: 'value' as const, name: t.scans.alertUnit, minInterval: 1 },
      yAxis: { type: 'category' as const, data: rows.map(([k]) => label(t.rules, k)), inverse: true, axisLabel: { interval: 0 } },
      series: [{ type: 'bar' as const, data: rows.map(([, v]) => v), label: { show: true, position: 'right' as const } }],
    }),
    [rows],
  );

  async function start(v: { asOf: Dayjs }): Promise<void> {
    setError(null);
    try {
      await api('POST', '/scans', { asOf: v.asOf.format('YYYY-MM-DD') });
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-label={t.scans.title}>
      <Typography.Title level={2}>{t.scans.title}</Typography.Title>
      <Card size="small" className="page-toolbar">
        <Form layout="inline" initialValues={{ asOf: dayjs(todayInShanghai()) }} onFinish={(v: { asOf: Dayjs }) => void start(v)}>
          <Form.Item label={t.scans.asOf} name="asOf" rules={[{ required: true, message: t.scans.asOfRequired }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(todayInShanghai()), 'day') || d.isBefore(dayjs(todayInShanghai()).subtract(400, 'day'), 'day')} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t.scans.start}
            </Button>
            <Button onClick={reload}>{t.common.refresh}</Button>
          </Space>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t.scans.explain}
        </Typography.Paragraph>
      </Card>
      <ErrorBox error={error ?? loadError} />
      <Table<ScanView>
        className="scans-table"
        title={() => <strong>{t.scans.history}</strong>}
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 10, showTotal: (n) => `${t.queue.total} ${n} ${t.queue.items}` }}
        onRow={(s) => ({ onClick: () => setSelected(s.id), style: { cursor: 'pointer', background: s.id === scan?.id ? '#fff7e0' : undefined } })}
        columns={[
          { key: 'id', title: t.scans.number, dataIndex: 'id', sorter: (a, b) => a.id - b.id },
          { key: 'asOf', title: t.scans.asOf, dataIndex: 'asOf', sorter: (a, b) => a.asOf.localeCompare(b.asOf) },
          { key: 'period', title: t.scans.period, dataIndex: 'period' },
          { key: 'trigger', title: t.scans.trigger, render: (_, s) => label(t.scanTrigger, s.trigger) },
          { key: 'status', title: t.scans.status, render: (_, s) => <Tag color={STATUS_COLOR[s.status]}>{label(t.scanStatus, s.status)}</Tag> },
          { key: 'projects', title: t.scans.projects, dataIndex: 'projectsScanned' },
          { key: 'raised', title: t.scans.raised, dataIndex: 'alertsRaised' },
          { key: 'updated', title: t.scans.updated, dataIndex: 'alertsUpdated' },
          { key: 'cleared', title: t.scans.cleared, dataIndex: 'alertsCleared' },
          { key: 'dur', title: t.scans.duration, render: (_, s) => (s.durationMs ? `${(s.durationMs / 1000).toFixed(1)} 秒` : '—') },
          { key: 'finished', title: t.scans.finishedAt, render: (_, s) => formatTime(s.finishedAt) },
        ]}
      />
      {scan && (
        <Card size="small" title={`${t.scans.byRule}（${t.scans.number} ${scan.id}，${t.scans.asOf} ${scan.asOf}）`} style={{ marginTop: 16 }}>
          <Chart option={option} label={t.scans.byRule} height={Math.max(420, rows.length * 26)} />
          <Table
            className="scan-by-rule"
            size="small"
            rowKey={([code]) => code}
            pagination={false}
            dataSource={rows}
            columns={[
              { key: 'rule', title: t.queue.columns.rule, render: (_, [code]) => label(t.rules, code) },
              { key: 'n', title: t.scans.count, render: (_, [, n]) => n },
            ]}
          />
          {scan.bankFeedProjects !== undefined && (
            <Typography.Paragraph>
              {t.scans.bankFeedProjects}：{scan.bankFeedProjects}
            </Typography.Paragraph>
          )}
          {(scan.skipped ?? []).length > 0 && (
            <Table<SkippedView>
              size="small"
              rowKey={(r) => `${r.rule}-${r.reason}`}
              title={() => <strong>{t.scans.skipped}</strong>}
              pagination={false}
              dataSource={scan.skipped}
              columns={[
                { key: 'rule', title: t.queue.columns.rule, render: (_, r) => label(t.rules, r.rule) },
                { key: 'reason', title: t.scans.skipReason, render: (_, r) => (/minimum wage/.test(r.reason) ? t.scans.noMinWage : t.scans.otherSkip) },
                { key: 'count', title: t.scans.projects, dataIndex: 'count' },
              ]}
            />
          )}
        </Card>
      )}
    </section>
  );
}
