import { MigrationInterface, QueryRunner } from 'typeorm';

const RANK = `(CASE "severity" WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END)`;
const ORDER = `${RANK}, "queue_risk" DESC, "shortfall_fen" DESC, "first_seen_at", "id"`;
const FILTERS = `"unit_code", "project_code", "rule", "period", "severity", "overdue", "assignee_user_id", "suppressed_until", "region_code"`;

/**
 * Issue 17, the list at 100k open alerts: `regionCode` filters on the project's region,
 * so a region page joined projects for every alert it walked (6.7–8.3 ms of PostgreSQL
 * CPU per page, the dearest filter). The database now copies the project's region to
 * `alerts.region_code`, as it copies the risk score to queue_risk (AlertQueueRank), and
 * by the same reasoning: triggers, so no writer of projects or alerts can leave the copy
 * behind. A new alert takes its project's region (NULL without a project row, as the
 * LEFT JOIN gave); a project inserted, deleted, renamed or moved to another region
 * rewrites its alerts' copy, only where it differs, in one statement per writing
 * statement (transition tables). Every trigger function plans with force_custom_plan
 * (docs/decisions/queue-risk-copy-plans.md). The copy does not touch `version` or
 * `updated_at`: it is not an edit. Separate triggers from queue_risk's.
 *
 * Indexes (docs/decisions/alert-list-region-copy.md):
 * - `IDX_alerts_queue_region (status, left(region_code, 4), queue order…)`: a city's
 *   (4-digit prefix) alerts in queue order, so a region page and its exact count walk
 *   only that city's entries, as IDX_alerts_queue_rule does for a rule. A county
 *   (5–6 digits) walks its city's entries, checking region_code on the index. Partial
 *   (`region_code IS NOT NULL`, implied only by a region filter) for the reason given in
 *   AlertQueueRuleIndex: no unfiltered page may pick it.
 * - IDX_alerts_queue_rank gets region_code in its INCLUDE, so a 2–3 digit prefix (a
 *   province: nearly every alert) is still checked on the index alone.
 */
export class AlertRegionCopy1797970000000 implements MigrationInterface {
  name = 'AlertRegionCopy1797970000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alerts" ADD "region_code" character(6)`);
    await queryRunner.query(`UPDATE "alerts" a SET "region_code" = p."region_code" FROM "projects" p WHERE p."project_code" = a."project_code"`);
    // Planned for its own project on every run (docs/decisions/queue-risk-copy-plans.md: a
    // generic plan cached over an empty projects table is a sequential scan for good).
    await queryRunner.query(`CREATE FUNCTION "alerts_take_region"() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        NEW.region_code := (SELECT region_code FROM projects WHERE project_code = NEW.project_code);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "alerts_take_region" BEFORE INSERT OR UPDATE OF "project_code" ON "alerts" FOR EACH ROW EXECUTE FUNCTION "alerts_take_region"()`,
    );
    // From projects: one UPDATE of alerts per writing statement, from its transition
    // table (an import of 10k projects is one statement, not 10k), planned for the rows it
    // has. Transition tables take one event per trigger and no column list.
    await queryRunner.query(`CREATE FUNCTION "projects_added_to_alerts"() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        UPDATE alerts a SET region_code = n.region_code
          FROM projects_added n
         WHERE a.project_code = n.project_code AND a.region_code IS DISTINCT FROM n.region_code;
        RETURN NULL;
      END $$`);
    // Only projects whose code or region changed reach alerts: an import re-upserting
    // unchanged projects costs one anti-join of its own rows.
    await queryRunner.query(`CREATE FUNCTION "projects_moved_to_alerts"() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        UPDATE alerts a SET region_code = NULL
          FROM projects_before o
         WHERE a.project_code = o.project_code AND a.region_code IS NOT NULL
           AND NOT EXISTS (SELECT FROM projects_after n WHERE n.project_code = o.project_code);
        UPDATE alerts a SET region_code = n.region_code
          FROM projects_after n
         WHERE a.project_code = n.project_code AND a.region_code IS DISTINCT FROM n.region_code
           AND NOT EXISTS (SELECT FROM projects_before o WHERE o.project_code = n.project_code AND o.region_code = n.region_code);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "projects_gone_from_alerts"() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        UPDATE alerts a SET region_code = NULL
          FROM projects_gone o
         WHERE a.project_code = o.project_code AND a.region_code IS NOT NULL;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "projects_added_to_alerts" AFTER INSERT ON "projects"
         REFERENCING NEW TABLE AS projects_added FOR EACH STATEMENT EXECUTE FUNCTION "projects_added_to_alerts"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "projects_moved_to_alerts" AFTER UPDATE ON "projects"
         REFERENCING OLD TABLE AS projects_before NEW TABLE AS projects_after FOR EACH STATEMENT EXECUTE FUNCTION "projects_moved_to_alerts"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "projects_gone_from_alerts" AFTER DELETE ON "projects"
         REFERENCING OLD TABLE AS projects_gone FOR EACH STATEMENT EXECUTE FUNCTION "projects_gone_from_alerts"()`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_alerts_queue_rank"`);
    await queryRunner.query(`CREATE INDEX "IDX_alerts_queue_rank" ON "alerts" ("status", ${ORDER}) INCLUDE (${FILTERS})`);
    await queryRunner.query(
      `CREATE INDEX "IDX_alerts_queue_region" ON "alerts" ("status", left("region_code", 4), ${ORDER}) INCLUDE (${FILTERS})
         WHERE "region_code" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_alerts_queue_region"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_alerts_queue_rank"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_alerts_queue_rank" ON "alerts" ("status", ${ORDER})
         INCLUDE ("unit_code", "project_code", "rule", "period", "severity", "overdue", "assignee_user_id", "suppressed_until")`,
    );
    for (const name of ['projects_gone_from_alerts', 'projects_moved_to_alerts', 'projects_added_to_alerts']) {
      await queryRunner.query(`DROP TRIGGER "${name}" ON "projects"`);
      await queryRunner.query(`DROP FUNCTION "${name}"()`);
    }
    await queryRunner.query(`DROP TRIGGER "alerts_take_region" ON "alerts"`);
    await queryRunner.query(`DROP FUNCTION "alerts_take_region"()`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "region_code"`);
  }
}
