import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: a covering index for the alert queue. The list's inner query (ids and sort
 * keys of the matching alerts) and claim-next read every active alert of a status (and
 * unit); with the sort keys and filter columns in the index they can be read by an
 * index-only scan instead of visiting each alert row (evidence and all).
 */
export class AlertQueueOrderIndex1796200000000 implements MigrationInterface {
  name = 'AlertQueueOrderIndex1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_alerts_queue_order" ON "alerts" ("status", "unit_code")
         INCLUDE ("severity", "shortfall_fen", "first_seen_at", "project_code", "rule", "period", "overdue", "assignee_user_id", "suppressed_until")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_alerts_queue_order"`);
  }
}
