import { Button, Card, Checkbox, DatePicker, Form, Input, message, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../api';
import { enumOptions, ErrorBox, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';
import { AlertItem, AlertTable } from './alert-table';

export type { AlertItem } from './alert-table';
export { AlertTable } from './alert-table';

interface AlertPage {
  items: AlertItem[];
  total: number;
}
interface Filters {
  status: string;
  severity?: string;
  rule?: string;
  projectCode?: string;
  regionCode?: string;
  unitCode?: string;
  period?: Dayjs | null;
  overdue?: boolean;
}

const ACTIVE = 'open,acknowledged,in_progress';
const EMPTY: Filters = { status: ACTIVE };

export function AlertQueuePage(): ReactNode {
  const navigate = useNavigate();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [grouped, setGrouped] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [toast, holder] = message.useMessage();
  const { data, error, loading, reload } = useLoad(
    () =>
      api<AlertPage>(
        'GET',
        `/alerts${qs({
          status: filters.status,
          severity: filters.severity,
          rule: filters.rule,
          projectCode: filters.projectCode,
          regionCode: filters.regionCode,
          unitCode: filters.unitCode,
          period: filters.period ? filters.period.format('YYYY-MM') : undefined,
          overdue: filters.overdue,
          page,
          pageSize,
        })}`,
      ),
    [filters, page, pageSize],
  );

  async function claimNext(): Promise<void> {
    const claimed = await api<AlertItem | undefined>('POST', '/alerts/claim-next');
    if (claimed) void navigate(`/alerts/${claimed.id}`);
    else void toast.info(t.queue.claimedNone);
  }
  async function bulk(projectCode: string, action: 'acknowledge' | 'resolve'): Promise<void> {
    const body = action === 'resolve' ? { action, resolution: 'rectified', note: t.queue.bulkResolveNote } : { action };
    await api('POST', `/projects/${encodeURIComponent(projectCode)}/alerts/actions`, body);
    reload();
  }

  const groups = new Map<string, AlertItem[]>();
  for (const a of data?.items ?? []) groups.set(a.projectCode, [...(groups.get(a.projectCode) ?? []), a]);
  const pagination = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (total: number) => `${t.queue.total} ${total} ${t.queue.items}`,
    onChange: (p: number, size: number) => {
      setPage(size === pageSize ? p : 1);
      setPageSize(size);
    },
  };

  return (
    <section aria-label={t.nav.alerts}>
      {holder}
      <Typography.Title level={2}>{t.nav.alerts}</Typography.Title>
      <Card size="small" className="page-toolbar">
        <Form
          form={form}
          layout="inline"
          aria-label={t.queue.filters}
          initialValues={EMPTY}
          onFinish={(v) => {
            setPage(1);
            setFilters({ ...v });
          }}
        >
          <Form.Item label={t.queue.statusFilter} name="status">
            <Select style={{ width: 140 }} options={[{ value: ACTIVE, label: t.common.active }, ...enumOptions(t.status), { value: '', label: t.common.all }]} />
          </Form.Item>
          <Form.Item label={t.queue.severityFilter} name="severity">
            <Select style={{ width: 100 }} allowClear placeholder={t.common.all} options={enumOptions(t.severity)} />
          </Form.Item>
          <Form.Item label={t.queue.ruleFilter} name="rule">
            <Select style={{ width: 220 }} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t.common.all} options={enumOptions(t.rules)} />
          </Form.Item>
          <Form.Item label={t.queue.project} name="projectCode">
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t.queue.region} name="regionCode" rules={[{ pattern: /^\d{2,6}$/, message: t.queue.regionInvalid }]}>
            <Input allowClear style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t.queue.unit} name="unitCode">
            <Input allowClear style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label={t.queue.period} name="period">
            <DatePicker picker="month" allowClear />
          </Form.Item>
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox>{t.queue.overdueOnly}</Checkbox>
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">{t.queue.apply}</Button>
          </Form.Item>
        </Form>
        <Space style={{ marginTop: 8 }}>
          <Checkbox checked={grouped} onChange={(e) => setGrouped(e.target.checked)}>
            {t.queue.groupByProject}
          </Checkbox>
          <Button type="primary" onClick={() => void claimNext().catch((e: Error) => void toast.error(e.message))}>
            {t.queue.claimNext}
          </Button>
        </Space>
      </Card>
      <ErrorBox error={error} />
      {grouped ? (
        [...groups.entries()].map(([code, items]) => (
          <Card
            key={code}
            size="small"
            className="group"
            style={{ marginBottom: 12 }}
            title={<Link to={`/projects/${encodeURIComponent(code)}`}>{items[0].projectName || code}</Link>}
            extra={
              <Space>
                <Button size="small" onClick={() => void bulk(code, 'acknowledge')}>
                  {t.queue.bulkAck}
                </Button>
                <Button size="small" onClick={() => void bulk(code, 'resolve')}>
                  {t.queue.bulkResolve}
                </Button>
              </Space>
            }
          >
            <AlertTable items={items} />
          </Card>
        ))
      ) : (
        <AlertTable items={data?.items ?? []} loading={loading} pagination={pagination} />
      )}
    </section>
  );
}
