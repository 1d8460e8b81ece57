import { Alert, Button, Drawer, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ReactNode, useState } from 'react';
import { api } from '../api';
import { enumOptions, ErrorBox, formatTime, label, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';

type Row = Record<string, unknown>;
const asList = <T,>(res: T[] | { items: T[] }): T[] => (Array.isArray(res) ? res : res.items);
const text = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : String(v));

interface UserRow {
  id: string;
  username: string;
  role: string;
  unitCode: string | null;
  bureauCode: string | null;
  canUnmask: boolean;
  disabled: boolean;
  createdAt: string;
}

function Users(): ReactNode {
  const { data, error, loading, reload } = useLoad(async () => asList(await api<UserRow[] | { items: UserRow[] }>('GET', '/users')), []);
  const [open, setOpen] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form);
  async function create(v: Row): Promise<void> {
    setErr(null);
    const body: Row = { username: v.username, password: v.password, role: v.role };
    if (v.unitCode) body.unitCode = v.unitCode;
    if (v.bureauCode) body.bureauCode = v.bureauCode;
    try {
      await api('POST', '/users', body);
      setOpen(false);
      form.resetFields();
      reload();
    } catch (x) {
      setErr((x as Error).message);
    }
  }
  return (
    <>
      <Space className="page-toolbar">
        <Button type="primary" onClick={() => setOpen(true)}>
          {t.admin.createUser}
        </Button>
      </Space>
      <ErrorBox error={error} />
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { key: 'u', title: t.login.username, dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
          { key: 'r', title: t.admin.role, render: (_, u) => label(t.roles, u.role), sorter: (a, b) => a.role.localeCompare(b.role) },
          { key: 'unit', title: t.admin.unitCode, render: (_, u) => text(u.unitCode) },
          { key: 'bureau', title: t.admin.bureauCode, render: (_, u) => text(u.bureauCode) },
          { key: 'unmask', title: t.admin.canUnmask, render: (_, u) => (u.canUnmask ? t.common.yes : t.common.no) },
          { key: 'st', title: t.admin.state, render: (_, u) => (u.disabled ? <Tag>{t.admin.disabled}</Tag> : <Tag color="green">{t.admin.enabled}</Tag>) },
          { key: 'c', title: t.admin.createdAt, render: (_, u) => formatTime(u.createdAt) },
          {
            key: 'op',
            title: t.alert.action,
            render: (_, u) =>
              !u.disabled && (
                <Popconfirm title={`${t.admin.disable} ${u.username}？`} onConfirm={() => void api('PATCH', `/users/${u.id}`, { disabled: true }).then(reload)}>
                  <Button size="small" danger>
                    {t.admin.disable}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Drawer title={t.admin.createUser} open={open} onClose={() => setOpen(false)} size={420}>
        <Form form={form} layout="vertical" aria-label={t.admin.users} initialValues={{ role: 'inspector' }} onFinish={(v: Row) => void create(v)}>
          <Form.Item label={t.login.username} name="username" rules={[{ required: true, message: t.login.usernameRequired }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t.login.password} name="password" rules={[{ required: true, message: t.login.passwordRequired }, { min: 12, message: t.admin.passwordShort }]}>
            <Input.Password />
          </Form.Item>
          <Form.Item label={t.admin.role} name="role" rules={[{ required: true, message: t.admin.roleRequired }]}>
            <Select options={enumOptions(t.roles)} />
          </Form.Item>
          {['inspector', 'brigade_lead', 'submitter'].includes(role) && (
            <Form.Item label={t.admin.unitCode} name="unitCode" rules={[{ required: role !== 'submitter', message: t.admin.unitRequired }]}>
              <Input />
            </Form.Item>
          )}
          {role === 'bureau_officer' && (
            <Form.Item label={t.admin.bureauCode} name="bureauCode" rules={[{ required: true, message: t.admin.bureauRequired }]}>
              <Input />
            </Form.Item>
          )}
          <ErrorBox error={err} />
          <Button type="primary" htmlType="submit" block>
            {t.admin.create}
          </Button>
        </Form>
      </Drawer>
    </>
  );
}

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
}

function Keys(): ReactNode {
  const { data, error, reload } = useLoad(async () => asList(await api<KeyRow[] | { items: KeyRow[] }>('GET', '/api-keys')), []);
  const [shown, setShown] = useState<string | null>(null);
  return (
    <>
      <Form layout="inline" className="page-toolbar" onFinish={(v: { name: string }) => void api<{ key: string }>('POST', '/api-keys', v).then((r) => (setShown(r.key), reload()))}>
        <Form.Item label={t.admin.keyName} name="name" rules={[{ required: true, message: t.admin.keyNameRequired }]}>
          <Input />
        </Form.Item>
        <Button htmlType="submit">{t.admin.create}</Button>
      </Form>
      {shown && <Alert type="success" title={t.admin.keyShownOnce} description={<Typography.Text copyable>{shown}</Typography.Text>} style={{ marginBottom: 12 }} />}
      <ErrorBox error={error} />
      <Table<KeyRow>
        rowKey="id"
        size="small"
        dataSource={data ?? []}
        columns={[
          { key: 'n', title: t.admin.keyName, dataIndex: 'name' },
          { key: 'p', title: t.admin.keyPrefix, dataIndex: 'prefix' },
          { key: 'by', title: t.admin.createdBy, render: (_, k) => text(k.createdBy) },
          { key: 'c', title: t.admin.createdAt, render: (_, k) => formatTime(k.createdAt) },
          { key: 'r', title: t.admin.state, render: (_, k) => (k.revokedAt ? `${t.admin.revoked} ${formatTime(k.revokedAt)}` : t.admin.enabled) },
          {
            key: 'op',
            title: t.alert.action,
            render: (_, k) =>
              !k.revokedAt && (
                <Popconfirm title={`${t.admin.revoke} ${k.name}？`} onConfirm={() => void api('DELETE', `/api-keys/${k.id}`).then(reload)}>
                  <Button size="small" danger>
                    {t.admin.revoke}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}

function Reference(): ReactNode {
  const units = useLoad(async () => asList(await api<Row[] | { items: Row[] }>('GET', '/inspection-units')), []);
  const bureaus = useLoad(async () => asList(await api<Row[] | { items: Row[] }>('GET', '/industry-bureaus')), []);
  const industries = (v: unknown): string => (Array.isArray(v) ? v : String(v ?? '').split(';')).filter(Boolean).map((i) => label(t.industries, String(i))).join('、') || '—';
  return (
    <>
      <ErrorBox error={units.error ?? bureaus.error} />
      <Table<Row>
        title={() => <strong>{t.admin.inspectionUnits}</strong>}
        rowKey={(r) => String(r.unitCode)}
        size="small"
        dataSource={units.data ?? []}
        columns={[
          { key: 'c', title: t.admin.unitCodeCol, render: (_, r) => text(r.unitCode) },
          { key: 'n', title: t.admin.name, render: (_, r) => text(r.name) },
          { key: 'k', title: t.admin.kind, render: (_, r) => label(t.unitKinds, r.kind as string) },
          { key: 'r', title: t.project.region, render: (_, r) => text(r.regionCode) },
          { key: 'p', title: t.admin.parentUnit, render: (_, r) => text(r.parentUnitCode) },
        ]}
      />
      <Table<Row>
        title={() => <strong>{t.admin.industryBureaus}</strong>}
        rowKey={(r) => String(r.bureauCode)}
        size="small"
        dataSource={bureaus.data ?? []}
        columns={[
          { key: 'c', title: t.admin.bureauCodeCol, render: (_, r) => text(r.bureauCode) },
          { key: 'n', title: t.admin.name, render: (_, r) => text(r.name) },
          { key: 'r', title: t.project.region, render: (_, r) => text(r.regionCode) },
          { key: 'i', title: t.admin.industries, render: (_, r) => industries(r.industries) },
        ]}
      />
    </>
  );
}

interface ProfileRow {
  code: string;
  name: string;
  version: number;
  thresholds: Record<string, unknown> & { sla?: Record<string, number> };
  updatedBy: string | null;
  updatedAt: string;
}
const THRESHOLD_KEYS = Object.keys(t.thresholds).filter((k) => k !== 'sla');

function Profiles(): ReactNode {
  const { data, error, reload } = useLoad(async () => asList(await api<ProfileRow[] | { items: ProfileRow[] }>('GET', '/region-profiles')), []);
  const [editing, setEditing] = useState<ProfileRow | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [form] = Form.useForm();
  function edit(p: ProfileRow): void {
    setEditing(p);
    form.setFieldsValue({ name: p.name, thresholds: p.thresholds });
  }
  async function save(v: { name: string; thresholds: Row }): Promise<void> {
    if (!editing) return;
    setErr(null);
    try {
      await api('PUT', `/region-profiles/${encodeURIComponent(editing.code)}`, { name: v.name, thresholds: { ...editing.thresholds, ...v.thresholds, sla: { ...editing.thresholds.sla, ...(v.thresholds.sla as Row) } } });
      setEditing(null);
      reload();
    } catch (x) {
      setErr((x as Error).message);
    }
  }
  return (
    <>
      <ErrorBox error={error} />
      <Table<ProfileRow>
        rowKey="code"
        size="small"
        dataSource={data ?? []}
        columns={[
          { key: 'c', title: t.admin.profileCode, render: (_, p) => (p.code === 'national' ? t.admin.national : p.code) },
          { key: 'n', title: t.admin.name, dataIndex: 'name' },
          { key: 'v', title: t.admin.version, dataIndex: 'version' },
          { key: 'm', title: t.thresholds.minimumMonthlyWageYuan, render: (_, p) => (p.thresholds.minimumMonthlyWageYuan ? `${String(p.thresholds.minimumMonthlyWageYuan)} 元` : t.admin.notSet) },
          { key: 'by', title: t.admin.updatedBy, render: (_, p) => (p.updatedBy === 'seed' ? t.admin.seeded : text(p.updatedBy)) },
          { key: 'at', title: t.admin.updatedAt, render: (_, p) => formatTime(p.updatedAt) },
          { key: 'op', title: t.alert.action, render: (_, p) => <Button size="small" onClick={() => edit(p)}>{t.admin.edit}</Button> },
        ]}
      />
      <Drawer title={editing ? `${t.admin.profiles}：${editing.name}` : ''} open={Boolean(editing)} onClose={() => setEditing(null)} size={520}>
        <Form form={form} layout="vertical" onFinish={(v: { name: string; thresholds: Row }) => void save(v)}>
          <Form.Item label={t.admin.name} name="name" rules={[{ required: true, message: t.admin.nameRequired }]}>
            <Input />
          </Form.Item>
          {THRESHOLD_KEYS.map((k) => (
            <Form.Item key={k} label={`${t.thresholds[k]}${t.thresholdUnits[k] ? `（${t.thresholdUnits[k] === '%' ? t.admin.fraction : t.thresholdUnits[k]}）` : ''}`} name={['thresholds', k]}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
          {Object.keys(t.slaFields).map((k) => (
            <Form.Item key={k} label={`${t.slaFields[k]}（${k.endsWith('Hours') ? t.admin.hours : t.admin.workingDays}）`} name={['thresholds', 'sla', k]} rules={[{ required: true, message: t.admin.valueRequired }]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
          <ErrorBox error={err} />
          <Button type="primary" htmlType="submit" block>
            {t.admin.save}
          </Button>
        </Form>
      </Drawer>
    </>
  );
}

interface DeadLetter {
  id: number;
  receiverType: string;
  receiverCode: string;
  event: string;
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  lastAttemptAt: string;
}

function DeadLetters(): ReactNode {
  const { data, error, reload } = useLoad(async () => asList(await api<DeadLetter[] | { items: DeadLetter[] }>('GET', '/outbox/dead-letters')), []);
  return (
    <>
      <ErrorBox error={error} />
      <Table<DeadLetter>
        rowKey="id"
        size="small"
        dataSource={data ?? []}
        locale={{ emptyText: t.common.none }}
        columns={[
          { key: 'id', title: t.admin.messageNo, dataIndex: 'id' },
          { key: 'to', title: t.admin.receiver, render: (_, m) => `${label(t.admin.receiverTypes, m.receiverType)} ${m.receiverCode}` },
          { key: 'a', title: t.admin.attempts, dataIndex: 'attempts' },
          { key: 's', title: t.admin.lastStatus, render: (_, m) => <span title={m.lastError ?? ''}>{m.lastStatusCode ?? t.admin.noResponse}</span> },
          { key: 'at', title: t.admin.lastAttempt, render: (_, m) => formatTime(m.lastAttemptAt) },
          { key: 'op', title: t.alert.action, render: (_, m) => <Button size="small" onClick={() => void api('POST', `/outbox/${m.id}/replay`).then(reload)}>{t.admin.replay}</Button> },
        ]}
      />
    </>
  );
}

export function AdminPage(): ReactNode {
  return (
    <section aria-label={t.nav.admin}>
      <Typography.Title level={2}>{t.nav.admin}</Typography.Title>
      <Tabs
        items={[
          { key: 'users', label: t.admin.users, children: <Users /> },
          { key: 'keys', label: t.admin.keys, children: <Keys /> },
          { key: 'units', label: t.admin.units, children: <Reference /> },
          { key: 'profiles', label: t.admin.profiles, children: <Profiles /> },
          { key: 'dead', label: t.admin.deadLetters, children: <DeadLetters /> },
        ]}
      />
    </section>
  );
}
