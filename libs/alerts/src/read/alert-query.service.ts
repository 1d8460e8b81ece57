import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Principal, Role } from '@wage/auth';
import { queryPrepared } from '@wage/database';
import { callerScope } from '../caller-scope';
import { AlertListQueryDto } from './alert-list.dto';
import { AlertScopeService } from './alert-scope.service';
import { severityRankSql } from '../store/alert-sql';
import { SEVERITY_RANK } from '../entities/alert-enums';
import { ALERT_COLUMNS, ALERT_FROM, ALERT_ITEM_JSON_SQL, AlertItem, AlertRow, QUEUE_ORDER, toAlertItem } from './alert-view';
import { EXACT_TOTAL_LIMIT, LargeSet, LargeTotals } from './large-totals';
import { relatedCluesJsonSql } from './related-clues';
import { isoSql } from './iso-sql';
import { afterCursorParts, cursorOfKey, cursorParams, decodeCursor, keyOfJson, LAST_KEY_JSON_SQL, ListCursor } from './list-cursor';
import { censusSql, nearestBoundary } from './page-boundaries';

const ITEMS_OPEN = Buffer.from('{"items":[');

/** Where detailStatement() puts the related clues' subquery, once its named parameters are numbered. */
const RELATED_CLUES = '__related_clues__';

/** The digits of a city's division code: IDX_alerts_queue_region's key is `left(region_code, 4)`. */
const REGION_CITY_DIGITS = 4;

/** A page's ids and queue-order keys (list-cursor.ts's k_ columns). */
const PAGE_KEYS = `a.id, ${severityRankSql('a')} AS k_rank, a.queue_risk AS k_risk, a.shortfall_fen AS k_shortfall, a.first_seen_at AS k_first`;

export interface AlertGroup {
  projectCode: string;
  projectName: string | null;
  riskLevel: string | null;
  riskScore: number;
  count: number;
  alerts: AlertItem[];
}

/**
 * Read side of alerts. Every query is `scope AND filters`: the scope comes from
 * AlertScopeService (per-role access), the filters from the request.
 */
@Injectable()
export class AlertQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: AlertScopeService,
  ) {}

  private readonly largeTotals = new LargeTotals();

  /**
   * A page of the list as the UTF-8 bytes of its JSON, `{ items, total, page, pageSize, nextCursor }`
   * (api.md, plus the keyset cursor of docs/decisions/alert-list-cursor.md), from one
   * statement: PostgreSQL writes the items (ALERT_ITEM_JSON_SQL) and counts the matches up
   * to EXACT_TOTAL_LIMIT; a larger set's total, and the boundaries a deep page of it starts
   * from, come from its census in LargeTotals (docs/decisions/alert-list-page-boundaries.md).
   * The items arrive as their UTF-8 bytes, in base64, and go out as those bytes: decoding
   * ≈ 54 kB of UTF-8 into a string, then encoding it again for the socket, was a fifth of
   * the API's CPU per page (docs/decisions/alert-list-bytes.md); base64 text is a third
   * shorter than the hex that a bytea column travels as, and cheaper to read back
   * (docs/decisions/alert-list-base64.md).
   */
  async list(q: AlertListQueryDto, principal: Principal): Promise<Buffer> {
    // The filter and scope, built once per request. Their text and values are the key of
    // the large set: the count and census statements are made of nothing else.
    const filter = this.where(q, principal);
    const countKey = JSON.stringify([filter.where, filter.params]);
    const census = (): Promise<LargeSet> => this.census(q, principal);
    // A large set of this filter and scope, taken within the last seconds: no need to count
    // again, and a deep page starts from its nearest boundary. A failed census: read directly.
    const known = this.largeTotals.current(countKey, census);
    const taken = known ? await known.catch(() => undefined) : undefined;
    const set = taken && taken.total > EXACT_TOTAL_LIMIT ? taken : undefined;
    const boundary = set && !q.cursor ? nearestBoundary((q.page - 1) * q.pageSize, set.boundaries) : undefined;
    const from = boundary ? { key: keyOfJson(boundary.key), skip: boundary.skip } : undefined;
    // A page after a key (a boundary, a cursor) runs on its generic plan: PostgreSQL's auto mode judged the
    // custom plans cheaper and planned it anew on every request (alert-list-generic-plans.md).
    const [text, values] = this.listStatement(q, principal, { count: !set, from }, filter);
    const [{ total, items, n, last }] = await queryPrepared<{ total: number | null; items: string; n: number; last: string | null }>(this.dataSource, text, values, {
      genericPlan: from !== undefined || q.cursor !== undefined,
    });
    const exact = set ? set.total : total !== null && total <= EXACT_TOTAL_LIMIT ? total : (await this.largeTotals.get(countKey, census)).total;
    // A full page may have a next one; a short page is the last.
    const next = n === q.pageSize && last ? JSON.stringify(cursorOfKey(last)) : 'null';
    return Buffer.concat([ITEMS_OPEN, Buffer.from(items, 'base64'), Buffer.from(`],"total":${exact},"page":${q.page},"pageSize":${q.pageSize},"nextCursor":${next}}`)]);
  }

  /** The census of a large set (page-boundaries.ts): its exact size and page boundaries, in one walk. */
  censusStatement(q: AlertListQueryDto, principal: Principal): [string, unknown[]] {
    const { where, params } = this.where(q, principal);
    return this.dataSource.driver.escapeQueryWithParameters(censusSql(PAGE_KEYS, ALERT_FROM, where, QUEUE_ORDER), params) as [string, unknown[]];
  }

  private async census(q: AlertListQueryDto, principal: Principal): Promise<LargeSet> {
    const [{ n, boundaries }] = await queryPrepared<{ n: number; boundaries: string }>(this.dataSource, ...this.censusStatement(q, principal));
    return { total: n, boundaries: (JSON.parse(boundaries) as unknown[]).map((b) => JSON.stringify(b)) };
  }

  /**
   * The statement of list() with its positional values, so that bench:province can EXPLAIN
   * exactly what the service runs. The page is a deferred join: its ids and sort keys come
   * from the index in queue order (IDX_alerts_queue_rank, which also holds the filter
   * columns), then only the page's rows fetch their stored items (alerts.list_item). The
   * total counts at most EXACT_TOTAL_LIMIT + 1 matches (it keeps ALERT_FROM: PostgreSQL
   * drops its unused to-one LEFT JOINs by itself). `from`: the page starts after that key
   * (a page boundary), skipping `skip` alerts, instead of at its offset. The text depends
   * only on the shape of the request (which filters, how many statuses, the page size,
   * cursor, boundary or offset), the values (the offset too) are parameters: list() runs it
   * as a named prepared statement, planned once per connection
   * (docs/decisions/alert-list-prepared-statements.md).
   */
  listStatement(
    q: AlertListQueryDto,
    principal: Principal,
    options: { count: boolean; from?: { key: ListCursor; skip: number } } = { count: true },
    filter: { where: string; params: Record<string, unknown> } = this.where(q, principal),
  ): [string, unknown[]] {
    const where = filter.where;
    const params = { ...filter.params };
    let page: string;
    const after = options.from?.key ?? (q.cursor ? decodeCursor(q.cursor) : undefined);
    if (after) {
      // After the key: each part is one index seek of at most pageSize (+ skip) entries, in
      // queue order, the parts disjoint and themselves in queue order (a Merge Append).
      Object.assign(params, cursorParams(after));
      const skip = options.from ? ` + CAST(:skip AS bigint)` : '';
      if (options.from) params.skip = options.from.skip;
      const parts = afterCursorParts(severityRankSql('a')).map(
        (cond) => `(SELECT ${PAGE_KEYS} FROM ${ALERT_FROM} WHERE ${where} AND ${cond} ORDER BY ${QUEUE_ORDER} LIMIT ${q.pageSize}${skip})`,
      );
      page = `SELECT * FROM (${parts.join(' UNION ALL ')}) u ORDER BY k_rank, k_risk DESC, k_shortfall DESC, k_first ASC, id ASC LIMIT ${q.pageSize}${options.from ? ' OFFSET CAST(:skip AS bigint)' : ''}`;
    } else {
      params.offset = (q.page - 1) * q.pageSize;
      page = `SELECT ${PAGE_KEYS} FROM ${ALERT_FROM} WHERE ${where} ORDER BY ${QUEUE_ORDER} LIMIT ${q.pageSize} OFFSET CAST(:offset AS bigint)`;
    }
    const sql = `WITH k AS (${page}),
      page AS (SELECT k.*, ${ALERT_ITEM_JSON_SQL}::text AS item FROM k JOIN alerts a ON a.id = k.id)
      SELECT ${options.count ? `(SELECT count(*)::int FROM (SELECT FROM ${ALERT_FROM} WHERE ${where} LIMIT ${EXACT_TOTAL_LIMIT + 1}) m)` : 'NULL::int'} AS total,
             encode(convert_to(coalesce((SELECT string_agg(item, ',' ORDER BY k_rank, k_risk DESC, k_shortfall DESC, k_first ASC, id ASC) FROM page), ''), 'UTF8'), 'base64') AS items,
             (SELECT count(*)::int FROM k) AS n, (${LAST_KEY_JSON_SQL}) AS last`;
    return this.dataSource.driver.escapeQueryWithParameters(sql, params) as [string, unknown[]];
  }

  /** groupBy=project: a page of projects (worst first), each with its matching alerts in queue order. */
  async listByProject(q: AlertListQueryDto, principal: Principal): Promise<{ groups: AlertGroup[]; total: number; page: number; pageSize: number }> {
    if (q.cursor) throw new BadRequestException('cursor pages the alert list; groupBy=project pages with page and pageSize');
    const { where, params } = this.where(q, principal);
    const offset = (q.page - 1) * q.pageSize;
    const groups = await this.query<{ project_code: string; project_name: string | null; risk_level: string | null; risk_score: number; n: number }>(
      `SELECT a.project_code, min(p.name) AS project_name, min(r.risk_level) AS risk_level, coalesce(min(r.risk_score), 0) AS risk_score,
              count(*)::int AS n
         FROM ${ALERT_FROM} WHERE ${where}
        GROUP BY a.project_code
        ORDER BY min(${severityRankSql('a')}), coalesce(min(r.risk_score), 0) DESC,
                 sum(a.shortfall_fen) DESC, min(a.first_seen_at), a.project_code
        LIMIT ${q.pageSize} OFFSET ${offset}`,
      params,
    );
    const [{ n }] = await this.query<{ n: number }>(`SELECT count(DISTINCT a.project_code)::int AS n FROM ${ALERT_FROM} WHERE ${where}`, params);
    const codes = groups.map((g) => g.project_code);
    const rows = codes.length
      ? await this.query<AlertRow>(
          `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE ${where} AND a.project_code IN (:...groupCodes) ORDER BY ${QUEUE_ORDER}`,
          { ...params, groupCodes: codes },
        )
      : [];
    return {
      groups: groups.map((g) => ({
        projectCode: g.project_code,
        projectName: g.project_name,
        riskLevel: g.risk_level,
        riskScore: g.risk_score,
        count: g.n,
        alerts: rows.filter((r) => r.project_code === g.project_code).map(toAlertItem),
      })),
      total: n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * One alert (within the caller's scope) with its whole history, oldest event first, its
   * joint notices and the clue cases naming its project: one statement (a named prepared
   * one, its text fixed but for the scope's shape), as claim-next answers with this after
   * every claim. The three lists are JSON arrays built by PostgreSQL next to the row, so
   * the answer waits for one round trip instead of two, and PostgreSQL runs one statement
   * instead of four (docs/decisions/alert-detail-one-statement.md).
   */
  async get(id: number, principal: Principal): Promise<Record<string, unknown>> {
    const [text, values] = this.detailStatement(id, principal);
    const [row] = await queryPrepared<AlertRow & Record<string, unknown>>(this.dataSource, text, values);
    if (!row) throw new NotFoundException(`Alert ${id} does not exist or is outside your scope`);
    const internal = callerScope(principal).maySeeInternalComments;
    return {
      ...toAlertItem(row),
      joint: row.joint,
      shortfallFen: row.shortfall_fen,
      occurrenceCount: row.occurrence_count,
      ruleVersion: row.rule_version,
      profileCode: row.profile_code,
      profileVersion: row.profile_version,
      clearReason: row.clear_reason,
      clearedByScanId: row.cleared_by_scan_id,
      routingReason: row.routing_reason,
      resolutionNote: internal ? row.resolution_note : null,
      lastScanAsOf: row.last_as_of,
      events: row.events,
      notices: row.notices,
      relatedClues: row.related_clues,
    };
  }

  /**
   * get()'s statement. Bureau officers see the alert's history without the inspectors'
   * internal comments (workflow.md): comment events are left out and labour-side notes
   * blanked; of the joint notices carrying the alert (owned by @wage/notices) the labour
   * side sees whether the bureau acknowledged and answered, a bureau officer only its own
   * bureau's. Timestamps inside the lists are written as the API writes a Date (isoSql).
   */
  private detailStatement(id: number, principal: Principal): [string, unknown[]] {
    const scope = this.scope.condition(principal);
    const internal = callerScope(principal).maySeeInternalComments;
    const bureau = principal.role === Role.BureauOfficer ? (principal.bureauCode ?? '') : null;
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(
      `WITH r AS (
         SELECT ${ALERT_COLUMNS}, a.joint, a.shortfall_fen, a.occurrence_count, a.rule_version, a.profile_code, a.profile_version,
                a.clear_reason, a.cleared_by_scan_id, a.routing_reason, a.resolution_note, to_char(a.last_as_of, 'YYYY-MM-DD') AS last_as_of
           FROM ${ALERT_FROM} WHERE a.id = :id AND (${scope.sql}))
       SELECT r.*,
         (SELECT coalesce(json_agg(json_build_object('id', e.id, 'at', ${isoSql('e.at')}, 'actorKind', e.actor_kind, 'actorId', e.actor_id,
                   'actorName', e.actor_name, 'action', e.action, 'fromStatus', e.from_status, 'toStatus', e.to_status,
                   'note', CASE WHEN :internal OR e.action IN ('bureau_acknowledged', 'bureau_reply', 'noticed') THEN e.note END,
                   'data', e.data) ORDER BY e.at, e.id), '[]')
            FROM alert_events e WHERE e.alert_id = r.id AND (:internal OR e.action <> 'comment')) AS events,
         (SELECT coalesce(json_agg(json_build_object('id', n.id::int, 'number', n.number, 'bureauCode', n.bureau_code,
                   'issuedOn', to_char(n.issued_on, 'YYYY-MM-DD'), 'status', n.status, 'replyDueAt', ${isoSql('n.reply_due_at')},
                   'acknowledgedAt', ${isoSql('n.acknowledged_at')}, 'repliedAt', ${isoSql('n.replied_at')}, 'replyText', n.reply_text,
                   'outcome', ni.outcome) ORDER BY n.id), '[]')
            FROM notice_items ni JOIN notices n ON n.id = ni.notice_id
           WHERE ni.alert_id = r.id AND (CAST(:bureau AS varchar) IS NULL OR n.bureau_code = :bureau)) AS notices,
         ${RELATED_CLUES} AS related_clues
       FROM r`,
      { ...scope.params, id, internal, bureau },
    ) as [string, unknown[]];
    const clues = relatedCluesJsonSql('r.project_code', principal, values.length + 1);
    return [text.replace(RELATED_CLUES, clues.sql), [...values, ...clues.params]];
  }

  private where(q: AlertListQueryDto, principal: Principal): { where: string; params: Record<string, unknown> } {
    const scope = this.scope.condition(principal);
    const parts = [`(${scope.sql})`];
    const params: Record<string, unknown> = { ...scope.params };
    const add = (sql: string, name: string, value: unknown): void => {
      parts.push(sql);
      params[name] = value;
    };
    if (q.status?.length) add('a.status IN (:...status)', 'status', q.status);
    if (q.rule) add('a.rule = :rule', 'rule', q.rule);
    if (q.severity?.length) {
      // Severities as the queue order's first key, the rank (severityRankSql maps each
      // severity to its own rank), so the walk of IDX_alerts_queue_rank and a boundary's
      // keyset parts seek to them instead of filtering every other severity out: a red
      // page's last part walked all 83k orange and yellow alerts to find none. One rank or
      // a run of them is an index range that keeps the queue order (an IN list on the
      // second column would not); red,yellow also keeps the list (alert-list-region-copy.md).
      const ranks = [...new Set(q.severity.map((s) => SEVERITY_RANK[s]))].sort();
      const [min, max] = [ranks[0], ranks[ranks.length - 1]];
      const rank = severityRankSql('a');
      if (min === max) add(`${rank} = CAST(:severityRank AS int)`, 'severityRank', min);
      else {
        add(`${rank} BETWEEN CAST(:severityRankMin AS int) AND CAST(:severityRankMax AS int)`, 'severityRankMin', min);
        params.severityRankMax = max;
        if (max - min + 1 !== ranks.length) add('a.severity IN (:...severity)', 'severity', q.severity);
      }
    }
    if (q.projectCode) add('a.project_code = :projectCode', 'projectCode', q.projectCode);
    if (q.regionCode) {
      // The project's region as copied onto the alert (migration AlertRegionCopy): a city
      // or finer walks only that city's entries of IDX_alerts_queue_region; a shorter
      // prefix is checked on IDX_alerts_queue_rank (docs/decisions/alert-list-region-copy.md).
      if (q.regionCode.length >= REGION_CITY_DIGITS) add(`left(a.region_code, ${REGION_CITY_DIGITS}) = :regionCity`, 'regionCity', q.regionCode.slice(0, REGION_CITY_DIGITS));
      add('a.region_code LIKE :regionPrefix', 'regionPrefix', `${q.regionCode}%`);
    }
    if (q.unitCode) add('a.unit_code = :unitCode', 'unitCode', q.unitCode);
    if (q.period) add('a.period = :period', 'period', `${q.period}-01`);
    if (q.overdue) add('a.overdue = :overdue', 'overdue', q.overdue === 'true');
    return { where: parts.join(' AND '), params };
  }

  private query<T>(sql: string, named: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, named);
    return this.dataSource.query(text, values);
  }
}
