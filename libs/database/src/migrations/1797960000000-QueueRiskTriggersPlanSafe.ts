import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue_risk copy (AlertQueueRank1797200000000) without the plan-cache trap.
 *
 * PL/pgSQL caches each statement's plan per connection, and after five runs keeps a
 * generic plan if it looks no dearer than the custom ones. A plan made while
 * project_risk (or alerts) was empty and analysed as empty is a sequential scan that
 * costs nothing; it stays for the connection's life while the table grows, because only
 * new statistics re-plan it, and ANALYZE may not come (autovacuum off, or not yet). Found
 * in bench:scan: a scan's alert upsert took 0.9–2.6 s instead of 0.07 s on a pooled
 * connection that had cached the lookup while project_risk was empty, i.e. one scan of
 * 10,000 project_risk rows for every one of 2,290 alerts (docs/decisions/queue-risk-copy-plans.md).
 *
 *  - A new alert's lookup is planned for its own project every time (force_custom_plan):
 *    about 13 µs more per inserted alert, and always the primary key.
 *  - A changed score reaches the alerts in one statement per writing statement (transition
 *    tables), planned for the rows it has, instead of one UPDATE of alerts per project row.
 */
export class QueueRiskTriggersPlanSafe1797960000000 implements MigrationInterface {
  name = 'QueueRiskTriggersPlanSafe1797960000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION "alerts_take_queue_risk"() SET plan_cache_mode = force_custom_plan`);
    await queryRunner.query(`DROP TRIGGER "project_risk_to_alerts" ON "project_risk"`);
    await queryRunner.query(`DROP FUNCTION "project_risk_to_alerts"()`);
    await queryRunner.query(`CREATE FUNCTION "project_risk_to_alerts"() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        UPDATE alerts a SET queue_risk = c.risk_score
          FROM project_risk_changed c
         WHERE a.project_code = c.project_code AND a.queue_risk <> c.risk_score;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "project_risk_gone_from_alerts"() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        UPDATE alerts a SET queue_risk = 0
          FROM project_risk_gone g
         WHERE a.project_code = g.project_code AND a.queue_risk <> 0;
        RETURN NULL;
      END $$`);
    // Transition tables need one event per trigger, and no column list on UPDATE (the
    // function's `queue_risk <> risk_score` skips rows whose score did not move).
    await queryRunner.query(
      `CREATE TRIGGER "project_risk_inserted_to_alerts" AFTER INSERT ON "project_risk"
         REFERENCING NEW TABLE AS project_risk_changed FOR EACH STATEMENT EXECUTE FUNCTION "project_risk_to_alerts"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "project_risk_updated_to_alerts" AFTER UPDATE ON "project_risk"
         REFERENCING NEW TABLE AS project_risk_changed FOR EACH STATEMENT EXECUTE FUNCTION "project_risk_to_alerts"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "project_risk_deleted_from_alerts" AFTER DELETE ON "project_risk"
         REFERENCING OLD TABLE AS project_risk_gone FOR EACH STATEMENT EXECUTE FUNCTION "project_risk_gone_from_alerts"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "project_risk_deleted_from_alerts" ON "project_risk"`);
    await queryRunner.query(`DROP TRIGGER "project_risk_updated_to_alerts" ON "project_risk"`);
    await queryRunner.query(`DROP TRIGGER "project_risk_inserted_to_alerts" ON "project_risk"`);
    await queryRunner.query(`DROP FUNCTION "project_risk_gone_from_alerts"()`);
    await queryRunner.query(`DROP FUNCTION "project_risk_to_alerts"()`);
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
    await queryRunner.query(`ALTER FUNCTION "alerts_take_queue_risk"() RESET plan_cache_mode`);
  }
}
