import { Alert, Descriptions, Table, Typography } from 'antd';
import { ReactNode } from 'react';
import { formatPercent, formatYuan } from '../components/format';
import { t } from '../i18n/zh-CN';
import { fieldLabel, formatField } from './fields';
import { EvidenceLayout, EvidenceList } from './layout';
import { RENDERERS } from './renderers';

type AnyLayout = EvidenceLayout<Record<string, unknown>>;

function layoutOf(rule: string, evidence: Record<string, unknown>): AnyLayout | null {
  const render = (RENDERERS as unknown as Record<string, ((e: Record<string, unknown>) => AnyLayout) | undefined>)[rule];
  if (!render) return null;
  try {
    return render(evidence);
  } catch {
    // Evidence of an older rule version may lack a field: the generic view still shows every figure.
    return null;
  }
}

function ListTable({ list, testId }: { list: EvidenceList; testId: string }): ReactNode {
  const rows = list.rows ?? [];
  return (
    <Table
      data-testid={testId}
      size="small"
      bordered
      title={() => <strong>{list.title}</strong>}
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={rows}
      locale={{ emptyText: t.evidence.none }}
      columns={list.columns.map((key) => ({ key, title: list.labels?.[key] ?? fieldLabel(key), dataIndex: key, render: (value: unknown) => formatField(key, value) }))}
      scroll={{ x: true }}
    />
  );
}

/** Columns of an array the renderer did not expect: every field of its rows, labelled in Chinese. */
function genericList(key: string, rows: Array<Record<string, unknown>>): EvidenceList {
  const columns = [...new Set(rows.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : [])))];
  return { title: fieldLabel(key), rows, columns };
}

/**
 * An alert's evidence for a person: why it fired, the figures with Chinese labels and
 * units, the thresholds, each period and the affected workers. Fields the rule's renderer
 * does not place (a newer API) are still shown under "其他数据", labelled, never dropped.
 */
export function EvidenceView({ rule, evidence }: { rule: string; evidence: Record<string, unknown> }): ReactNode {
  const layout = layoutOf(rule, evidence);
  const placed = new Set<string>([...(layout?.figures ?? []), ...(layout?.judged ?? [])]);
  const lists: EvidenceList[] = [];
  if (layout?.periods) lists.push(layout.periods);
  lists.push(...(layout?.lists ?? []));
  const listKeys = new Set<string>();
  for (const [key, value] of Object.entries(evidence)) {
    if (Array.isArray(value) && lists.some((l) => l.rows === value)) listKeys.add(key);
  }
  const restScalars = Object.entries(evidence).filter(([k, v]) => !placed.has(k) && !listKeys.has(k) && !Array.isArray(v) && (v === null || typeof v !== 'object'));
  const restLists = Object.entries(evidence)
    .filter(([k, v]) => !listKeys.has(k) && Array.isArray(v) && v.length > 0)
    .map(([k, v]) => genericList(k, v as Array<Record<string, unknown>>));
  const item = (key: string) => ({ key, label: fieldLabel(key), children: formatField(key, evidence[key]) });
  return (
    <div className="evidence" data-rule={rule}>
      {layout && <Alert type="warning" showIcon className="evidence-sentence" title={t.evidence.why} description={layout.sentence} />}
      {layout && layout.figures.length > 0 && (
        <Descriptions className="evidence-figures" title={t.evidence.figures} bordered size="small" column={{ xs: 1, md: 2 }} items={layout.figures.filter((k) => k in evidence).map(item)} />
      )}
      {layout?.judged && layout.judged.some((k) => k in evidence) && (
        <Descriptions className="evidence-judged" title={t.evidence.judgedAgainst} bordered size="small" column={{ xs: 1, md: 2 }} items={layout.judged.filter((k) => k in evidence).map(item)} />
      )}
      {lists.map((l, i) => (
        <ListTable key={`l${i}`} list={l} testId={`evidence-list-${i}`} />
      ))}
      {restScalars.length > 0 && (
        <Descriptions className="evidence-other" title={layout ? t.evidence.otherFigures : t.evidence.figures} bordered size="small" column={{ xs: 1, md: 2 }} items={restScalars.map(([k]) => item(k))} />
      )}
      {restLists.map((l, i) => (
        <ListTable key={`r${i}`} list={l} testId={`evidence-rest-${i}`} />
      ))}
    </div>
  );
}

/** The profile thresholds an alert was judged with, labelled and in their units. */
export function ThresholdsView({ thresholds }: { thresholds: Record<string, unknown> | null | undefined }): ReactNode {
  const entries = Object.entries(thresholds ?? {}).filter(([, v]) => v === null || typeof v !== 'object');
  if (entries.length === 0) return <Typography.Text type="secondary">{t.evidence.none}</Typography.Text>;
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined) return t.evidence.none;
    const unit = t.thresholdUnits[key] ?? '';
    if (unit === '%') return formatPercent(value as number);
    if (unit === '元') return `${formatYuan(String(value))} 元`;
    return `${String(value)}${unit ? ` ${unit}` : ''}`;
  };
  return (
    <Descriptions
      className="alert-thresholds"
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={entries.map(([k, v]) => ({ key: k, label: t.thresholds[k] ?? t.evidence.unknownField, children: show(k, v) }))}
    />
  );
}
