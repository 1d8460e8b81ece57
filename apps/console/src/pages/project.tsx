import { Card, Col, Descriptions, Row, Statistic, Table, Typography } from 'antd';
import { ReactNode, useMemo } from 'react';
import { useParams } from 'react-router';
import { api } from '../api';
import { Chart } from '../components/chart';
import { ErrorBox, formatDate, formatYuan, label, SeverityBadge, useLoad } from '../components/common';
import { t } from '../i18n/zh-CN';
import { AlertItem, AlertTable } from './alert-table';
import { RelatedClue, RelatedClues } from './related-clues';

interface MonthRow {
  period: string;
  payable: string;
  paid: string;
  attendanceHeadcount: number;
  paidHeadcount?: number;
  /** Added with the bank feed (bank_transfers): what the bank really paid out that month (name not settled yet). */
  bankTransferred?: string | null;
  bankTransferredYuan?: string | null;
  transferred?: string | null;
}

/** The month's bank-transferred yuan under whichever name the API gives it; undefined without a bank feed. */
const bankOf = (m: MonthRow): string | null | undefined => m.bankTransferred ?? m.bankTransferredYuan ?? m.transferred;
interface Party {
  uscc: string;
  name: string;
}
interface AccountRow {
  bankName: string;
  accountNumber: string;
  openedOn: string | null;
  filedOn: string | null;
}
interface DepositRow {
  contractorUscc: string;
  contractorName: string | null;
  form: string;
  amount: string;
  validFrom: string;
  validUntil: string | null;
}
/** GET /api/v1/projects/{code} (libs/projects project-query.service.ts). */
export interface ProjectView {
  project: {
    projectCode: string;
    name: string;
    regionCode: string;
    streetCode: string | null;
    industry: string;
    status: string;
    contractAmount: string;
    contractSignedOn: string | null;
    startedOn: string | null;
    plannedEndOn: string | null;
    noticeBoardPosted: boolean;
  };
  parties: Record<string, Party>;
  accounts: AccountRow[];
  deposits: DepositRow[];
  monthly: MonthRow[];
  risk: { riskLevel: string | null; riskScore: number; shortfall: string; openAlerts: number };
  openAlerts: AlertItem[];
  relatedClues?: RelatedClue[];
}

const yuanNumber = (v: string | null | undefined): number => Number(v ?? 0);

export function ProjectPage(): ReactNode {
  const { code = '' } = useParams();
  const { data: view, error } = useLoad(() => api<ProjectView>('GET', `/projects/${encodeURIComponent(code)}`), [code]);
  const months = useMemo(() => view?.monthly ?? [], [view]);
  const hasBank = months.some((m) => bankOf(m) !== undefined && bankOf(m) !== null);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { data: [t.project.payable, t.project.paid, ...(hasBank ? [t.project.bankTransferred] : []), t.project.attendance] },
      xAxis: { type: 'category' as const, data: months.map((m) => m.period), axisLabel: { interval: 0 } },
      yAxis: [
        { type: 'value' as const, name: t.common.yuan },
        { type: 'value' as const, name: t.common.persons },
      ],
      series: [
        { name: t.project.payable, type: 'bar' as const, data: months.map((m) => yuanNumber(m.payable)) },
        { name: t.project.paid, type: 'bar' as const, data: months.map((m) => yuanNumber(m.paid)) },
        ...(hasBank ? [{ name: t.project.bankTransferred, type: 'bar' as const, data: months.map((m) => yuanNumber(bankOf(m))) }] : []),
        { name: t.project.attendance, type: 'line' as const, yAxisIndex: 1, data: months.map((m) => m.attendanceHeadcount) },
      ],
    }),
    [months, hasBank],
  );
  if (!view) return <ErrorBox error={error} />;
  const p = view.project;
  const parties = Object.entries(view.parties ?? {}).map(([role, party]) => ({ role, ...party }));
  return (
    <section aria-label={p.name}>
      <Typography.Title level={2} className="project-heading">
        {p.name} {view.risk.riskLevel && <SeverityBadge severity={view.risk.riskLevel} />}
      </Typography.Title>
      <Row gutter={16} className="project-risk">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t.project.score} value={view.risk.riskScore} suffix={t.project.scoreUnit} data-testid="risk-score" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t.project.shortfall} value={formatYuan(view.risk.shortfall)} data-testid="risk-shortfall" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t.project.openAlertCount} value={view.risk.openAlerts} suffix={t.queue.items} data-testid="risk-open" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t.project.risk} value={view.risk.riskLevel ? label(t.severity, view.risk.riskLevel) : t.project.noRisk} />
          </Card>
        </Col>
      </Row>
      <Descriptions
        style={{ marginTop: 16 }}
        bordered
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'code', label: t.project.code, children: p.projectCode },
          { key: 'region', label: t.project.region, children: p.regionCode },
          { key: 'street', label: t.project.street, children: p.streetCode ?? '—' },
          { key: 'industry', label: t.project.industry, children: label(t.industries, p.industry) },
          { key: 'status', label: t.project.status, children: label(t.projectStatus, p.status) },
          { key: 'amount', label: t.project.contractAmount, children: formatYuan(p.contractAmount) },
          { key: 'signed', label: t.evidenceFields.contractSignedOn, children: formatDate(p.contractSignedOn) },
          { key: 'started', label: t.evidenceFields.startedOn, children: formatDate(p.startedOn) },
          { key: 'end', label: t.evidenceFields.plannedEndOn, children: formatDate(p.plannedEndOn) },
          { key: 'board', label: t.evidenceFields.noticeBoardPosted, children: p.noticeBoardPosted ? t.common.yes : t.common.no },
        ]}
      />
      <Card title={t.project.parties} size="small" style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey="role"
          pagination={false}
          dataSource={parties}
          columns={[
            { key: 'role', title: t.project.partyRole, render: (_, r) => label(t.partyRoles, r.role) },
            { key: 'name', title: t.project.partyName, render: (_, r) => r.name || t.project.nameUnknown },
            { key: 'uscc', title: t.project.uscc, dataIndex: 'uscc' },
          ]}
        />
      </Card>
      <Card title={t.project.accounts} size="small" style={{ marginTop: 16 }}>
        <Table<AccountRow>
          size="small"
          rowKey={(r) => r.accountNumber}
          pagination={false}
          dataSource={view.accounts}
          locale={{ emptyText: t.project.noAccount }}
          columns={[
            { key: 'bank', title: t.evidenceFields.bankName, dataIndex: 'bankName' },
            { key: 'no', title: t.evidenceFields.accountMasked, dataIndex: 'accountNumber' },
            { key: 'opened', title: t.evidenceFields.openedOn, render: (_, r) => formatDate(r.openedOn) },
            { key: 'filed', title: t.project.filedOn, render: (_, r) => (r.filedOn ? formatDate(r.filedOn) : t.project.notFiled) },
          ]}
        />
      </Card>
      <Card title={t.project.deposits} size="small" style={{ marginTop: 16 }}>
        <Table<DepositRow>
          size="small"
          rowKey={(r) => `${r.contractorUscc}-${r.validFrom}`}
          pagination={false}
          dataSource={view.deposits}
          locale={{ emptyText: t.project.noDeposit }}
          columns={[
            { key: 'who', title: t.project.depositor, render: (_, r) => r.contractorName || r.contractorUscc },
            { key: 'uscc', title: t.evidenceFields.contractorUscc, dataIndex: 'contractorUscc' },
            { key: 'form', title: t.evidenceFields.form, render: (_, r) => label(t.depositForms, r.form) },
            { key: 'amount', title: t.evidenceFields.amountYuan, render: (_, r) => formatYuan(r.amount) },
            { key: 'from', title: t.evidenceFields.validFrom, render: (_, r) => formatDate(r.validFrom) },
            { key: 'until', title: t.evidenceFields.validUntil, render: (_, r) => (r.validUntil ? formatDate(r.validUntil) : t.project.openEnded) },
          ]}
        />
      </Card>
      <Card title={hasBank ? t.project.chartWithBank : t.project.chart} size="small" style={{ marginTop: 16 }}>
        <Chart option={option} label={t.project.chart} />
        <Table<MonthRow>
          className="project-months"
          size="small"
          rowKey="period"
          pagination={false}
          dataSource={months}
          columns={[
            { key: 'period', title: t.evidenceFields.period, dataIndex: 'period' },
            { key: 'payable', title: t.project.payable, render: (_, m) => formatYuan(m.payable) },
            { key: 'paid', title: t.project.paid, render: (_, m) => formatYuan(m.paid) },
            ...(hasBank ? [{ key: 'bank', title: t.project.bankTransferred, render: (_: unknown, m: MonthRow) => formatYuan(bankOf(m) ?? null) }] : []),
            { key: 'att', title: t.project.attendance, dataIndex: 'attendanceHeadcount' },
            { key: 'paidHead', title: t.project.paidHeadcount, render: (_, m) => m.paidHeadcount ?? '—' },
          ]}
        />
      </Card>
      <Card title={t.project.openAlerts} size="small" style={{ marginTop: 16 }}>
        <AlertTable items={(view.openAlerts ?? []).map((a) => ({ ...a, projectName: a.projectName ?? p.name, projectCode: a.projectCode ?? p.projectCode }))} />
      </Card>
      {view.relatedClues && (
        <Card title={t.project.relatedClues} size="small" style={{ marginTop: 16 }}>
          <RelatedClues clues={view.relatedClues} />
        </Card>
      )}
    </section>
  );
}
