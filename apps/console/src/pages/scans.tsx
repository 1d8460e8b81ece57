import { ReactNode, useMemo, useState } from 'react';
import { api } from '../api';
import { Chart } from '../components/chart';
import { ErrorBox, formatTime, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';

interface ScanView {
  id: number;
  asOf: string;
  period: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  projectsScanned: number;
  alertsRaised: number;
  alertsUpdated: number;
  alertsCleared: number;
  byRule: Record<string, number>;
}

function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export function ScansPage(): ReactNode {
  const [asOf, setAsOf] = useState(todayInShanghai());
  const [error, setError] = useState<string | null>(null);
  const { data, error: loadError, reload } = useLoad(async () => {
    const res = await api<ScanView[] | { items: ScanView[] }>('GET', '/scans');
    return Array.isArray(res) ? res : res.items;
  }, []);
  const [selected, setSelected] = useState<number | null>(null);
  const scan = data?.find((s) => s.id === selected) ?? data?.[0];
  const option = useMemo(() => {
    const entries = Object.entries(scan?.byRule ?? {}).sort((a, b) => b[1] - a[1]);
    return {
      tooltip: {},
      grid: { left: 160 },
      xAxis: { type: 'value' as const },
      yAxis: { type: 'category' as const, data: entries.map(([k]) => t.rules[k] ?? k), inverse: true },
      series: [{ type: 'bar' as const, data: entries.map(([, v]) => v) }],
    };
  }, [scan]);

  async function start(): Promise<void> {
    setError(null);
    try {
      await api('POST', '/scans', { asOf });
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-label={t.scans.title}>
      <h2>{t.scans.title}</h2>
      <div className="filters">
        <label>
          {t.scans.asOf}
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <button type="button" className="primary" onClick={() => void start()}>
          {t.scans.start}
        </button>
        <button type="button" onClick={reload}>
          {t.common.refresh}
        </button>
      </div>
      <ErrorBox error={error ?? loadError} />
      <table className="grid">
        <caption>{t.scans.history}</caption>
        <thead>
          <tr>
            <th>#</th>
            <th>{t.scans.asOf}</th>
            <th>{t.scans.period}</th>
            <th>{t.scans.status}</th>
            <th>{t.scans.projects}</th>
            <th>{t.scans.raised}</th>
            <th>{t.scans.updated}</th>
            <th>{t.scans.cleared}</th>
            <th>{t.scans.finishedAt}</th>
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((s) => (
            <tr key={s.id} onClick={() => setSelected(s.id)} className={s.id === scan?.id ? 'selected' : ''}>
              <td>
                <button type="button" className="link" onClick={() => setSelected(s.id)}>
                  {s.id}
                </button>
              </td>
              <td>{s.asOf}</td>
              <td>{s.period}</td>
              <td>{s.status}</td>
              <td>{s.projectsScanned}</td>
              <td>{s.alertsRaised}</td>
              <td>{s.alertsUpdated}</td>
              <td>{s.alertsCleared}</td>
              <td>{formatTime(s.finishedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {scan && (
        <>
          <h3>
            {t.scans.byRule}（#{scan.id}）
          </h3>
          <Chart option={option} label={t.scans.byRule} height={420} />
        </>
      )}
    </section>
  );
}
