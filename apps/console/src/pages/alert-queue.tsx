import { ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../api';
import { EnumOptions, ErrorBox, formatTime, SeverityBadge, StatusBadge, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';

export interface AlertItem {
  id: number;
  projectCode: string;
  projectName: string;
  rule: string;
  severity: string;
  status: string;
  period: string | null;
  evidence: Record<string, unknown>;
  thresholds: Record<string, unknown>;
  unitCode: string | null;
  assignee: unknown;
  firstSeenAt: string;
  lastSeenAt: string;
  dueAt: string | null;
  escalationLevel: number;
  clearedAt: string | null;
  resolution: unknown;
  overdue?: boolean;
  suppressedUntil?: string | null;
}
interface AlertPage {
  items: AlertItem[];
  total: number;
}

const PAGE_SIZE = 50;
const EMPTY = { status: 'open,acknowledged,in_progress', severity: '', rule: '', projectCode: '', regionCode: '', unitCode: '', period: '', overdue: false };

export function AlertQueuePage(): ReactNode {
  const navigate = useNavigate();
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const [grouped, setGrouped] = useState(false);
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const { data, error, reload } = useLoad(
    () => api<AlertPage>('GET', `/alerts${qs({ ...filters, page, pageSize: PAGE_SIZE })}`),
    [filters, page],
  );

  async function claimNext(): Promise<void> {
    const claimed = await api<AlertItem | undefined>('POST', '/alerts/claim-next');
    if (claimed) void navigate(`/alerts/${claimed.id}`);
    else setNotice(t.queue.claimedNone);
  }
  async function bulk(projectCode: string, action: 'acknowledge' | 'resolve'): Promise<void> {
    const body = action === 'resolve' ? { action, resolution: 'rectified', note: t.queue.bulkResolveNote } : { action };
    await api('POST', `/projects/${encodeURIComponent(projectCode)}/alerts/actions`, body);
    reload();
  }

  const groups = new Map<string, AlertItem[]>();
  for (const a of data?.items ?? []) groups.set(a.projectCode, [...(groups.get(a.projectCode) ?? []), a]);
  const totalPages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));

  return (
    <section aria-label={t.nav.alerts}>
      <form
        className="filters"
        aria-label={t.queue.filters}
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setFilters(draft);
        }}
      >
        <label>
          {t.queue.statusFilter}
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="open,acknowledged,in_progress">{t.common.active}</option>
            <EnumOptions labels={t.status} />
            <option value="">{t.common.all}</option>
          </select>
        </label>
        <label>
          {t.queue.severityFilter}
          <select value={draft.severity} onChange={(e) => setDraft({ ...draft, severity: e.target.value })}>
            <option value="">{t.common.all}</option>
            <EnumOptions labels={t.severity} />
          </select>
        </label>
        <label>
          {t.queue.ruleFilter}
          <select value={draft.rule} onChange={(e) => setDraft({ ...draft, rule: e.target.value })}>
            <option value="">{t.common.all}</option>
            <EnumOptions labels={t.rules} />
          </select>
        </label>
        {(['projectCode', 'regionCode', 'unitCode', 'period'] as const).map((key) => (
          <label key={key}>
            {{ projectCode: t.queue.project, regionCode: t.queue.region, unitCode: t.queue.unit, period: t.queue.period }[key]}
            <input value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} placeholder={key === 'period' ? 'YYYY-MM' : ''} />
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={draft.overdue} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked })} />
          {t.queue.overdueOnly}
        </label>
        <button type="submit">{t.queue.apply}</button>
        <label className="check">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
          {t.queue.groupByProject}
        </label>
        <button type="button" className="primary" onClick={() => void claimNext().catch((e: Error) => setNotice(e.message))}>
          {t.queue.claimNext}
        </button>
      </form>
      {notice && <div className="notice">{notice}</div>}
      <ErrorBox error={error} />
      <p>
        {t.queue.total} {data?.total ?? 0} {t.queue.items}
      </p>
      {grouped ? (
        [...groups.entries()].map(([code, items]) => (
          <div key={code} className="group">
            <h3>
              <Link to={`/projects/${encodeURIComponent(code)}`}>
                {code} {items[0].projectName}
              </Link>
              <button type="button" onClick={() => void bulk(code, 'acknowledge')}>
                {t.queue.bulkAck}
              </button>
              <button type="button" onClick={() => void bulk(code, 'resolve')}>
                {t.queue.bulkResolve}
              </button>
            </h3>
            <AlertTable items={items} />
          </div>
        ))
      ) : (
        <AlertTable items={data?.items ?? []} />
      )}
      <div className="pager">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t.queue.prev}
        </button>
        <span>
          {page} / {totalPages}
        </span>
        <button type="button" disabled={page >= totalPages} onClick={() => setPage(page + 1)}>
          {t.queue.next}
        </button>
      </div>
    </section>
  );
}

export function AlertTable({ items }: { items: AlertItem[] }): ReactNode {
  const c = t.queue.columns;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{c.severity}</th>
          <th>{c.rule}</th>
          <th>{c.project}</th>
          <th>{c.period}</th>
          <th>{c.status}</th>
          <th>{c.unit}</th>
          <th>{c.due}</th>
          <th>{c.seen}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id} data-alert-id={a.id}>
            <td>
              <SeverityBadge severity={a.severity} />
              {a.overdue && <span className="badge overdue">{t.queue.overdue}</span>}
              {a.escalationLevel > 0 && (
                <span className="badge escalated">
                  {t.queue.escalation}
                  {a.escalationLevel}
                </span>
              )}
              {a.suppressedUntil && <span className="badge muted">{t.queue.suppressed}</span>}
            </td>
            <td>
              <Link to={`/alerts/${a.id}`}>{t.rules[a.rule] ?? a.rule}</Link>
            </td>
            <td>
              <Link to={`/projects/${encodeURIComponent(a.projectCode)}`}>{a.projectName || a.projectCode}</Link>
            </td>
            <td>{a.period ?? '—'}</td>
            <td>
              <StatusBadge status={a.status} />
            </td>
            <td>{a.unitCode ?? '—'}</td>
            <td>{formatTime(a.dueAt)}</td>
            <td>{formatTime(a.lastSeenAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
