import { FormEvent, ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, openAuthenticated } from '../api';
import { ErrorBox, formatTime, SeverityBadge, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';
import { useSession } from '../session';

interface NoticeItemView {
  alertId: number;
  projectCode: string;
  projectName?: string;
  rule?: string;
  severity?: string;
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
  replyText?: string | null;
  items?: NoticeItemView[];
  projects?: Array<{ projectCode: string; projectName?: string; outcome?: string | null; alerts?: NoticeItemView[] }>;
}

function list(res: NoticeView[] | { items: NoticeView[] }): NoticeView[] {
  return Array.isArray(res) ? res : res.items;
}

export function NoticesPage(): ReactNode {
  const { data, error } = useLoad(async () => list(await api<NoticeView[] | { items: NoticeView[] }>('GET', '/notices')), []);
  return (
    <section aria-label={t.notices.title}>
      <h2>{t.notices.title}</h2>
      <ErrorBox error={error} />
      <table className="grid">
        <thead>
          <tr>
            <th>{t.notices.number}</th>
            <th>{t.notices.bureau}</th>
            <th>{t.notices.issuedOn}</th>
            <th>{t.notices.due}</th>
            <th>{t.notices.status}</th>
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((n) => (
            <tr key={n.id} data-notice-id={n.id}>
              <td>
                <Link to={`/notices/${n.id}`}>{n.number}</Link>
              </td>
              <td>{n.bureauName ?? n.bureauCode}</td>
              <td>{n.issuedOn}</td>
              <td>{formatTime(n.replyDueAt)}</td>
              <td>{t.notices.statuses[n.status] ?? n.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function NoticeDetailPage(): ReactNode {
  const { id } = useParams();
  const { me } = useSession();
  const { data: n, error, reload } = useLoad(() => api<NoticeView>('GET', `/notices/${id}`), [id]);
  const [text, setText] = useState('');
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [actionError, setActionError] = useState<string | null>(null);
  if (!n) return <ErrorBox error={error} />;

  const rows: NoticeItemView[] = n.items ?? (n.projects ?? []).flatMap((p) => (p.alerts ?? []).map((a) => ({ ...a, projectCode: p.projectCode, projectName: p.projectName, outcome: p.outcome })));
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
  function reply(e: FormEvent): void {
    e.preventDefault();
    const list = Object.entries(outcomes)
      .filter(([, v]) => v.trim())
      .map(([projectCode, outcome]) => ({ projectCode, outcome }));
    void act('reply', { text, ...(list.length ? { outcomes: list } : {}) });
  }

  return (
    <section aria-label={n.number}>
      <h2>
        {n.number} · {n.bureauName ?? n.bureauCode}
      </h2>
      <p>
        {t.notices.issuedOn}：{n.issuedOn} · {t.notices.due}：{formatTime(n.replyDueAt)} · {t.notices.status}：
        <strong className="notice-status">{t.notices.statuses[n.status] ?? n.status}</strong>
      </p>
      <div className="filters">
        <button type="button" onClick={() => void openAuthenticated(`/notices/${id}/document`)}>
          {t.notices.print}
        </button>
        <button type="button" onClick={() => void openAuthenticated(`/notices/${id}/document?format=pdf`, `notice-${id}.pdf`)}>
          {t.notices.pdf}
        </button>
        {isBureau && n.status === 'sent' && (
          <button type="button" className="primary" onClick={() => void act('acknowledge')}>
            {t.notices.acknowledge}
          </button>
        )}
      </div>
      <table className="grid">
        <thead>
          <tr>
            <th>{t.notices.columns.project}</th>
            <th>{t.notices.columns.alert}</th>
            <th>{t.notices.columns.severity}</th>
            <th>{t.notices.columns.action}</th>
            <th>{t.notices.outcome}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.alertId}`}>
              <td>
                {r.projectCode} {r.projectName}
              </td>
              <td>{r.rule ? (t.rules[r.rule] ?? r.rule) : r.alertId}</td>
              <td>{r.severity && <SeverityBadge severity={r.severity} />}</td>
              <td>{r.requestedAction}</td>
              <td>{r.outcome ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {n.replyText && (
        <p className="reply">
          {t.notices.replyText}：{n.replyText}
        </p>
      )}
      {isBureau && n.status !== 'replied' && (
        <form className="action-form" onSubmit={reply} aria-label={t.notices.reply}>
          <h3>{t.notices.reply}</h3>
          <label>
            {t.notices.replyText}
            <textarea name="text" value={text} onChange={(e) => setText(e.target.value)} required />
          </label>
          {projectCodes.map((code) => (
            <label key={code}>
              {t.notices.outcome}：{code}
              <input value={outcomes[code] ?? ''} onChange={(e) => setOutcomes({ ...outcomes, [code]: e.target.value })} />
            </label>
          ))}
          <button type="submit" className="primary">
            {t.notices.send}
          </button>
        </form>
      )}
      <ErrorBox error={actionError} />
    </section>
  );
}
