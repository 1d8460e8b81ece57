import { ReactNode, useCallback, useEffect, useState } from 'react';
import { t } from '../i18n/zh-CN';

/** Loads data on mount and whenever `deps` change; `reload` refetches. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: string | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: Error) => live && setError(e.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // deps are the caller's (spread); the react-hooks lint plugin is not used here.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

export function ErrorBox({ error }: { error: string | null }): ReactNode {
  return error ? (
    <div className="error" role="alert">
      {t.common.error}：{error}
    </div>
  ) : null;
}

export function SeverityBadge({ severity }: { severity: string }): ReactNode {
  return <span className={`badge sev-${severity}`}>{t.severity[severity] ?? severity}</span>;
}

export function StatusBadge({ status }: { status: string }): ReactNode {
  return <span className={`badge status-${status}`}>{t.status[status] ?? status}</span>;
}

export function formatTime(v: string | null | undefined): string {
  if (!v) return '—';
  return new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** Renders an evidence/threshold object as a readable two-column table. */
export function KeyValueTable({ value, caption }: { value: Record<string, unknown> | null | undefined; caption: string }): ReactNode {
  const entries = Object.entries(value ?? {}).filter(([, v]) => typeof v !== 'object' || v === null);
  return (
    <table className="kv">
      <caption>{caption}</caption>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A plain table of records: one column per scalar field of the first row. */
export function DataTable({ rows, caption }: { rows: Array<Record<string, unknown>> | undefined; caption: string }): ReactNode {
  const list = rows ?? [];
  const cols = list.length ? Object.keys(list[0]).filter((k) => typeof list[0][k] !== 'object') : [];
  return (
    <table className="grid">
      <caption>{caption}</caption>
      <thead>
        <tr>{cols.map((c) => <th key={c}>{c}</th>)}</tr>
      </thead>
      <tbody>
        {list.length === 0 && (
          <tr>
            <td>{t.common.none}</td>
          </tr>
        )}
        {list.map((r, i) => (
          <tr key={i}>{cols.map((c) => <td key={c}>{String(r[c] ?? '—')}</td>)}</tr>
        ))}
      </tbody>
    </table>
  );
}


/** `<option>`s for an enum whose labels live in the i18n texts. */
export function EnumOptions({ labels }: { labels: Record<string, string> }): ReactNode {
  return Object.entries(labels).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}
