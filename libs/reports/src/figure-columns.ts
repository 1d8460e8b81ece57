import { RESOLUTION_CODES, ResolutionCode } from '@wage/alerts';
import type { SummaryFigures } from './figure-parts';
import type { GroupBy } from './report-window';

export type ColumnKind = 'count' | 'money' | 'rate';

/** One figure as a column of the export: Chinese header, kind (number format) and value. */
export interface FigureColumn {
  header: string;
  kind: ColumnKind;
  /** Counts and rates as numbers (rates 0–1, null = no denominator), money as the yuan string. */
  value(f: SummaryFigures): number | string | null;
}

export const RESOLUTION_LABELS: Record<ResolutionCode, string> = {
  wages_paid: '已足额支付',
  advance_paid_by_gc: '总包先行垫付',
  paid_from_deposit: '动用保证金',
  rectified: '已整改',
  false_positive: '数据有误',
  case_filed: '立案查处',
  transferred_arbitration: '转仲裁',
  transferred_police: '移送公安',
  project_closed: '项目已关闭',
  duplicate: '重复预警',
  other: '其他',
};

export const GROUP_BY_LABELS: Record<GroupBy, string> = { none: '不分组', unit: '按监察机构', region: '按区划', month: '按月份' };

/** Every figure of reports.md in the order bureaus read them (the XLSX and the console use these headers). */
export const FIGURE_COLUMNS: FigureColumn[] = [
  { header: '在监项目数', kind: 'count', value: (f) => f.projectsMonitored },
  { header: '新增预警', kind: 'count', value: (f) => f.alertsRaised },
  { header: '新增红色预警', kind: 'count', value: (f) => f.alertsRaisedBySeverity.red },
  { header: '新增橙色预警', kind: 'count', value: (f) => f.alertsRaisedBySeverity.orange },
  { header: '新增黄色预警', kind: 'count', value: (f) => f.alertsRaisedBySeverity.yellow },
  { header: '消除预警', kind: 'count', value: (f) => f.alertsCleared },
  { header: '办结预警', kind: 'count', value: (f) => f.alertsResolved },
  ...RESOLUTION_CODES.map(
    (code): FigureColumn => ({ header: `办结：${RESOLUTION_LABELS[code]}`, kind: 'count', value: (f) => f.alertsResolvedByResolution[code] }),
  ),
  { header: '按期办结预警', kind: 'count', value: (f) => f.alertsResolvedOnTime },
  { header: '按期办结率', kind: 'rate', value: (f) => f.onTimeRate },
  { header: '期末未办结预警', kind: 'count', value: (f) => f.alertsOpenAtEnd },
  { header: '期末超期预警', kind: 'count', value: (f) => f.alertsOverdueAtEnd },
  { header: '追回工资（元）', kind: 'money', value: (f) => f.wagesRecovered },
  { header: '涉及农民工（人）', kind: 'count', value: (f) => f.workersPaid },
  { header: '发出联合通知', kind: 'count', value: (f) => f.noticesSent },
  { header: '已回复通知', kind: 'count', value: (f) => f.noticesAnswered },
  { header: '按期回复通知', kind: 'count', value: (f) => f.noticesAnsweredOnTime },
  { header: '接收线索', kind: 'count', value: (f) => f.cluesReceived },
  { header: '办结线索', kind: 'count', value: (f) => f.cluesClosed },
  { header: '线索办结率', kind: 'rate', value: (f) => f.clueClosureRate },
  { header: '审核通过率', kind: 'rate', value: (f) => f.clueReviewPassRate },
  { header: '实名制覆盖率', kind: 'rate', value: (f) => f.coverage.realName },
  { header: '工资专户开立率', kind: 'rate', value: (f) => f.coverage.dedicatedAccount },
  { header: '工资保证金存储率', kind: 'rate', value: (f) => f.coverage.deposit },
  { header: '维权告示牌设置率', kind: 'rate', value: (f) => f.coverage.noticeBoard },
  { header: '专户代发工资占比', kind: 'rate', value: (f) => f.coverage.paidThroughAccount },
];
