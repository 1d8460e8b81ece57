import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_STATUSES_SQL, alertScopeSql, AlertStatus, appendAlertEvents, Severity, updateAlert } from '@wage/alerts';
import { Principal, Role } from '@wage/auth';
import { shanghaiDate } from '@wage/calendar';
import { ProjectRiskService } from '@wage/projects';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from './clock';
import { DeadlineService } from './deadlines.service';
import { AlertActionDto, ProjectBulkActionDto } from './dto/alert-action.dto';
import { EscalationTimer, EscalationTimers } from './escalation-timers.service';
import { yuanToFen } from '@wage/money';
import { checkTransition } from './transitions';

interface LockedAlert {
  id: number;
  status: AlertStatus;
  severity: Severity;
  project_code: string;
  assignee_user_id: string | null;
  escalation_level: number;
  due_at: Date | null;
  overdue: boolean;
}

/** Timers to set after commit: new ones, and re-armed ones of reopened alerts. */
interface Timers {
  schedule: EscalationTimer[];
  rearm: EscalationTimer[];
}

/** Column → value changes of one action; column names come from this file only. */
type Changes = Record<string, unknown>;

const FIELD_ACTION: Array<[keyof AlertActionDto, string]> = [
  ['resolution', 'resolve'],
  ['recoveredAmount', 'resolve'],
  ['workersPaid', 'resolve'],
  ['assignee', 'assign'],
  ['until', 'suppress'],
];

/**
 * The inspector workflow (workflow.md "Lifecycle of an alert"). Each action locks the
 * alert row inside the caller's scope (outside it: 404), checks the transition (403 for
 * the role, 409 naming the current state), updates the alert and appends its event in
 * one transaction, and moves the deadline. Escalation timers are set after commit.
 */
@Injectable()
export class AlertActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineService,
    private readonly timers: EscalationTimers,
    private readonly clock: Clock,
    private readonly risk: ProjectRiskService,
  ) {}

  async act(principal: Principal, alertId: number, dto: AlertActionDto): Promise<void> {
    this.validateFields(dto);
    const timers: Timers = { schedule: [], rearm: [] };
    await this.dataSource.transaction(async (m) => {
      const [alert] = await this.lock(m, principal, 'a.id = $1', [alertId]);
      if (!alert) throw new NotFoundException(`Alert ${alertId} does not exist or is outside your scope`);
      await this.apply(m, principal, alert, dto, timers);
      // Resolving or reopening changes the project's risk (queue order, project page).
      await this.risk.recompute(m, [alert.project_code]);
    });
    await this.setTimers(timers);
  }

  /**
   * workflow.md: acknowledge all of one project's open alerts, or resolve all of its
   * active (open, acknowledged, in-progress) alerts, within the caller's scope.
   */
  async bulk(principal: Principal, projectCode: string, dto: ProjectBulkActionDto): Promise<number[]> {
    this.validateFields(dto);
    const timers: Timers = { schedule: [], rearm: [] };
    const statuses = dto.action === 'resolve' ? ACTIVE_STATUSES_SQL : `('open')`;
    const ids = await this.dataSource.transaction(async (m) => {
      const alerts = await this.lock(m, principal, `a.project_code = $1 AND a.status IN ${statuses}`, [projectCode]);
      for (const alert of alerts) await this.apply(m, principal, alert, dto, timers);
      if (alerts.length > 0) await this.risk.recompute(m, [projectCode]);
      return alerts.map((a) => a.id);
    });
    await this.setTimers(timers);
    return ids;
  }

  private async setTimers(timers: Timers): Promise<void> {
    await this.timers.schedule(timers.schedule);
    await this.timers.rearm(timers.rearm);
  }

  private lock(m: EntityManager, principal: Principal, where: string, params: unknown[]): Promise<LockedAlert[]> {
    const scope = alertScopeSql(principal, 'a', params.length + 1);
    return m.query(
      `SELECT a.id, a.status, a.severity, a.project_code, a.assignee_user_id, a.escalation_level, a.due_at, a.overdue
         FROM alerts a WHERE ${where} AND (${scope.sql}) ORDER BY a.id FOR UPDATE OF a`,
      [...params, ...scope.params],
    );
  }

  /** 400s that do not depend on the alert: every bad field named at once. */
  private validateFields(dto: AlertActionDto | ProjectBulkActionDto): void {
    const problems: string[] = [];
    const full = dto as AlertActionDto;
    for (const [field, action] of FIELD_ACTION) {
      if (full[field] !== undefined && dto.action !== action) problems.push(`${field} is only for action ${action}`);
    }
    const note = dto.note?.trim() ?? '';
    if (dto.action === 'resolve' && !dto.resolution) problems.push('resolve needs a resolution code (e.g. wages_paid)');
    if (dto.action === 'resolve' && dto.resolution === 'other' && !note) problems.push('resolution "other" needs a note saying what was done');
    if (dto.action === 'comment' && !note) problems.push('comment needs a note');
    if (dto.action === 'assign' && !full.assignee) problems.push('assign needs an assignee (user id or username)');
    if (dto.action === 'suppress') {
      if (!note) problems.push('suppress needs a reason in note');
      const today = shanghaiDate(this.clock.now());
      if (!full.until) problems.push('suppress needs until (YYYY-MM-DD)');
      else if (Number.isNaN(Date.parse(`${full.until}T00:00:00Z`)) || full.until <= today) {
        problems.push(`until must be a real date after today (${today})`);
      }
    }
    if (problems.length > 0) throw new BadRequestException(problems);
  }

  private async apply(
    m: EntityManager,
    principal: Principal,
    alert: LockedAlert,
    dto: AlertActionDto | ProjectBulkActionDto,
    timers: Timers,
  ): Promise<void> {
    const check = checkTransition(dto.action, alert.status, principal.role);
    if (!check.ok) {
      if (check.kind === 'forbidden') throw new ForbiddenException(check.message);
      throw new ConflictException(`Alert ${alert.id}: ${check.message}`);
    }
    const full = dto as AlertActionDto;
    const note = dto.note?.trim() || null;
    const changes: Changes = {};
    const data: Record<string, unknown> = {};
    const now = this.clock.now();
    const sla = async () => (await this.deadlines.slaFor(m, [alert.project_code]))(alert.project_code);

    switch (dto.action) {
      case 'acknowledge': {
        const due = this.deadlines.resolveDue(await sla(), alert.severity, now);
        Object.assign(changes, { due_at: due, overdue: false });
        timers.schedule.push({ alertId: alert.id, level: alert.escalation_level + 1, at: due });
        break;
      }
      case 'resolve': {
        const recoveredFen = full.recoveredAmount === undefined ? null : yuanToFen(full.recoveredAmount);
        Object.assign(changes, {
          resolution: dto.resolution,
          resolution_note: note,
          recovered_fen: recoveredFen,
          workers_paid: full.workersPaid ?? null,
          resolved_at: now,
          resolved_by: principal.kind === 'user' ? principal.id : null,
          condition_present: null,
          due_at: null,
          overdue: false,
        });
        // The deadline in force and the overdue flag, frozen on the event: reports count
        // "resolved on time" from the event log (the alert row forgets both on resolve).
        Object.assign(data, {
          resolution: dto.resolution,
          recoveredFen,
          workersPaid: full.workersPaid ?? null,
          dueAt: alert.due_at,
          overdue: alert.overdue,
        });
        break;
      }
      case 'reopen': {
        const due = this.deadlines.acknowledgeDue(await sla(), now);
        Object.assign(changes, {
          resolution: null,
          resolution_note: null,
          recovered_fen: null,
          workers_paid: null,
          resolved_at: null,
          resolved_by: null,
          cleared_at: null,
          cleared_by_scan_id: null,
          clear_reason: null,
          condition_present: null,
          due_at: due,
          overdue: false,
        });
        // Fresh deadlines from the reopening: the pending timer of the old life goes.
        timers.rearm.push({ alertId: alert.id, level: alert.escalation_level + 1, at: due });
        break;
      }
      case 'assign': {
        const user = await this.assignee(m, alert.id, full.assignee as string);
        changes.assignee_user_id = user.id;
        Object.assign(data, { fromUserId: alert.assignee_user_id, toUserId: user.id, toUsername: user.username });
        break;
      }
      case 'suppress':
        Object.assign(changes, { suppressed_until: full.until, suppress_reason: note });
        data.until = full.until;
        break;
      default:
        break; // start, comment: status (or nothing) changes
    }
    await this.write(m, principal, alert, dto.action, check.to, changes, note, data);
  }

  private async write(
    m: EntityManager,
    principal: Principal,
    alert: LockedAlert,
    action: string,
    to: AlertStatus,
    changes: Changes,
    note: string | null,
    data: Record<string, unknown>,
  ): Promise<void> {
    await updateAlert(m, alert.id, to, changes);
    await appendAlertEvents(m, [
      {
        alertId: alert.id,
        at: this.clock.now(),
        actorKind: principal.kind,
        actorId: principal.id,
        actorName: principal.name,
        action,
        fromStatus: alert.status,
        toStatus: to,
        note,
        data,
      },
    ]);
  }

  /** The user to assign: active, an inspector or lead, and able to see the alert. */
  private async assignee(m: EntityManager, alertId: number, ref: string): Promise<{ id: string; username: string }> {
    const [u]: Array<{ id: string; username: string; role: Role; unit_code: string | null; disabled: boolean }> = await m.query(
      `SELECT id, username, role, unit_code, disabled FROM users WHERE id::text = $1 OR username = $1 LIMIT 1`,
      [ref],
    );
    if (!u || u.disabled) throw new BadRequestException([`assignee ${ref} is not an active user`]);
    const who: Principal = { kind: 'user', id: u.id, name: u.username, role: u.role, unitCode: u.unit_code, bureauCode: null, canUnmask: false };
    const scope = alertScopeSql(who, 'a', 2);
    const visible: unknown[] =
      u.role === Role.Inspector || u.role === Role.BrigadeLead
        ? await m.query(`SELECT 1 FROM alerts a WHERE a.id = $1 AND (${scope.sql})`, [alertId, ...scope.params])
        : [];
    if (visible.length === 0) {
      throw new BadRequestException([`assignee ${u.username} must be an inspector or brigade lead of the unit this alert is routed to`]);
    }
    return { id: u.id, username: u.username };
  }
}
