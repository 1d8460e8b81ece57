import { Alert, Select, Tag } from 'antd';
import { ReactNode, useCallback, useEffect, useState } from 'react';
import { t } from '../i18n/zh-CN';

export { formatTime, formatYuan, formatPercent, formatDate } from './format';

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
  return error ? <Alert type="error" showIcon role="alert" className="error" title={`${t.common.error}：${error}`} /> : null;
}

const SEVERITY_COLORS: Record<string, string> = { red: '#c62828', orange: '#ef6c00', yellow: '#f9a825' };
const STATUS_COLORS: Record<string, string> = { open: 'red', acknowledged: 'orange', in_progress: 'blue', resolved: 'green', cleared: 'default' };

export function SeverityBadge({ severity }: { severity: string }): ReactNode {
  return (
    <Tag color={SEVERITY_COLORS[severity]} className={`badge sev-${severity}`}>
      {label(t.severity, severity)}
    </Tag>
  );
}

export function StatusBadge({ status }: { status: string }): ReactNode {
  return (
    <Tag color={STATUS_COLORS[status]} className={`badge status-${status}`}>
      {label(t.status, status)}
    </Tag>
  );
}

/** The Chinese label of an enum value; an unknown value is shown as such, never as its code. */
export function label(labels: Record<string, string>, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return labels[value] ?? `${t.evidence.unknown}`;
}

/** antd Select options for an enum whose labels live in the i18n texts. */
export function enumOptions(labels: Record<string, string>): Array<{ value: string; label: string }> {
  return Object.entries(labels).map(([value, text]) => ({ value, label: text }));
}

/** A Select of an enum (kept for pages written before antd). */
export function EnumSelect(props: { labels: Record<string, string>; value?: string; onChange?: (v: string) => void; allowClear?: boolean; ariaLabel: string }): ReactNode {
  return <Select aria-label={props.ariaLabel} options={enumOptions(props.labels)} value={props.value} onChange={props.onChange} allowClear={props.allowClear} style={{ minWidth: 160 }} />;
}

/** Native `<option>`s of an enum (for plain selects; antd pages use `enumOptions`). */
export function EnumOptions({ labels }: { labels: Record<string, string> }): ReactNode {
  return Object.entries(labels).map(([value, text]) => (
    <option key={value} value={value}>
      {text}
    </option>
  ));
}
