import { FormEvent, ReactNode, useEffect, useState } from 'react';
import { api, openAuthenticated } from '../api';
import { ErrorBox } from '../components/common';
import { t } from '../i18n/zh-CN';

const DATASETS = ['enterprises', 'projects', 'wage_accounts', 'deposits', 'labor_cost_allocations', 'workers', 'attendance', 'payroll', 'clues', 'watchlist', 'inspection_units', 'industry_bureaus'];

interface ImportView {
  id: number;
  dataset: string;
  status: string;
  rowsTotal: number;
  rowsProcessed?: number;
  rowsAccepted: number;
  rowsRejected: number;
  warnings: string[];
  errors: Array<{ row: number; column: string; code: string; message: string }>;
}
const FINAL = ['succeeded', 'succeeded_with_errors', 'failed'];

export function ImportsPage(): ReactNode {
  const [dataset, setDataset] = useState('projects');
  const [file, setFile] = useState<File | null>(null);
  const [atomic, setAtomic] = useState(false);
  const [current, setCurrent] = useState<ImportView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!current || FINAL.includes(current.status)) return;
    const timer = setTimeout(() => {
      api<ImportView>('GET', `/imports/${current.id}`).then(setCurrent, (e: Error) => setError(e.message));
    }, 500);
    return () => clearTimeout(timer);
  }, [current]);

  async function upload(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!file) return;
    setError(null);
    const form = new FormData();
    form.append('file', file);
    try {
      const { id } = await api<{ id: number }>('POST', `/imports/${dataset}${atomic ? '?atomic=true' : ''}`, form);
      setCurrent(await api<ImportView>('GET', `/imports/${id}`));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const done = current && FINAL.includes(current.status);
  const processed = current ? (done ? current.rowsTotal : (current.rowsProcessed ?? 0)) : 0;
  return (
    <section aria-label={t.imports.title}>
      <h2>{t.imports.title}</h2>
      <form className="upload" onSubmit={upload}>
        <label>
          {t.imports.dataset}
          <select name="dataset" value={dataset} onChange={(e) => setDataset(e.target.value)}>
            {DATASETS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.imports.file}
          <input name="file" type="file" accept=".csv,.xlsx,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
        </label>
        <label className="check">
          <input type="checkbox" checked={atomic} onChange={(e) => setAtomic(e.target.checked)} />
          {t.imports.atomic}
        </label>
        <button type="submit" className="primary">
          {t.imports.upload}
        </button>
      </form>
      <ErrorBox error={error} />
      {current && (
        <div className="import-result" data-status={current.status}>
          <label>
            {t.imports.progress}（{current.status}）
            <progress value={processed} max={done ? Math.max(current.rowsTotal, 1) : Math.max(current.rowsTotal, processed, 1)} />
          </label>
          <p>
            {t.imports.total} {current.rowsTotal} · {t.imports.accepted} <strong className="accepted">{current.rowsAccepted}</strong> · {t.imports.rejected}{' '}
            <strong className="rejected">{current.rowsRejected}</strong>
          </p>
          {current.warnings.length > 0 && (
            <ul aria-label={t.imports.warnings}>
              {current.warnings.map((w, i) => (
                <li key={i}>{typeof w === 'string' ? w : JSON.stringify(w)}</li>
              ))}
            </ul>
          )}
          {current.errors.length > 0 && (
            <>
              <table className="grid">
                <caption>{t.imports.errors}</caption>
                <thead>
                  <tr>
                    <th>{t.imports.row}</th>
                    <th>{t.imports.column}</th>
                    <th>{t.imports.code}</th>
                    <th>{t.imports.message}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.errors.map((er, i) => (
                    <tr key={i}>
                      <td>{er.row}</td>
                      <td>{er.column}</td>
                      <td>{er.code}</td>
                      <td>{er.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" onClick={() => void openAuthenticated(`/imports/${current.id}/errors.csv`, `import-${current.id}-errors.csv`)}>
                {t.imports.downloadErrors}
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
