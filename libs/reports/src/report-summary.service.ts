import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { readOnOneSnapshot } from '@wage/database';
import type { Principal } from '@wage/auth';
import { ReportSummaryQueryDto } from './dto/summary-query.dto';
import { addInto, emptyParts, FigureParts, renderFigures, SummaryFigures } from './figure-parts';
import { defaultRange, GroupBy, reportWindow, snapshots } from './report-window';
import { alertFlowFigures } from './sql/alert-flow-figures';
import { liveAlertStock, pastAlertOpen, pastAlertOverdue } from './sql/alert-stock-figures';
import { clueFigures } from './sql/clue-figures';
import { FigureQuery, FigureRow, runFigureQuery } from './sql/figure-query';
import { noticeFigures } from './sql/notice-figures';
import { projectFigures } from './sql/project-figures';
import { ALL_KEY, ReportQuery, SqlContext, UNKNOWN_REGION_KEY, UNROUTED_KEY } from './sql/sql-context';

export interface SummaryRow extends SummaryFigures {
  key: string;
  label: string;
}

export interface SummaryResponse {
  from: string;
  to: string;
  groupBy: GroupBy;
  regionCode: string | null;
  unitCode: string | null;
  rows: SummaryRow[];
  total: SummaryFigures;
}

export interface SummaryPlan {
  from: string;
  to: string;
  query: ReportQuery;
  statements: FigureQuery[];
}

/**
 * Settings of every report transaction. JIT compiling costs more than these statements
 * take (their estimates are inflated by subplans); a province year hashes ~10^5 alerts
 * against ~10^6 events: keep the hash tables in memory. No parallel workers: the report
 * already reads on REPORT_CONNECTIONS connections, and workers on top of them only
 * compete for the same cores (and make the planner sort for a Gather Merge where one
 * hash aggregate is cheaper).
 */
export const REPORT_SETTINGS = ['SET LOCAL jit = off', `SET LOCAL work_mem = '32MB'`, 'SET LOCAL max_parallel_workers_per_gather = 0'];

/**
 * Connections one report reads on (all on the same snapshot): the statements are
 * independent, and on the 2-core reference machine three readers keep both cores busy
 * while the longest statement runs.
 */
export const REPORT_CONNECTIONS = 3;

/** Longest range a report may span (its monthly rows stay a readable table). */
const MAX_RANGE_YEARS = 10;

/**
 * reports.md "Summary": every figure from the records, by set-based statements (one per
 * kind of record) run in parallel on one read-only repeatable-read snapshot
 * (readOnOneSnapshot), so all figures of a report describe the same instant. Rows are keyed by unit, region, month or 'all';
 * the total is the sum of the rows' parts.
 */
@Injectable()
export class ReportSummaryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The statements of a report (validated query), in the order they are started; the benchmark explains them. */
  plan(dto: ReportSummaryQueryDto, principal: Principal, now: Date = new Date()): SummaryPlan {
    const range = defaultRange(now);
    const from = dto.from ?? range.from;
    const to = dto.to ?? (dto.from && dto.from > range.to ? dto.from : range.to);
    if (from > to) throw new BadRequestException([`from (${from}) must not be after to (${to})`]);
    if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > MAX_RANGE_YEARS) {
      throw new BadRequestException([`the range from ${from} to ${to} is longer than ${MAX_RANGE_YEARS} years; ask for a shorter one`]);
    }
    const q: ReportQuery = { window: reportWindow(from, to), groupBy: dto.groupBy ?? 'none', regionCode: dto.regionCode, unitCode: dto.unitCode, principal };
    const snaps = snapshots(q.window, q.groupBy, now);
    const live = snaps.filter((s) => s.live);
    const past = snaps.filter((s) => !s.live);
    // Longest first (projects and coverage, the alert flows, the stock; clues and notices
    // are short): the connections take statements from the front of the list, so the
    // longest one starts at once instead of after the others (the figures do not depend
    // on the order, every statement adds to its rows' parts).
    const statements: FigureQuery[] = [];
    if (snaps.length) statements.push(projectFigures(q, snaps));
    statements.push(alertFlowFigures(q));
    if (live.length) statements.push(liveAlertStock(q, live));
    if (past.length) statements.push(pastAlertOpen(q, past), pastAlertOverdue(q, past));
    statements.push(clueFigures(q), noticeFigures(q));
    return { from, to, query: q, statements };
  }

  async summary(dto: ReportSummaryQueryDto, principal: Principal, now: Date = new Date()): Promise<SummaryResponse> {
    const { from, to, query: q, statements } = this.plan(dto, principal, now);
    const results: FigureRow[][] = statements.map(() => []);
    const reads = statements.map((fq, i) => async (m: EntityManager) => {
      results[i] = (await runFigureQuery((sql, params) => m.query(sql, params), fq)) as FigureRow[];
    });
    return readOnOneSnapshot(this.dataSource, reads, { connections: REPORT_CONNECTIONS, settings: REPORT_SETTINGS }, async (m) => {
      // Applied in statement order, whichever connection finished first.
      const byKey = new Map<string, FigureParts>();
      statements.forEach((fq, i) => {
        for (const row of results[i]) {
          const parts = byKey.get(row.key) ?? emptyParts();
          fq.apply(row, parts);
          byKey.set(row.key, parts);
        }
      });
      const labels = await this.rowKeys(m, q, byKey);
      const rows = [...labels.entries()].map(([key, label]) => ({ key, label, ...renderFigures(byKey.get(key) ?? emptyParts()) }));
      const total = [...labels.keys()].reduce((sum, key) => addInto(sum, byKey.get(key) ?? emptyParts()), emptyParts());
      return { from, to, groupBy: q.groupBy, regionCode: q.regionCode ?? null, unitCode: q.unitCode ?? null, rows, total: renderFigures(total) };
    });
  }

  /**
   * The rows and their labels, in display order. Units: every unit in the caller's
   * scope (and the narrowing), with no activity too, then the unrouted queue if it
   * has figures; months: every month of the range; regions: those with figures.
   */
  private async rowKeys(m: EntityManager, q: ReportQuery, byKey: Map<string, FigureParts>): Promise<Map<string, string>> {
    const labels = new Map<string, string>();
    switch (q.groupBy) {
      case 'none':
        labels.set(ALL_KEY, '全部');
        break;
      case 'month':
        for (const slot of q.window.months) labels.set(slot.month, `${slot.month.slice(0, 4)}年${Number(slot.month.slice(5))}月`);
        break;
      case 'region':
        for (const key of [...byKey.keys()].sort()) labels.set(key, key === UNKNOWN_REGION_KEY ? '区划不明' : key);
        break;
      case 'unit': {
        const c = new SqlContext(q);
        const units: Array<{ unit_code: string; name: string }> = await m.query(
          `SELECT iu.unit_code, iu.name FROM inspection_units iu
            WHERE ${c.where('iu', { unit: 'iu.unit_code', region: 'iu.region_code', month: 'NULL' })} ORDER BY iu.unit_code`,
          c.params,
        );
        const names = new Map(units.map((u) => [u.unit_code, u.name]));
        const keys = new Set([...names.keys(), ...byKey.keys()]);
        for (const key of [...keys].sort()) {
          if (key === UNROUTED_KEY) continue;
          labels.set(key, names.get(key) ?? key);
        }
        if (byKey.has(UNROUTED_KEY)) labels.set(UNROUTED_KEY, '未分派（无管辖机构）');
        break;
      }
    }
    return labels;
  }
}
