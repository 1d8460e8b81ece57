import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { clueScopeSql } from '@wage/alerts';
import { Principal, Role } from '@wage/auth';
import { Clock } from '@wage/workflow';
import { DataSource, EntityManager } from 'typeorm';
import { checkClueTransition } from './clue-transitions';
import { ClueStatus, PAID_OUTCOMES } from './clue-enums';
import { ClueDeadlineService } from './clue-deadlines.service';
import { CaseChanges, appendEvents, ClueActor, updateCase } from './clue-store';
import { ClueTimers } from './clue-timers.service';
import { ClueActionDto } from './dto/clue-action.dto';
import { yuanToFen } from './money';

interface LockedCase {
  clue_id: string;
  status: ClueStatus;
  received_on: string;
  region_code: string;
  accepted_at: Date | null;
  replied_at: Date | null;
  extended: boolean;
  assignee_user_id: string | null;
  duplicate_of: string | null;
  first_review: string | null;
  return_count: number;
  escalation_level: number;
  needs_intake: boolean;
}

const FIELD_ACTION: Array<[keyof ClueActionDto, string]> = [
  ['outcome', 'reply'],
  ['recoveredAmount', 'reply'],
  ['workersPaid', 'reply'],
  ['assignee', 'assign'],
  ['duplicateOf', 'merge'],
];
const NOTE_REQUIRED: Record<string, string> = {
  contact: 'contact needs a note saying how and when the complainant was reached',
  reply: 'reply needs a note (for not_our_jurisdiction: where the clue went)',
  return: 'return needs a note saying what must be reworked',
  extend: 'extend needs the reason in note',
  comment: 'comment needs a note',
};

/**
 * The clue workflow (clues.md "Lifecycle"). Each action locks the case inside the
 * caller's scope (outside it: 404), checks the transition (403 for the role, 409 naming
 * the current state), updates the case and appends its event in one transaction, and
 * recomputes the deadlines; the deadline timer is set after commit.
 */
@Injectable()
export class ClueActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: ClueDeadlineService,
    private readonly timers: ClueTimers,
    private readonly clock: Clock,
  ) {}

  async act(principal: Principal, clueId: string, dto: ClueActionDto): Promise<void> {
    this.validateFields(dto);
    const next = await this.dataSource.transaction(async (m) => {
      const c = await this.lock(m, principal, clueId);
      return this.apply(m, principal, c, dto);
    });
    if (next) await this.timers.schedule([next]);
  }

  /** Claim-next: the open, unassigned case of the caller's unit with the oldest running deadline. */
  async claimNext(principal: Principal): Promise<string | null> {
    if (principal.kind !== 'user' || !principal.unitCode) return null;
    return this.dataSource.transaction(async (m) => {
      const [next]: Array<{ clue_id: string; status: ClueStatus }> = await m.query(
        `SELECT clue_id, status FROM clue_cases
          WHERE unit_code = $1 AND assignee_user_id IS NULL AND status <> 'closed' AND NOT needs_intake
          ORDER BY next_due_at ASC NULLS LAST, clue_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [principal.unitCode],
      );
      if (!next) return null;
      await updateCase(m, next.clue_id, { assignee_user_id: principal.id });
      await appendEvents(m, [
        {
          clueId: next.clue_id,
          at: this.clock.now(),
          actor: actorOf(principal),
          action: 'assign',
          from: next.status,
          to: next.status,
          note: 'claimed (claim-next)',
          data: { fromUserId: null, toUserId: principal.id, claimed: true },
        },
      ]);
      return next.clue_id;
    });
  }

  private async lock(m: EntityManager, principal: Principal, clueId: string): Promise<LockedCase> {
    const scope = clueScopeSql(principal, 'cc', 2);
    const [c]: LockedCase[] = await m.query(
      `SELECT cc.clue_id, cc.status, c.received_on, c.region_code, cc.accepted_at, cc.replied_at, cc.extended, cc.assignee_user_id, cc.duplicate_of,
              cc.first_review, cc.return_count, cc.escalation_level, cc.needs_intake
         FROM clue_cases cc JOIN clues c ON c.clue_id = cc.clue_id
        WHERE cc.clue_id = $1 AND (${scope.sql}) FOR UPDATE OF cc`,
      [clueId, ...scope.params],
    );
    if (!c) throw new NotFoundException(`Clue ${clueId} does not exist or is outside your scope`);
    return c;
  }

  /** 400s that do not depend on the case: every bad field named at once. */
  private validateFields(dto: ClueActionDto): void {
    const problems: string[] = [];
    for (const [field, action] of FIELD_ACTION) {
      if (dto[field] !== undefined && dto.action !== action) problems.push(`${field} is only for action ${action}`);
    }
    const note = dto.note?.trim() ?? '';
    if (NOTE_REQUIRED[dto.action] && !note) problems.push(NOTE_REQUIRED[dto.action]);
    if (dto.action === 'reply') {
      if (!dto.outcome) problems.push('reply needs an outcome (e.g. wages_paid)');
      if (dto.outcome && PAID_OUTCOMES.includes(dto.outcome)) {
        if (dto.recoveredAmount === undefined) problems.push(`outcome ${dto.outcome} needs recoveredAmount (yuan)`);
        if (dto.workersPaid === undefined) problems.push(`outcome ${dto.outcome} needs workersPaid`);
      }
    }
    if (dto.action === 'assign' && !dto.assignee) problems.push('assign needs an assignee (user id or username)');
    if (dto.action === 'merge' && !dto.duplicateOf) problems.push('merge needs duplicateOf (the clue id of the surviving case)');
    if (problems.length > 0) throw new BadRequestException(problems);
  }

  private async apply(m: EntityManager, principal: Principal, c: LockedCase, dto: ClueActionDto) {
    const check = checkClueTransition(dto.action, c.status, principal.role);
    if (!check.ok) {
      if (check.kind === 'forbidden') throw new ForbiddenException(check.message);
      throw new ConflictException(`Clue ${c.clue_id}: ${check.message}`);
    }
    if (c.needs_intake) throw new ConflictException(`Clue ${c.clue_id} is still being routed (received, intake pending); try again in a moment`);
    const now = this.clock.now();
    const note = dto.note?.trim() || null;
    const changes: CaseChanges = {};
    const data: Record<string, unknown> = {};
    const clock = { status: check.to, receivedOn: c.received_on, acceptedAt: c.accepted_at, repliedAt: c.replied_at, extended: c.extended };
    const by = principal.kind === 'user' ? principal.id : null;

    switch (dto.action) {
      case 'accept':
        Object.assign(changes, { accepted_at: now });
        clock.acceptedAt = now;
        if (!c.assignee_user_id && principal.role === Role.Inspector) changes.assignee_user_id = principal.id;
        break;
      case 'contact':
        changes.contacted_at = now;
        break;
      case 'reply': {
        const fen = dto.recoveredAmount === undefined ? null : yuanToFen(dto.recoveredAmount);
        Object.assign(changes, { outcome: dto.outcome, reply_note: note, recovered_fen: fen, workers_paid: dto.workersPaid ?? null, replied_at: now, replied_by: by });
        clock.repliedAt = now;
        Object.assign(data, { outcome: dto.outcome, recoveredFen: fen, workersPaid: dto.workersPaid ?? null });
        break;
      }
      case 'approve':
        Object.assign(changes, { closed_at: now, closed_by: by });
        if (!c.first_review) Object.assign(changes, { first_review: 'approved', first_reviewed_at: now });
        break;
      case 'return':
        // The returned reply stays in the events; the case holds only a reply that can still be approved.
        Object.assign(changes, { outcome: null, reply_note: null, recovered_fen: null, workers_paid: null, replied_at: null, replied_by: null, return_count: c.return_count + 1 });
        if (!c.first_review) Object.assign(changes, { first_review: 'returned', first_reviewed_at: now });
        clock.repliedAt = null;
        break;
      case 'merge':
        await this.mergeInto(m, principal, c, dto.duplicateOf as string, now);
        Object.assign(changes, { outcome: 'duplicate', duplicate_of: dto.duplicateOf, closed_at: now, closed_by: by, reply_note: note });
        data.duplicateOf = dto.duplicateOf;
        break;
      case 'assign': {
        const user = await this.assignee(m, c.clue_id, dto.assignee as string);
        changes.assignee_user_id = user.id;
        Object.assign(data, { fromUserId: c.assignee_user_id, toUserId: user.id, toUsername: user.username });
        break;
      }
      case 'extend':
        if (c.extended) throw new ConflictException(`Clue ${c.clue_id}: the reply deadline was already extended once; a case is extended only once`);
        Object.assign(changes, { extended: true, extension_reason: note });
        clock.extended = true;
        break;
      default:
        break; // comment
    }
    const statusMoves = check.to !== c.status || dto.action === 'extend' || dto.action === 'accept';
    if (statusMoves) {
      const sla = (await this.deadlines.slaFor(m, [c.region_code]))(c.region_code);
      Object.assign(changes, this.deadlines.columns(this.deadlines.of(clock, sla)));
    }
    if (dto.action === 'extend') data.replyDueAt = changes.reply_due_at;
    await updateCase(m, c.clue_id, { status: check.to, ...changes });
    await appendEvents(m, [{ clueId: c.clue_id, at: now, actor: actorOf(principal), action: dto.action, from: c.status, to: check.to, note, data }]);
    const nextDue = changes.next_due_at as Date | null | undefined;
    return statusMoves && nextDue ? { clueId: c.clue_id, level: c.escalation_level + 1, at: nextDue } : null;
  }

  /** The surviving case must exist, be visible to the caller, and not itself be a duplicate. */
  private async mergeInto(m: EntityManager, principal: Principal, c: LockedCase, survivorId: string, now: Date): Promise<void> {
    if (survivorId === c.clue_id) throw new BadRequestException([`duplicateOf must be another clue, not ${c.clue_id} itself`]);
    const scope = clueScopeSql(principal, 'cc', 2);
    const [s]: Array<{ clue_id: string; status: ClueStatus; duplicate_of: string | null }> = await m.query(
      `SELECT cc.clue_id, cc.status, cc.duplicate_of FROM clue_cases cc WHERE cc.clue_id = $1 AND (${scope.sql}) FOR UPDATE OF cc`,
      [survivorId, ...scope.params],
    );
    if (!s) throw new BadRequestException([`duplicateOf ${survivorId} is not a clue case you can see`]);
    if (s.duplicate_of) throw new BadRequestException([`duplicateOf ${survivorId} is itself a duplicate of ${s.duplicate_of}; merge into ${s.duplicate_of}`]);
    await appendEvents(m, [
      { clueId: s.clue_id, at: now, actor: actorOf(principal), action: 'merged_in', from: s.status, to: s.status, note: `duplicate ${c.clue_id} merged into this case`, data: { duplicate: c.clue_id } },
    ]);
  }

  /** The user to assign: active, an inspector or lead, and able to see the case. */
  private async assignee(m: EntityManager, clueId: string, ref: string): Promise<{ id: string; username: string }> {
    const [u]: Array<{ id: string; username: string; role: Role; unit_code: string | null; disabled: boolean }> = await m.query(
      `SELECT id, username, role, unit_code, disabled FROM users WHERE id::text = $1 OR username = $1 LIMIT 1`,
      [ref],
    );
    if (!u || u.disabled) throw new BadRequestException([`assignee ${ref} is not an active user`]);
    const who: Principal = { kind: 'user', id: u.id, name: u.username, role: u.role, unitCode: u.unit_code, bureauCode: null, canUnmask: false };
    const scope = clueScopeSql(who, 'cc', 2);
    const visible: unknown[] =
      u.role === Role.Inspector || u.role === Role.BrigadeLead
        ? await m.query(`SELECT 1 FROM clue_cases cc WHERE cc.clue_id = $1 AND (${scope.sql})`, [clueId, ...scope.params])
        : [];
    if (visible.length === 0) throw new BadRequestException([`assignee ${u.username} must be an inspector or brigade lead of the unit this clue is routed to`]);
    return { id: u.id, username: u.username };
  }
}

export function actorOf(p: Principal): ClueActor {
  return { kind: 'user', id: p.id, name: p.name };
}
