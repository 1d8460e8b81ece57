import { ReactNode, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Progress, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { Dayjs } from 'dayjs';
import { Navigate } from 'react-router';
import { api, openAuthenticated, qs } from '../api';
import { Chart } from '../components/chart';
import { useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';
import { useSession } from '../session';

/** Roles whose landing page is the dashboard (reports.md "Console"); the API refuses the others. */
export const REPORT_ROLES = ['admin', 'brigade_lead', 'auditor'];
const REPORT_READERS = [...REPORT_ROLES, 'inspector'];

export interface Coverage {
  realName: number | null;
  dedicatedAccount: number | null;
  deposit: number | null;
  noticeBoard: number | null;
  paidThroughAccount: number | null;
}
export interface Figures {
  projectsMonitored: number;
  alertsRaised: number;
  alertsCleared: number;
  alertsResolved: number;
  alertsResolvedOnTime: number;
  onTimeRate: number | null;
  alertsOpenAtEnd: number;
  alertsOverdueAtEnd: number;
  wagesRecovered: string;
  workersPaid: number;
  noticesSent: number;
  noticesAnswered: number;
  cluesReceived: number;
  cluesClosed: number;
  clueClosureRate: number | null;
  clueReviewPassRate: number | null;
  coverage: Coverage;
}
interface Row extends Figures {
  key: string;
  label: string;
}
interface Report {
  from: string;
  to: string;
  rows: Row[];
  total: Figures;
}

/** What the user reads: counts with separators, yuan with 2 decimals (from the exact string), shares as percentages. */
export const formatCount = (n: number): string => n.toLocaleString('zh-CN');
export function formatYuan(yuan: string): string {
  const [int, dec = '00'] = yuan.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}
export const formatRate = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/** The landing page: the dashboard for leads, admins and auditors, the queue or the inbox for the others. */
export function Landing(): ReactNode {
  const { me } = useSession();
  const role = me?.role ?? '';
  if (REPORT_ROLES.includes(role)) return <Navigate to="/dashboard" replace />;
  if (role === 'bureau_officer') return <Navigate to="/notices" replace />;
  if (role === 'submitter') return <Navigate to="/imports" replace />;
  return <Navigate to="/alerts" replace />;
}

function Headline({ f }: { f: Figures }): ReactNode {
  const d = t.dashboard;
  const items: Array<[string, string, string]> = [
    ['wagesRecovered', d.wagesRecovered, formatYuan(f.wagesRecovered)],
    ['workersPaid', d.workersPaid, formatCount(f.workersPaid)],
    ['alertsRaised', d.alertsRaised, formatCount(f.alertsRaised)],
    ['alertsCleared', d.alertsCleared, formatCount(f.alertsCleared)],
    ['alertsResolved', d.alertsResolved, formatCount(f.alertsResolved)],
    ['onTimeRate', d.onTimeRate, formatRate(f.onTimeRate)],
    ['alertsOpenAtEnd', d.alertsOpenAtEnd, formatCount(f.alertsOpenAtEnd)],
    ['alertsOverdueAtEnd', d.alertsOverdueAtEnd, formatCount(f.alertsOverdueAtEnd)],
    ['cluesReceived', d.cluesReceived, formatCount(f.cluesReceived)],
    ['clueClosureRate', d.clueClosureRate, formatRate(f.clueClosureRate)],
    ['clueReviewPassRate', d.clueReviewPassRate, formatRate(f.clueReviewPassRate)],
    ['projectsMonitored', d.projectsMonitored, formatCount(f.projectsMonitored)],
  ];
  return (
    <Row gutter={[12, 12]}>
      {items.map(([key, title, text]) => (
        <Col key={key} xs={12} md={8} lg={6} xl={4}>
          <Card size="small" data-figure={key}>
            <Statistic title={title} value={text} formatter={() => <span className="figure-value">{text}</span>} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Trend({ rows }: { rows: Row[] }): ReactNode {
  const d = t.dashboard;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { data: [d.alertsRaised, d.alertsCleared, d.alertsResolved, d.wagesRecovered] },
      xAxis: { type: 'category' as const, data: rows.map((r) => r.label) },
      yAxis: [
        { type: 'value' as const, name: t.queue.items },
        { type: 'value' as const, name: t.common.yuan },
      ],
      series: [
        { name: d.alertsRaised, type: 'bar' as const, data: rows.map((r) => r.alertsRaised) },
        { name: d.alertsCleared, type: 'bar' as const, data: rows.map((r) => r.alertsCleared) },
        { name: d.alertsResolved, type: 'bar' as const, data: rows.map((r) => r.alertsResolved) },
        { name: d.wagesRecovered, type: 'line' as const, yAxisIndex: 1, data: rows.map((r) => Number(r.wagesRecovered)) },
      ],
    }),
    [rows, d],
  );
  return <Chart option={option} label={d.trend} />;
}

function CoverageBars({ coverage }: { coverage: Coverage }): ReactNode {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {Object.entries(t.dashboard.coverageLabels).map(([key, label]) => {
        const value = coverage[key as keyof Coverage];
        return (
          <div key={key} data-coverage={key}>
            <Typography.Text>{label}</Typography.Text>
            {value === null ? (
              <Typography.Text type="secondary" className="coverage-value"> {t.dashboard.noData}</Typography.Text>
            ) : (
              <Progress percent={Number((value * 100).toFixed(2))} format={() => <span className="coverage-value">{formatRate(value)}</span>} />
            )}
          </div>
        );
      })}
    </Space>
  );
}

function unitColumns(): ColumnsType<Row> {
  const d = t.dashboard;
  const count = (key: keyof Figures, title: string) => ({ key, title, align: 'right' as const, render: (_: unknown, r: Row) => formatCount(r[key] as number) });
  return [
    { key: 'label', title: d.unit, dataIndex: 'label' },
    count('projectsMonitored', d.projectsMonitored),
    count('alertsRaised', d.alertsRaised),
    count('alertsCleared', d.alertsCleared),
    count('alertsResolved', d.alertsResolved),
    { key: 'onTimeRate', title: d.onTimeRate, align: 'right', render: (_: unknown, r: Row) => formatRate(r.onTimeRate) },
    count('alertsOpenAtEnd', d.alertsOpenAtEnd),
    { key: 'wagesRecovered', title: d.wagesRecovered, align: 'right', render: (_: unknown, r: Row) => formatYuan(r.wagesRecovered) },
    count('workersPaid', d.workersPaid),
    count('noticesSent', d.noticesSent),
    count('cluesReceived', d.cluesReceived),
    { key: 'clueClosureRate', title: d.clueClosureRate, align: 'right', render: (_: unknown, r: Row) => formatRate(r.clueClosureRate) },
  ];
}

/** 统计: the headline figures of the year, the monthly trend, the table by unit, the coverage bars, the export. */
export function DashboardPage(): ReactNode {
  const { me } = useSession();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [applied, setApplied] = useState(range);
  const query = { from: applied[0].format('YYYY-MM-DD'), to: applied[1].format('YYYY-MM-DD') };
  const { data, error, loading } = useLoad(
    async () => {
      const [total, months, units] = await Promise.all([
        api<Report>('GET', `/reports/summary${qs(query)}`),
        api<Report>('GET', `/reports/summary${qs({ ...query, groupBy: 'month' })}`),
        api<Report>('GET', `/reports/summary${qs({ ...query, groupBy: 'unit' })}`),
      ]);
      return { total, months, units };
    },
    [query.from, query.to],
  );
  const [exportError, setExportError] = useState<string | null>(null);
  if (me && !REPORT_READERS.includes(me.role)) return <Navigate to="/" replace />;
  const d = t.dashboard;

  return (
    <section aria-label={d.title}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {d.title}
        </Typography.Title>
        <DatePicker.RangePicker
          aria-label={d.range}
          value={range}
          allowClear={false}
          onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
        />
        <Button onClick={() => setApplied(range)}>{d.apply}</Button>
        <Button
          type="primary"
          onClick={() =>
            openAuthenticated(`/reports/summary.xlsx${qs({ ...query, groupBy: 'unit' })}`, `统计报表-${query.from}至${query.to}.xlsx`).catch((e: Error) =>
              setExportError(e.message),
            )
          }
        >
          {d.export}
        </Button>
      </Space>
      {(error || exportError) && <Alert type="error" showIcon message={`${t.common.error}：${error ?? exportError}`} />}
      {loading && !data && <Spin />}
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={`${d.headline}（${data.total.from} 至 ${data.total.to}）`} size="small">
            <Headline f={data.total.total} />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={16}>
              <Card title={d.trend} size="small">
                <Trend rows={data.months.rows} />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={d.coverage} size="small">
                <CoverageBars coverage={data.total.total.coverage} />
              </Card>
            </Col>
          </Row>
          <Card title={d.byUnit} size="small">
            {data.units.rows.length === 0 ? (
              <Empty />
            ) : (
              <Table<Row> className="report-units" rowKey="key" size="small" pagination={false} columns={unitColumns()} dataSource={data.units.rows} scroll={{ x: true }} />
            )}
          </Card>
        </Space>
      )}
    </section>
  );
}
