import { FormEvent, ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { EnumOptions, ErrorBox, formatTime, KeyValueTable, SeverityBadge, StatusBadge, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';
import type { AlertItem } from './alert-queue';
import { RelatedClue, RelatedClues } from './clue-common';

interface AlertEventView {
  id: number;
  at: string;
  action: string;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}
type AlertDetail = AlertItem & { events?: AlertEventView[]; relatedClues?: RelatedClue[] };
interface WorkerRow {
  name?: string;
  idNumber?: string;
  idMasked?: string;
  [k: string]: unknown;
}

export function AlertDetailPage(): ReactNode {
  const { id } = useParams();
  const { data: alert, error, reload } = useLoad(() => api<AlertDetail>('GET', `/alerts/${id}`), [id]);
  const [form, setForm] = useState({ action: 'acknowledge', resolution: 'wages_paid', recoveredAmount: '', workersPaid: '', assignee: '', until: '', note: '' });
  const [actionError, setActionError] = useState<string | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setActionError(null);
    const body: Record<string, unknown> = { action: form.action };
    if (form.note) body.note = form.note;
    if (form.action === 'resolve') {
      body.resolution = form.resolution;
      if (form.recoveredAmount) body.recoveredAmount = form.recoveredAmount;
      if (form.workersPaid) body.workersPaid = Number(form.workersPaid);
    }
    if (form.action === 'assign') body.assignee = form.assignee;
    if (form.action === 'suppress') body.until = form.until;
    try {
      await api('POST', `/alerts/${id}/actions`, body);
      reload();
    } catch (err) {
      setActionError((err as Error).message);
    }
  }

  if (!alert) return <ErrorBox error={error} />;
  const workers = (alert.evidence?.workers ?? alert.evidence?.affectedWorkers) as WorkerRow[] | undefined;
  return (
    <section aria-label={t.nav.alerts}>
      <h2>
        <SeverityBadge severity={alert.severity} /> {t.rules[alert.rule] ?? alert.rule} <small>{alert.rule}</small> <StatusBadge status={alert.status} />
      </h2>
      <p>
        <Link to={`/projects/${encodeURIComponent(alert.projectCode)}`}>
          {alert.projectCode} {alert.projectName}
        </Link>
        {alert.period && ` · ${alert.period}`} · {t.queue.columns.due}：{formatTime(alert.dueAt)} · {t.queue.escalation} {alert.escalationLevel}
      </p>
      <div className="two-col">
        <KeyValueTable value={alert.evidence} caption={t.alert.evidence} />
        <KeyValueTable value={alert.thresholds} caption={t.alert.thresholds} />
      </div>
      {workers && workers.length > 0 && (
        <table className="grid">
          <caption>{t.alert.workers}</caption>
          <thead>
            <tr>
              <th>{t.alert.name}</th>
              <th>{t.alert.idNumber}</th>
            </tr>
          </thead>
          <tbody>
            {workers.map((w, i) => (
              <tr key={i}>
                <td>{w.name ?? '—'}</td>
                <td>{w.idNumber ?? w.idMasked ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="action-form" onSubmit={submit} aria-label={t.alert.doAction}>
        <h3>{t.alert.doAction}</h3>
        <label>
          {t.alert.action}
          <select name="action" value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })}>
            <EnumOptions labels={t.actions} />
          </select>
        </label>
        {form.action === 'resolve' && (
          <>
            <label>
              {t.alert.resolution}
              <select name="resolution" value={form.resolution} onChange={(e) => setForm({ ...form, resolution: e.target.value })}>
                <EnumOptions labels={t.resolutions} />
              </select>
            </label>
            <label>
              {t.alert.recovered}
              <input name="recoveredAmount" inputMode="decimal" value={form.recoveredAmount} onChange={(e) => setForm({ ...form, recoveredAmount: e.target.value })} />
            </label>
            <label>
              {t.alert.workersPaid}
              <input name="workersPaid" inputMode="numeric" value={form.workersPaid} onChange={(e) => setForm({ ...form, workersPaid: e.target.value })} />
            </label>
          </>
        )}
        {form.action === 'assign' && (
          <label>
            {t.alert.assignee}
            <input name="assignee" value={form.assignee} onChange={(e) => setForm({ ...form, assignee: e.target.value })} />
          </label>
        )}
        {form.action === 'suppress' && (
          <label>
            {t.alert.until}
            <input name="until" type="date" value={form.until} onChange={(e) => setForm({ ...form, until: e.target.value })} />
          </label>
        )}
        <label>
          {t.alert.note}
          <textarea name="note" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
        </label>
        <button type="submit" className="primary">
          {t.alert.submit}
        </button>
        <ErrorBox error={actionError} />
      </form>
      {(alert.relatedClues?.length ?? 0) > 0 && <h3>{t.clues.related}</h3>}
      <RelatedClues clues={alert.relatedClues} />
      <h3>{t.alert.timeline}</h3>
      <ol className="timeline">
        {(alert.events ?? []).map((ev) => (
          <li key={ev.id}>
            <time>{formatTime(ev.at)}</time> <strong>{t.actions[ev.action] ?? ev.action}</strong> {ev.actorName ?? ''}{' '}
            {ev.fromStatus && ev.toStatus && ev.fromStatus !== ev.toStatus && `${t.status[ev.fromStatus] ?? ev.fromStatus} → ${t.status[ev.toStatus] ?? ev.toStatus}`}
            {ev.note && <div className="note">{ev.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
