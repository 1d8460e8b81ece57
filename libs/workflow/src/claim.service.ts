import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_STATUSES_SQL, AlertStatus, appendAlertEvents, QUEUE_ORDER_SQL } from '@wage/alerts';
import { Principal } from '@wage/auth';
import { shanghaiDate } from '@wage/calendar';
import { DataSource } from 'typeorm';
import { Clock } from './clock';

/**
 * "Claim next": the highest-priority unassigned, active, unsuppressed alert of the
 * caller's own unit becomes theirs. `FOR UPDATE SKIP LOCKED` makes concurrent claims
 * take different rows instead of waiting for (and then colliding on) the same one.
 */
@Injectable()
export class ClaimService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async claimNext(principal: Principal): Promise<number | null> {
    if (principal.kind !== 'user' || !principal.unitCode) return null;
    const today = shanghaiDate(this.clock.now());
    return this.dataSource.transaction(async (m) => {
      const [next]: Array<{ id: number; status: AlertStatus }> = await m.query(
        // The conditions spell out the predicate of the partial index IDX_alerts_claim_order
        // (the statuses as literals, so the planner can prove it), whose order is the queue's:
        // the statement reads the unit's first unassigned alerts instead of sorting them all.
        `SELECT a.id, a.status FROM alerts a
          WHERE a.unit_code = $1 AND a.assignee_user_id IS NULL AND a.status IN ${ACTIVE_STATUSES_SQL}
            AND (a.suppressed_until IS NULL OR a.suppressed_until < $2::date)
          ORDER BY ${QUEUE_ORDER_SQL} LIMIT 1 FOR UPDATE OF a SKIP LOCKED`,
        [principal.unitCode, today],
      );
      if (!next) return null;
      await m.query(`UPDATE alerts SET assignee_user_id = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [
        next.id,
        principal.id,
      ]);
      await appendAlertEvents(m, [
        {
          alertId: next.id,
          at: this.clock.now(),
          actorKind: 'user',
          actorId: principal.id,
          actorName: principal.name,
          action: 'assign',
          fromStatus: next.status,
          toStatus: next.status,
          note: 'claimed (claim-next)',
          data: { fromUserId: null, toUserId: principal.id, claimed: true },
        },
      ]);
      return next.id;
    });
  }
}
