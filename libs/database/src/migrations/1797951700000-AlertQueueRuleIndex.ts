import { MigrationInterface, QueryRunner } from 'typeorm';

const RANK = `(CASE "severity" WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END)`;
const ORDER = `${RANK}, "queue_risk" DESC, "shortfall_fen" DESC, "first_seen_at", "id"`;

/**
 * Issue 17, the list at 100k open alerts: a page filtered by rule walked
 * IDX_alerts_queue_rank (status, queue order) and skipped every other rule's alerts —
 * the whole index for its exact count (a rule has at most a few thousand open alerts, so
 * its total is exact, docs/decisions/alert-list-large-totals.md) and again for a deep or
 * empty page: 30 ms of PostgreSQL CPU per page. The same order after (status, rule)
 * walks only that rule's alerts: 4–6 ms (docs/decisions/alert-list-page-boundaries.md).
 * The same columns as IDX_alerts_queue_rank, so it makes no update less HOT than before.
 *
 * `WHERE rule IS NOT NULL` holds for every row (rule is NOT NULL), but PostgreSQL uses a
 * partial index only for a query whose conditions imply its predicate, and only a rule
 * filter (`rule = $n`, strict) does. Without it, the planner took this index, smaller than
 * a queue_rank index bloated by a scan's risk update, for an unfiltered deep page too, and
 * sorted all 100k entries instead of walking them in order (custom plans, 117 → 315 ms).
 */
export class AlertQueueRuleIndex1797951700000 implements MigrationInterface {
  name = 'AlertQueueRuleIndex1797951700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_alerts_queue_rule" ON "alerts" ("status", "rule", ${ORDER})
         INCLUDE ("unit_code", "project_code", "period", "severity", "overdue", "assignee_user_id", "suppressed_until")
         WHERE "rule" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_alerts_queue_rule"`);
  }
}
