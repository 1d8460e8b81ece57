import { shanghaiDate } from '@wage/calendar';
import { evidenceSummary } from '../evidence-masking';
import { NoticeView } from '../notice-view';

const SEVERITY_ZH: Record<string, string> = { red: '红色', orange: '橙色', yellow: '黄色' };

export interface DocumentRow {
  projectCode: string;
  projectName: string;
  ruleTitle: string;
  severity: string;
  evidence: string;
  action: string;
  /** Rows of one project are printed together; the first carries the project cells. */
  firstOfProject: boolean;
  projectRows: number;
}

/** Everything a printed notice shows, in print wording; HTML and PDF render the same model. */
export interface NoticeDocument {
  title: string;
  number: string;
  addressee: string;
  issuer: string;
  issuedOnZh: string;
  replyDueZh: string;
  body: string;
  rows: DocumentRow[];
  contact: string;
  reply: string | null;
}

/** 2026-11-22 → 2026年11月22日 */
export const zhDate = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export function toDocument(notice: NoticeView, contact: string): NoticeDocument {
  const rows: DocumentRow[] = [];
  for (const p of notice.projects) {
    p.alerts.forEach((a, i) =>
      rows.push({
        projectCode: p.projectCode,
        projectName: p.projectName ?? '',
        ruleTitle: a.ruleTitle,
        severity: SEVERITY_ZH[a.severity] ?? a.severity,
        evidence: evidenceSummary(a.evidence),
        action: a.requestedAction,
        firstOfProject: i === 0,
        projectRows: p.alerts.length,
      }),
    );
  }
  const replyDueZh = zhDate(shanghaiDate(new Date(notice.replyDueAt)));
  const addressee = notice.bureauName ?? notice.bureauCode;
  return {
    title: '联合督办通知',
    number: notice.number,
    addressee,
    issuer: notice.issuerName,
    issuedOnZh: zhDate(notice.issuedOn),
    replyDueZh,
    body:
      `经农民工工资支付监测预警，你单位主管行业的以下 ${notice.projects.length} 个工程项目存在欠薪风险预警。` +
      `根据《保障农民工工资支付条例》有关规定，请你单位依职责督促相关单位整改，并于${replyDueZh}前将处理情况函复我单位。`,
    rows,
    contact: contact || notice.issuerName,
    reply: notice.replyText,
  };
}
