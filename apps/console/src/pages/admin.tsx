import { FormEvent, ReactNode, useState } from 'react';
import { api } from '../api';
import { DataTable, ErrorBox, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';

type Row = Record<string, unknown>;
const asList = (res: Row[] | { items: Row[] }): Row[] => (Array.isArray(res) ? res : res.items);
const ROLES = ['admin', 'brigade_lead', 'inspector', 'bureau_officer', 'auditor'];

function Users(): ReactNode {
  const { data, error, reload } = useLoad(async () => asList(await api('GET', '/users')), []);
  const [form, setForm] = useState({ username: '', password: '', role: 'inspector', unitCode: '', bureauCode: '' });
  const [err, setErr] = useState<string | null>(null);
  async function create(e: FormEvent): Promise<void> {
    e.preventDefault();
    setErr(null);
    const body: Row = { username: form.username, password: form.password, role: form.role };
    if (form.unitCode) body.unitCode = form.unitCode;
    if (form.bureauCode) body.bureauCode = form.bureauCode;
    await api('POST', '/users', body).then(reload, (x: Error) => setErr(x.message));
  }
  return (
    <>
      <form className="filters" onSubmit={create} aria-label={t.admin.users}>
        <input aria-label={t.login.username} placeholder={t.login.username} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
        <input aria-label={t.login.password} placeholder={t.login.password} type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
        <select aria-label={t.admin.role} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <input aria-label={t.admin.unitCode} placeholder={t.admin.unitCode} value={form.unitCode} onChange={(e) => setForm({ ...form, unitCode: e.target.value })} />
        <input aria-label={t.admin.bureauCode} placeholder={t.admin.bureauCode} value={form.bureauCode} onChange={(e) => setForm({ ...form, bureauCode: e.target.value })} />
        <button type="submit">{t.admin.create}</button>
      </form>
      <ErrorBox error={err ?? error} />
      <DataTable rows={data} caption={t.admin.users} />
      {(data ?? []).map((u) => (
        <button key={String(u.id)} type="button" disabled={Boolean(u.disabled)} onClick={() => void api('PATCH', `/users/${String(u.id)}`, { disabled: true }).then(reload)}>
          {t.admin.disable} {String(u.username)}
        </button>
      ))}
    </>
  );
}

function Keys(): ReactNode {
  const { data, error, reload } = useLoad(async () => asList(await api('GET', '/api-keys')), []);
  const [name, setName] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  return (
    <>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void api<{ key: string }>('POST', '/api-keys', { name }).then((r) => (setShown(r.key), reload()));
        }}
      >
        <input aria-label={t.admin.keyName} placeholder={t.admin.keyName} value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit">{t.admin.create}</button>
      </form>
      {shown && (
        <p className="notice">
          {t.admin.keyShownOnce}
          <code>{shown}</code>
        </p>
      )}
      <ErrorBox error={error} />
      <DataTable rows={data} caption={t.admin.keys} />
      {(data ?? [])
        .filter((k) => !k.revokedAt)
        .map((k) => (
          <button key={String(k.id)} type="button" onClick={() => void api('DELETE', `/api-keys/${String(k.id)}`).then(reload)}>
            {t.admin.revoke} {String(k.name)}
          </button>
        ))}
    </>
  );
}

function Reference(): ReactNode {
  const units = useLoad(async () => asList(await api('GET', '/inspection-units')), []);
  const bureaus = useLoad(async () => asList(await api('GET', '/industry-bureaus')), []);
  return (
    <>
      <ErrorBox error={units.error ?? bureaus.error} />
      <DataTable rows={units.data} caption={t.admin.inspectionUnits} />
      <DataTable rows={bureaus.data} caption={t.admin.industryBureaus} />
    </>
  );
}

function Profiles(): ReactNode {
  const { data, error, reload } = useLoad(async () => asList(await api('GET', '/region-profiles')), []);
  const [code, setCode] = useState('');
  const [json, setJson] = useState('');
  const [err, setErr] = useState<string | null>(null);
  function edit(p: Row): void {
    setCode(String(p.code));
    const { thresholds, name } = p as { thresholds?: unknown; name?: unknown };
    setJson(JSON.stringify({ name, thresholds }, null, 2));
  }
  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    setErr(null);
    try {
      await api('PUT', `/region-profiles/${encodeURIComponent(code)}`, JSON.parse(json) as unknown);
      reload();
    } catch (x) {
      setErr((x as Error).message);
    }
  }
  return (
    <>
      <ErrorBox error={err ?? error} />
      <DataTable rows={data} caption={t.admin.profiles} />
      {(data ?? []).map((p) => (
        <button key={String(p.code)} type="button" onClick={() => edit(p)}>
          {String(p.code)}
        </button>
      ))}
      {code && (
        <form onSubmit={save} className="action-form">
          <label>
            {code}
            <textarea rows={16} value={json} onChange={(e) => setJson(e.target.value)} />
          </label>
          <button type="submit">{t.admin.save}</button>
        </form>
      )}
    </>
  );
}

function DeadLetters(): ReactNode {
  const { data, error, reload } = useLoad(async () => asList(await api('GET', '/outbox/dead-letters')), []);
  return (
    <>
      <ErrorBox error={error} />
      <DataTable rows={data} caption={t.admin.deadLetters} />
      {(data ?? []).map((m) => (
        <button key={String(m.id)} type="button" onClick={() => void api('POST', `/outbox/${String(m.id)}/replay`).then(reload)}>
          {t.admin.replay} #{String(m.id)}
        </button>
      ))}
    </>
  );
}

const TABS: Array<[string, string, () => ReactNode]> = [
  ['users', t.admin.users, Users],
  ['keys', t.admin.keys, Keys],
  ['units', t.admin.units, Reference],
  ['profiles', t.admin.profiles, Profiles],
  ['dead', t.admin.deadLetters, DeadLetters],
];

export function AdminPage(): ReactNode {
  const [tab, setTab] = useState('users');
  const Current = TABS.find(([k]) => k === tab)?.[2] ?? Users;
  return (
    <section aria-label={t.nav.admin}>
      <div role="tablist" className="tabs">
        {TABS.map(([key, label]) => (
          <button key={key} role="tab" type="button" aria-selected={tab === key} onClick={() => setTab(key)}>
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <Current />
      </div>
    </section>
  );
}
