import { MigrationInterface, QueryRunner } from 'typeorm';

const RANK = `(CASE "severity" WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END)`;
const ORDER = `${RANK}, "queue_risk" DESC, "shortfall_fen" DESC, "first_seen_at", "id"`;

/**
 * Issue 17, the queue at 100k open alerts: an index in the queue order itself, so a page
 * of the list and claim-next walk an index instead of sorting every matching alert
 * joined with project_risk (≈ 1 s at 100k open alerts).
 *
 * The order's second key is the project's risk score, which lives in project_risk. It is
 * copied to `alerts.queue_risk` by the database itself, so that no writer of
 * project_risk or alerts (scan finalize, the workflow, tests, a hand-made fix) can leave
 * it behind: a new alert takes its project's score, a changed score is copied to the
 * project's alerts (only where it differs: no row is rewritten needlessly), a deleted
 * score becomes 0 (the old `coalesce(r.risk_score, 0)`). An alert's project_code never
 * changes. The copy does not touch `version` or `updated_at`: it is not an edit.
 */
export class AlertQueueRank1797200000000 implements MigrationInterface {
  name = 'AlertQueueRank1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alerts" ADD "queue_risk" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `UPDATE "alerts" a SET "queue_risk" = r."risk_score" FROM "project_risk" r WHERE r."project_code" = a."project_code" AND r."risk_score" <> 0`,
    );
    await queryRunner.query(`CREATE FUNCTION "alerts_take_queue_risk"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.queue_risk := coalesce((SELECT risk_score FROM project_risk WHERE project_code = NEW.project_code), 0);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "alerts_take_queue_risk" BEFORE INSERT ON "alerts" FOR EACH ROW EXECUTE FUNCTION "alerts_take_queue_risk"()`,
    );
    await queryRunner.query(`CREATE FUNCTION "project_risk_to_alerts"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          UPDATE alerts SET queue_risk = 0 WHERE project_code = OLD.project_code AND queue_risk <> 0;
          RETURN OLD;
        END IF;
        UPDATE alerts SET queue_risk = NEW.risk_score WHERE project_code = NEW.project_code AND queue_risk <> NEW.risk_score;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "project_risk_to_alerts" AFTER INSERT OR UPDATE OF "risk_score" OR DELETE ON "project_risk"
         FOR EACH ROW EXECUTE FUNCTION "project_risk_to_alerts"()`,
    );
    // The list: status, then the queue order; the filter columns included so a filtered
    // page is still read from the index alone. Replaces IDX_alerts_queue_order.
    await queryRunner.query(`DROP INDEX "public"."IDX_alerts_queue_order"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_alerts_queue_rank" ON "alerts" ("status", ${ORDER})
         INCLUDE ("unit_code", "project_code", "rule", "period", "severity", "overdue", "assignee_user_id", "suppressed_until")`,
    );
    // claim-next: a unit's unassigned active alerts in queue order; the first one not
    // suppressed and not locked by a concurrent claim is the answer.
    await queryRunner.query(
      `CREATE INDEX "IDX_alerts_claim_order" ON "alerts" ("unit_code", ${ORDER}) INCLUDE ("suppressed_until", "status")
         WHERE "assignee_user_id" IS NULL AND "status" IN ('open', 'acknowledged', 'in_progress')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_alerts_claim_order"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_alerts_queue_rank"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_alerts_queue_order" ON "alerts" ("status", "unit_code")
         INCLUDE ("severity", "shortfall_fen", "first_seen_at", "project_code", "rule", "period", "overdue", "assignee_user_id", "suppressed_until")`,
    );
    await queryRunner.query(`DROP TRIGGER "project_risk_to_alerts" ON "project_risk"`);
    await queryRunner.query(`DROP FUNCTION "project_risk_to_alerts"()`);
    await queryRunner.query(`DROP TRIGGER "alerts_take_queue_risk" ON "alerts"`);
    await queryRunner.query(`DROP FUNCTION "alerts_take_queue_risk"()`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "queue_risk"`);
  }
}
