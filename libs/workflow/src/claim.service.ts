import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_STATUSES_SQL, INSERT_TIMED_ALERT_EVENTS_SQL, QUEUE_ORDER_SQL } from '@wage/alerts';
import { Principal } from '@wage/auth';
import { shanghaiDate } from '@wage/calendar';
import { DataSource } from 'typeorm';
import { queryPrepared } from '@wage/database';
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
    const now = this.clock.now();
    // One statement, so one round trip and a row lock held only while it runs (it was a
    // transaction of five: BEGIN, SELECT … FOR UPDATE, UPDATE, INSERT, COMMIT; issue 17).
    // The inner SELECT spells out the predicate of the partial index IDX_alerts_claim_order
    // (the statuses as literals, so the planner can prove it), whose order is the queue's:
    // it reads the unit's first unassigned alerts instead of sorting them all. The event
    // is the one appendAlertEvents wrote (status unchanged: an assignment), at the clock's time.
    const rows = await queryPrepared<{ id: number }>(
      this.dataSource,
      `WITH claimed AS (
         UPDATE alerts SET assignee_user_id = $3, updated_at = now(), version = version + 1
          WHERE id = (SELECT a.id FROM alerts a
                       WHERE a.unit_code = $1 AND a.assignee_user_id IS NULL AND a.status IN ${ACTIVE_STATUSES_SQL}
                         AND (a.suppressed_until IS NULL OR a.suppressed_until < $2::date)
                       ORDER BY ${QUEUE_ORDER_SQL} LIMIT 1 FOR UPDATE OF a SKIP LOCKED)
          RETURNING id, status),
       event AS (
         ${INSERT_TIMED_ALERT_EVENTS_SQL}
         SELECT $4::timestamptz, id, 'user', $5::text, $6::text, 'assign', status, status, 'claimed (claim-next)',
                jsonb_build_object('fromUserId', NULL, 'toUserId', $5::text, 'claimed', true)
           FROM claimed)
       SELECT id FROM claimed`,
      [principal.unitCode, shanghaiDate(now), principal.id, now.toISOString(), principal.id, principal.name],
    );
    return rows[0]?.id ?? null;
  }
}
