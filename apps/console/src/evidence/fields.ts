import { t } from '../i18n/zh-CN';
import { formatPercent, formatYuan } from '../components/format';

/** Enum-valued evidence fields and the i18n table of their labels. */
const ENUM_FIELDS: Record<string, Record<string, string>> = {
  paidVia: t.paidVia,
  source: t.clueSources,
  role: t.partyRoles,
  list: t.watchlists,
  subjectType: t.subjectTypes,
  form: t.depositForms,
  reason: t.arrearsReasons,
  startedOnSource: t.startDateSources,
};

/** Fields holding a share (0–1), shown as a percentage. */
const SHARE_FIELDS = new Set(['ratio', 'threshold', 'redBelow', 'redAbove', 'redAtShare', 'orangeAbove', 'minRatio']);
const isShare = (key: string): boolean => SHARE_FIELDS.has(key) || key.endsWith('Share');

/** The Chinese label of an evidence field; a field the console does not know yet gets a neutral label, never its identifier. */
export function fieldLabel(key: string): string {
  return t.evidenceFields[key] ?? t.evidence.unknownField;
}

/** One evidence value as a person reads it: yuan with separators, shares in %, enums and booleans in Chinese. */
export function formatField(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t.common.yes : t.common.no;
  // `reason` is a code in CONSECUTIVE_ARREARS but the watchlist entry's own text (事由) in WATCHLISTED_PARTY.
  if (key === 'reason') return ENUM_FIELDS.reason[String(value)] ?? String(value);
  if (key in ENUM_FIELDS) return ENUM_FIELDS[key][String(value)] ?? t.evidence.unknown;
  if (value === 'unknown') return t.evidence.unknown;
  if (key.endsWith('Yuan')) return formatYuan(String(value));
  if (isShare(key)) return formatPercent(value as string | number);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Inline form used in sentences: value plus unit (元, %, 人…). */
export function inline(key: string, value: unknown, unit = ''): string {
  const text = formatField(key, value);
  if (text === '—') return text;
  return key.endsWith('Yuan') ? `${text} 元` : `${text}${unit}`;
}
