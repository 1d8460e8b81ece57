import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@wage/auth';
import { maskEvidence } from './evidence-masking';
import { noticeItemScope, noticeScope } from './notice-scope';
import { NoticeProjectView, NoticeSummary, NoticeView } from './notice-view';
import { ruleTitle } from './requested-actions';
import { NoticeStatus } from './entities/notice.entity';

export interface NoticeListFilter {
  status?: NoticeStatus[];
  bureauCode?: string;
  /** Only notices without a reply yet (sent, acknowledged, overdue). */
  unanswered?: boolean;
  page: number;
  pageSize: number;
}

export interface NoticeList {
  items: NoticeSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** Summary columns; the counts take only the items the caller may see (`items`, alias i). */
const summaryColumns = (items: string): string => `
  n.id::int AS id, n.number, n.bureau_code AS "bureauCode", b.name AS "bureauName", n.issuer_name AS "issuerName",
  to_char(n.issued_on, 'YYYY-MM-DD') AS "issuedOn", n.reply_due_at AS "replyDueAt", n.status,
  (SELECT count(DISTINCT project_code)::int FROM notice_items i WHERE i.notice_id = n.id AND ${items}) AS "projectCount",
  (SELECT count(*)::int FROM notice_items i WHERE i.notice_id = n.id AND ${items}) AS "alertCount",
  n.acknowledged_at AS "acknowledgedAt", n.replied_at AS "repliedAt", n.reminder_sent_at AS "reminderSentAt"`;

interface ItemRow {
  alertId: number;
  projectCode: string;
  projectName: string | null;
  industry: string | null;
  rule: string;
  severity: string;
  alertStatus: string | null;
  evidence: Record<string, unknown>;
  requestedAction: string;
  outcome: string | null;
}

/** Reads notices as the API, the webhook payload and the printed document show them. */
@Injectable()
export class NoticeQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, f: NoticeListFilter): Promise<NoticeList> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.status?.length) where.push(`n.status = ANY($${params.push(f.status)})`);
    if (f.bureauCode) where.push(`n.bureau_code = $${params.push(f.bureauCode)}`);
    if (f.unanswered) where.push('n.replied_at IS NULL');
    const scope = noticeScope(principal, params.length);
    where.push(scope.sql);
    params.push(...scope.params);
    const filter = where.join(' AND ');
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM notices n WHERE ${filter}`,
      params,
    );
    const items = noticeItemScope(principal, params.length);
    params.push(...items.params);
    const rows = await this.dataSource.query<NoticeSummary[]>(
      `SELECT ${summaryColumns(items.sql)} FROM notices n LEFT JOIN industry_bureaus b ON b.bureau_code = n.bureau_code
       WHERE ${filter} ORDER BY n.issued_on DESC, n.id DESC
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { items: rows, total, page: f.page, pageSize: f.pageSize };
  }

  /** One notice the caller may see, with projects, alerts and masked evidence; 404 otherwise. */
  async get(principal: Principal | null, id: number, manager: EntityManager = this.dataSource.manager): Promise<NoticeView> {
    const scope = principal ? noticeScope(principal, 1) : { sql: 'TRUE', params: [] };
    const itemScope = noticeItemScope(principal, 1 + scope.params.length);
    const rows = await manager.query<Array<NoticeView>>(
      `SELECT ${summaryColumns(itemScope.sql)}, n.acknowledged_by_name AS "acknowledgedBy", n.replied_by_name AS "repliedBy",
              n.reply_text AS "replyText", n.created_at AS "createdAt"
       FROM notices n LEFT JOIN industry_bureaus b ON b.bureau_code = n.bureau_code
       WHERE n.id = $1 AND ${scope.sql}`,
      [id, ...scope.params, ...itemScope.params],
    );
    if (rows.length === 0) throw new NotFoundException(`Notice ${id} does not exist or is not addressed to you`);
    const items = noticeItemScope(principal, 1);
    const itemRows = await manager.query<ItemRow[]>(
      `SELECT i.alert_id::int AS "alertId", i.project_code AS "projectCode", p.name AS "projectName", p.industry,
              i.rule, i.severity, a.status AS "alertStatus", i.evidence, i.requested_action AS "requestedAction", i.outcome
       FROM notice_items i
       LEFT JOIN projects p ON p.project_code = i.project_code
       LEFT JOIN alerts a ON a.id = i.alert_id
       WHERE i.notice_id = $1 AND ${items.sql} ORDER BY i.project_code, i.id`,
      [id, ...items.params],
    );
    return { ...rows[0], projects: groupProjects(itemRows) };
  }
}

function groupProjects(items: ItemRow[]): NoticeProjectView[] {
  const byCode = new Map<string, NoticeProjectView>();
  for (const it of items) {
    let p = byCode.get(it.projectCode);
    if (!p) {
      p = { projectCode: it.projectCode, projectName: it.projectName, industry: it.industry, outcome: it.outcome, alerts: [] };
      byCode.set(it.projectCode, p);
    }
    p.alerts.push({
      alertId: it.alertId,
      rule: it.rule,
      ruleTitle: ruleTitle(it.rule),
      severity: it.severity,
      alertStatus: it.alertStatus,
      evidence: maskEvidence(it.evidence) as Record<string, unknown>,
      requestedAction: it.requestedAction,
    });
  }
  return [...byCode.values()];
}
