import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_STATUSES_SQL, callerScope } from '@wage/alerts';
import { Principal } from '@wage/auth';
import { Clock } from '@wage/workflow';
import { DataSource } from 'typeorm';
import { ClueDeadlineService } from './clue-deadlines.service';
import { CLUE_COLUMNS, CLUE_FROM, ClueRow, toClueItem } from './clue-view';
import { ClueListQueryDto } from './dto/clue-list.dto';

type Detail = ClueRow & {
  routing_reason: string | null;
  accepted_at: Date | null;
  contacted_at: Date | null;
  replied_at: Date | null;
  closed_at: Date | null;
  reply_note: string | null;
  duplicate_of: string | null;
  extended: boolean;
  extension_reason: string | null;
  accept_due_at: Date | null;
  contact_due_at: Date | null;
  reply_due_at: Date | null;
  review_due_at: Date | null;
  first_review: string | null;
  return_count: number;
};

/** Read side of clue cases; every query ANDs the caller's scope (callerScope(principal).clues) in. */
@Injectable()
export class ClueQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: ClueDeadlineService,
    private readonly clock: Clock,
  ) {}

  async list(q: ClueListQueryDto, principal: Principal): Promise<{ items: Record<string, unknown>[]; total: number; page: number; pageSize: number }> {
    const now = this.clock.now();
    const soon = this.deadlines.soonCutoff(now);
    const scope = callerScope(principal).clues('cc', 1);
    const params: unknown[] = [...scope.params];
    const where = [`(${scope.sql})`];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.status?.length) add((p) => `cc.status = ANY(${p}::varchar[])`, q.status);
    if (q.unitCode) add((p) => `cc.unit_code = ${p}`, q.unitCode);
    if (q.unrouted === 'true') where.push('cc.unit_code IS NULL AND NOT cc.needs_intake');
    if (q.projectCode) add((p) => `c.project_code = ${p}`, q.projectCode);
    if (q.source) add((p) => `c.source = ${p}`, q.source);
    if (q.receivedFrom) add((p) => `c.received_on >= ${p}::date`, q.receivedFrom);
    if (q.receivedTo) add((p) => `c.received_on <= ${p}::date`, q.receivedTo);
    if (q.assignee === 'me') add((p) => `cc.assignee_user_id::text = ${p}`, principal.id);
    if (q.overdue) add((p) => (q.overdue === 'true' ? `cc.next_due_at < ${p}` : `(cc.next_due_at IS NULL OR cc.next_due_at >= ${p})`), now);
    if (q.dueSoon === 'true') {
      add((p) => `cc.next_due_at >= ${p}`, now);
      add((p) => `cc.next_due_at <= ${p}`, soon);
    } else if (q.dueSoon === 'false') {
      params.push(now, soon);
      where.push(`(cc.next_due_at IS NULL OR cc.next_due_at < $${params.length - 1} OR cc.next_due_at > $${params.length})`);
    }
    const filter = where.join(' AND ');
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${CLUE_FROM} WHERE ${filter}`, params);
    const rows: ClueRow[] = await this.dataSource.query(
      `SELECT ${CLUE_COLUMNS} FROM ${CLUE_FROM} WHERE ${filter}
        ORDER BY cc.next_due_at ASC NULLS LAST, c.received_on, cc.clue_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map((r) => toClueItem(r, now, soon)), total, page: q.page, pageSize: q.pageSize };
  }

  /** One case (within the caller's scope) with its deadlines, reply, events and the project's alerts. */
  async get(clueId: string, principal: Principal): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    const scope = callerScope(principal).clues('cc', 2);
    const [r]: Detail[] = await this.dataSource.query(
      `SELECT ${CLUE_COLUMNS}, cc.routing_reason, cc.accepted_at, cc.contacted_at, cc.replied_at, cc.closed_at, cc.reply_note,
              cc.duplicate_of, cc.extended, cc.extension_reason, cc.accept_due_at, cc.contact_due_at, cc.reply_due_at,
              cc.review_due_at, cc.first_review, cc.return_count
         FROM ${CLUE_FROM} WHERE cc.clue_id = $1 AND (${scope.sql})`,
      [clueId, ...scope.params],
    );
    if (!r) throw new NotFoundException(`Clue ${clueId} does not exist or is outside your scope`);
    const events = await this.dataSource.query(
      `SELECT id, at, actor_kind AS "actorKind", actor_name AS "actorName", action, from_status AS "fromStatus", to_status AS "toStatus", note, data
         FROM clue_events WHERE clue_id = $1 ORDER BY at, id`,
      [clueId],
    );
    const duplicates: Array<{ clue_id: string }> = await this.dataSource.query(
      `SELECT cc.clue_id FROM clue_cases cc WHERE cc.duplicate_of = $1 AND (${scope.sql}) ORDER BY cc.clue_id`,
      [clueId, ...scope.params],
    );
    const alertScope = callerScope(principal).alerts('a', 2);
    const alerts = r.project_code
      ? await this.dataSource.query(
          `SELECT a.id, a.rule, a.severity, a.status FROM alerts a
            WHERE a.project_code = $1 AND a.status IN ${ACTIVE_STATUSES_SQL} AND (${alertScope.sql}) ORDER BY a.id`,
          [r.project_code, ...alertScope.params],
        )
      : [];
    return {
      ...toClueItem(r, now, this.deadlines.soonCutoff(now)),
      employerUscc: r.employer_uscc,
      routingReason: r.routing_reason,
      deadlines: { accept: r.accept_due_at, contact: r.contact_due_at, reply: r.reply_due_at, review: r.review_due_at },
      extended: r.extended,
      extensionReason: r.extension_reason,
      acceptedAt: r.accepted_at,
      contactedAt: r.contacted_at,
      repliedAt: r.replied_at,
      closedAt: r.closed_at,
      replyNote: r.reply_note,
      duplicateOf: r.duplicate_of,
      duplicates: duplicates.map((d) => d.clue_id),
      firstReview: r.first_review,
      returnCount: r.return_count,
      relatedAlerts: alerts,
      events,
    };
  }
}
