/** How figures are written on screen: yuan with thousands separators, shares as percentages, Shanghai time. */

/** "1234567.80" → "1,234,567.80" (string arithmetic: money never goes through a float). */
export function formatYuan(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const text = typeof v === 'number' ? v.toFixed(2) : v;
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** A share 0.4567 or "0.4567" → "45.67%"; trailing zeros dropped (0.8 → "80%"). */
export function formatPercent(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  return `${Number((n * 100).toFixed(2))}%`;
}

export function formatCount(v: number | string | null | undefined, unit: string): string {
  if (v === null || v === undefined || v === '') return '—';
  return `${v} ${unit}`;
}

export function formatTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  return new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function formatDate(v: string | null | undefined): string {
  if (!v) return '—';
  return String(v).slice(0, 10);
}

export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
