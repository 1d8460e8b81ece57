import { ReactNode, useMemo } from 'react';
import { useParams } from 'react-router';
import { api } from '../api';
import { Chart } from '../components/chart';
import { DataTable, ErrorBox, SeverityBadge, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';
import { AlertItem, AlertTable } from './alert-queue';
import { RelatedClue, RelatedClues } from './clue-common';

interface MonthRow {
  period: string;
  payable?: string;
  paid?: string;
  payableYuan?: string;
  paidYuan?: string;
  attendance?: number;
  attendanceHeadcount?: number;
}
interface ProjectView {
  projectCode: string;
  name: string;
  regionCode: string;
  industry: string;
  status: string;
  riskLevel: string | null;
  riskScore: number;
  shortfall?: string;
  shortfallYuan?: string;
  parties?: Record<string, unknown>;
  accounts?: Array<Record<string, unknown>>;
  deposits?: Array<Record<string, unknown>>;
  monthly?: MonthRow[];
  openAlerts?: AlertItem[];
  relatedClues?: RelatedClue[];
}

export function ProjectPage(): ReactNode {
  const { code = '' } = useParams();
  const { data: p, error } = useLoad(() => api<ProjectView>('GET', `/projects/${encodeURIComponent(code)}`), [code]);
  const months = p?.monthly ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { data: [t.project.payable, t.project.paid, t.project.attendance] },
      xAxis: { type: 'category' as const, data: months.map((m) => m.period.slice(0, 7)) },
      yAxis: [{ type: 'value' as const, name: t.common.yuan }, { type: 'value' as const, name: t.common.persons }],
      series: [
        { name: t.project.payable, type: 'bar' as const, data: months.map((m) => Number(m.payableYuan ?? m.payable ?? 0)) },
        { name: t.project.paid, type: 'bar' as const, data: months.map((m) => Number(m.paidYuan ?? m.paid ?? 0)) },
        { name: t.project.attendance, type: 'line' as const, yAxisIndex: 1, data: months.map((m) => m.attendanceHeadcount ?? m.attendance ?? 0) },
      ],
    }),
    [months],
  );
  if (!p) return <ErrorBox error={error} />;
  const parties = p.parties ? Object.entries(p.parties).map(([role, v]) => ({ role, ...(typeof v === 'object' && v ? (v as object) : { value: v }) })) : [];
  return (
    <section aria-label={p.name}>
      <h2>
        {p.projectCode} {p.name} {p.riskLevel && <SeverityBadge severity={p.riskLevel} />}
      </h2>
      <p>
        {t.project.score}：{p.riskScore ?? 0} · {t.project.shortfall}：{p.shortfallYuan ?? p.shortfall ?? '0.00'} · {p.regionCode} · {p.industry} · {p.status}
      </p>
      <DataTable rows={parties} caption={t.project.parties} />
      <DataTable rows={p.accounts} caption={t.project.accounts} />
      <DataTable rows={p.deposits} caption={t.project.deposits} />
      <h3>{t.project.chart}</h3>
      <Chart option={option} label={t.project.chart} />
      <h3>{t.project.openAlerts}</h3>
      <AlertTable items={p.openAlerts ?? []} />
      <h3>{t.clues.related}</h3>
      <RelatedClues clues={p.relatedClues} />
    </section>
  );
}
