import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ACTIVE_STATUSES_SQL, callerScope, relatedClues, severityRankSql } from '@wage/alerts';
import type { Principal } from '@wage/auth';
import { businessDateSql } from '@wage/calendar';
import { bankTransferredByMonth } from './bank-months';
import { fenToYuan } from '@wage/money';
import { ProjectListQueryDto } from './project.dto';

interface ListRow {
  project_code: string;
  name: string;
  region_code: string;
  industry: string;
  status: string;
  risk_level: string | null;
  risk_score: number | null;
  shortfall_fen: number | null;
  open_alerts: number | null;
  total: number;
}

/**
 * Read side of projects: list by region and risk, and one project's full picture. Every
 * query carries the caller's project scope (CallerScope): a project outside it is absent
 * from the list and its count, and a 404 as a detail; its open alerts are those the
 * caller may see.
 */
@Injectable()
export class ProjectQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(q: ProjectListQueryDto, principal: Principal): Promise<{ items: Record<string, unknown>[]; total: number; page: number; pageSize: number }> {
    const scope = callerScope(principal).projects('p', 1);
    const where: string[] = [scope.sql];
    const params: unknown[] = [...scope.params];
    if (q.regionCode) {
      params.push(`${q.regionCode}%`);
      where.push(`p.region_code LIKE $${params.length}`);
    }
    if (q.riskLevel === 'none') where.push('r.risk_level IS NULL');
    else if (q.riskLevel) {
      params.push(q.riskLevel);
      where.push(`r.risk_level = $${params.length}`);
    }
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows: ListRow[] = await this.dataSource.query(
      `SELECT p.project_code, p.name, p.region_code, p.industry, p.status, r.risk_level, r.risk_score, r.shortfall_fen, r.open_alerts,
              count(*) OVER ()::int AS total
         FROM projects p LEFT JOIN project_risk r ON r.project_code = p.project_code
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY coalesce(r.risk_score, 0) DESC, coalesce(r.shortfall_fen, 0) DESC, p.project_code
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        projectCode: r.project_code,
        name: r.name,
        regionCode: r.region_code,
        industry: r.industry,
        status: r.status,
        riskLevel: r.risk_level,
        riskScore: r.risk_score ?? 0,
        shortfall: fenToYuan(r.shortfall_fen ?? 0),
        openAlerts: r.open_alerts ?? 0,
      })),
      total: rows[0]?.total ?? (await this.count(where, params.slice(0, -2))),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  private async count(where: string[], params: unknown[]): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM projects p LEFT JOIN project_risk r ON r.project_code = p.project_code
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return n;
  }

  async get(code: string, principal: Principal): Promise<Record<string, unknown>> {
    const scope = callerScope(principal);
    const projectScope = scope.projects('p', 2);
    const [p] = await this.dataSource.query(
      `SELECT p.*, cu.name AS construction_unit_name, gc.name AS general_contractor_name,
              r.risk_level, r.risk_score, r.shortfall_fen AS risk_shortfall_fen, r.open_alerts
         FROM projects p
         LEFT JOIN enterprises cu ON cu.uscc = p.construction_unit_uscc
         LEFT JOIN enterprises gc ON gc.uscc = p.general_contractor_uscc
         LEFT JOIN project_risk r ON r.project_code = p.project_code
        WHERE p.project_code = $1 AND ${projectScope.sql}`,
      [code, ...projectScope.params],
    );
    if (!p) throw new NotFoundException(`Project ${code} does not exist or is outside your scope; list projects with GET /api/v1/projects`);
    const alertScope = scope.alerts('a', 2);
    const [accounts, deposits, months, alerts] = await Promise.all([
      this.dataSource.query(
        `SELECT bank_name AS "bankName", account_number_masked AS "accountNumber", opened_on AS "openedOn", filed_on AS "filedOn"
           FROM wage_accounts WHERE project_code = $1 ORDER BY opened_on, id`,
        [code],
      ),
      this.dataSource.query(
        `SELECT d.contractor_uscc AS "contractorUscc", e.name AS "contractorName", d.form, d.amount_fen, d.valid_from AS "validFrom",
                d.valid_until AS "validUntil"
           FROM deposits d LEFT JOIN enterprises e ON e.uscc = d.contractor_uscc WHERE d.project_code = $1 ORDER BY d.valid_from, d.id`,
        [code],
      ),
      this.monthlySummary(code),
      this.dataSource.query(
        `SELECT id, rule, severity, status, to_char(period, 'YYYY-MM') AS period, shortfall_fen, first_seen_at AS "firstSeenAt",
                last_seen_at AS "lastSeenAt", unit_code AS "unitCode", due_at AS "dueAt", escalation_level AS "escalationLevel", overdue,
                project_code AS "projectCode"
           FROM alerts a WHERE project_code = $1 AND status IN ${ACTIVE_STATUSES_SQL} AND ${alertScope.sql}
          ORDER BY ${severityRankSql('a')}, first_seen_at`,
        [code, ...alertScope.params],
      ),
    ]);
    return {
      project: {
        projectCode: p.project_code,
        name: p.name,
        regionCode: p.region_code,
        streetCode: p.street_code,
        industry: p.industry,
        status: p.status,
        contractAmount: fenToYuan(p.contract_amount_fen),
        contractSignedOn: p.contract_signed_on,
        startedOn: p.started_on,
        plannedEndOn: p.planned_end_on,
        noticeBoardPosted: p.notice_board_posted,
      },
      parties: {
        constructionUnit: { uscc: p.construction_unit_uscc, name: p.construction_unit_name ?? '' },
        generalContractor: { uscc: p.general_contractor_uscc, name: p.general_contractor_name ?? '' },
      },
      accounts,
      deposits: deposits.map(({ amount_fen, ...d }: { amount_fen: number }) => ({ ...d, amount: fenToYuan(amount_fen) })),
      monthly: months,
      risk: {
        riskLevel: p.risk_level ?? null,
        riskScore: p.risk_score ?? 0,
        shortfall: fenToYuan(p.risk_shortfall_fen ?? 0),
        openAlerts: p.open_alerts ?? 0,
      },
      openAlerts: alerts.map(({ shortfall_fen, ...a }: { shortfall_fen: number }) => ({ ...a, shortfall: fenToYuan(shortfall_fen) })),
      relatedClues: await relatedClues(this.dataSource, code, principal),
    };
  }

  /**
   * The 12 months ending with the project's latest month of payroll or attendance:
   * payable, paid (rows with a payment date), attendance headcount (days_worked > 0).
   */
  private async monthlySummary(code: string): Promise<Array<Record<string, unknown>>> {
    const rows: Array<{ period: string; payable_fen: number; paid_fen: number; headcount: number; paid_headcount: number }> =
      await this.dataSource.query(
        `WITH last AS (
           SELECT coalesce(greatest((SELECT max(period) FROM payroll WHERE project_code = $1),
                                    (SELECT max(period) FROM attendance WHERE project_code = $1)),
                           date_trunc('month', ${businessDateSql('now()')})::date) AS p
         ), months AS (
           SELECT generate_series((SELECT p FROM last) - interval '11 months', (SELECT p FROM last), interval '1 month')::date AS period
         )
         SELECT to_char(m.period, 'YYYY-MM') AS period,
                coalesce(pr.payable_fen, 0) AS payable_fen, coalesce(pr.paid_fen, 0) AS paid_fen,
                coalesce(pr.paid_headcount, 0) AS paid_headcount, coalesce(at.headcount, 0) AS headcount
           FROM months m
           LEFT JOIN (SELECT period, sum(payable_fen) AS payable_fen, sum(paid_fen) FILTER (WHERE paid_on IS NOT NULL) AS paid_fen,
                             count(*) FILTER (WHERE paid_on IS NOT NULL AND paid_fen > 0)::int AS paid_headcount
                        FROM payroll WHERE project_code = $1 GROUP BY period) pr ON pr.period = m.period
           LEFT JOIN (SELECT period, count(*) FILTER (WHERE days_worked > 0)::int AS headcount
                        FROM attendance WHERE project_code = $1 GROUP BY period) at ON at.period = m.period
          ORDER BY m.period`,
        [code],
      );
    const bank = await bankTransferredByMonth(this.dataSource, code);
    return rows.map((r) => ({
      period: r.period,
      payable: fenToYuan(r.payable_fen),
      paid: fenToYuan(r.paid_fen),
      // null: the project has no bank feed; else what the bank transferred for that month.
      bankTransferred: bank ? fenToYuan(bank.get(r.period) ?? 0) : null,
      attendanceHeadcount: r.headcount,
      paidHeadcount: r.paid_headcount,
    }));
  }
}
