import { MigrationInterface, QueryRunner } from 'typeorm';

/** A timestamptz as JavaScript's Date.toJSON() writes it: what the detail view writes for the same column. */
const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Issue 17, the list under 50 clients: PostgreSQL wrote every item of every page anew
 * (json_build_object of 22 fields, the evidence and thresholds printed from jsonb, five
 * timestamps through to_char, the project's name and the assignee's username joined in),
 * the largest part of a page's CPU. An item changes only when its alert, its project's
 * name or its assignee's username does, so the database now keeps each alert's item,
 * written by a trigger from the same fields, as `alerts.list_item`, and a page copies 50
 * of them (docs/decisions/alert-list-stored-items.md).
 *
 * - `alerts_write_list_item`, BEFORE INSERT OR UPDATE of an alert, for every column (any
 *   of them may be in the item, and a statement writing list_item itself gets it
 *   rewritten), named to fire after the other BEFORE triggers (alphabetical), which may
 *   still change the row: the item, field for field what the detail view's toAlertItem()
 *   gives (test/alerts-read.e2e-spec.ts compares every field). A change of the list's
 *   fields is a new migration replacing this function and rewriting the items.
 * - A project inserted, renamed, re-coded or deleted rewrites its alerts' items, one
 *   statement per writing statement (transition tables, as AlertRegionCopy); an import
 *   re-upserting unchanged projects costs one anti-join of its own rows.
 * - A user renamed or deleted rewrites the items of the alerts assigned to them (alerts
 *   keep the assignee's id without a foreign key; the detail then shows no username).
 * The rewrites set list_item to NULL, which the alert trigger turns into the item again.
 */
export class AlertListItem1797990500000 implements MigrationInterface {
  name = 'AlertListItem1797990500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // PL/pgSQL, so each session plans these statements once (an SQL function called per
    // row would be planned anew on every call).
    await queryRunner.query(`CREATE FUNCTION "alerts_write_list_item"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        project_name text;
        assignee_username text;
      BEGIN
        -- An update that changes none of the item's fields (the risk or region copies, a
        -- touch of updated_at) keeps the item it has, unless the statement wrote the item.
        IF TG_OP = 'UPDATE' AND NEW.list_item IS NOT NULL AND NEW.list_item::text = OLD.list_item::text
           AND (NEW.id, NEW.project_code, NEW.rule, NEW.severity, NEW.status, NEW.period, NEW.evidence, NEW.thresholds, NEW.unit_code,
                NEW.assignee_user_id, NEW.first_seen_at, NEW.last_seen_at, NEW.due_at, NEW.escalation_level, NEW.cleared_at, NEW.resolution,
                NEW.suppressed_until, NEW.overdue, NEW.recovered_fen, NEW.workers_paid, NEW.condition_present)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.project_code, OLD.rule, OLD.severity, OLD.status, OLD.period, OLD.evidence, OLD.thresholds, OLD.unit_code,
                OLD.assignee_user_id, OLD.first_seen_at, OLD.last_seen_at, OLD.due_at, OLD.escalation_level, OLD.cleared_at, OLD.resolution,
                OLD.suppressed_until, OLD.overdue, OLD.recovered_fen, OLD.workers_paid, OLD.condition_present) THEN
          RETURN NEW;
        END IF;
        SELECT p.name INTO project_name FROM projects p WHERE p.project_code = NEW.project_code;
        IF NEW.assignee_user_id IS NOT NULL THEN
          SELECT u.username INTO assignee_username FROM users u WHERE u.id = NEW.assignee_user_id;
        END IF;
        NEW.list_item := json_build_object(
          'id', NEW.id, 'projectCode', NEW.project_code, 'projectName', project_name,
          'rule', NEW.rule, 'severity', NEW.severity, 'status', NEW.status,
          'period', to_char(NEW.period, 'YYYY-MM'), 'evidence', NEW.evidence, 'thresholds', NEW.thresholds, 'unitCode', NEW.unit_code,
          'assignee', CASE WHEN NEW.assignee_user_id IS NOT NULL THEN json_build_object('id', NEW.assignee_user_id, 'username', assignee_username) END,
          'firstSeenAt', ${iso('NEW.first_seen_at')}, 'lastSeenAt', ${iso('NEW.last_seen_at')}, 'dueAt', ${iso('NEW.due_at')},
          'escalationLevel', NEW.escalation_level, 'clearedAt', ${iso('NEW.cleared_at')}, 'resolution', NEW.resolution,
          'suppressedUntil', to_char(NEW.suppressed_until, 'YYYY-MM-DD'), 'overdue', NEW.overdue,
          'recoveredAmount', CASE WHEN NEW.recovered_fen IS NOT NULL THEN CASE WHEN NEW.recovered_fen < 0 THEN '-' ELSE '' END
            || (abs(NEW.recovered_fen) / 100)::text || '.' || lpad((abs(NEW.recovered_fen) % 100)::text, 2, '0') END,
          'workersPaid', NEW.workers_paid, 'conditionStillPresent', CASE WHEN NEW.status = 'resolved' THEN NEW.condition_present END);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "alerts_write_list_item" BEFORE INSERT OR UPDATE ON "alerts" FOR EACH ROW EXECUTE FUNCTION "alerts_write_list_item"()`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "list_item" json`);
    // The trigger writes every existing alert's item.
    await queryRunner.query(`UPDATE "alerts" SET "list_item" = NULL`);
    await queryRunner.query(`ALTER TABLE "alerts" ALTER "list_item" SET NOT NULL`);
    // Every row got a new version above: rebuilt, the indexes are as compact as before it.
    await queryRunner.query(`REINDEX TABLE "alerts"`);
    await queryRunner.query(`CREATE FUNCTION "projects_added_to_list_items"() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        UPDATE alerts a SET list_item = NULL FROM projects_added n WHERE a.project_code = n.project_code;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "projects_renamed_in_list_items"() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        UPDATE alerts a SET list_item = NULL
          FROM projects_after n
         WHERE a.project_code = n.project_code
           AND NOT EXISTS (SELECT FROM projects_before o WHERE o.project_code = n.project_code AND o.name IS NOT DISTINCT FROM n.name);
        UPDATE alerts a SET list_item = NULL
          FROM projects_before o
         WHERE a.project_code = o.project_code AND NOT EXISTS (SELECT FROM projects_after n WHERE n.project_code = o.project_code);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "projects_gone_from_list_items"() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        UPDATE alerts a SET list_item = NULL FROM projects_gone o WHERE a.project_code = o.project_code;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "projects_added_to_list_items" AFTER INSERT ON "projects" REFERENCING NEW TABLE AS projects_added FOR EACH STATEMENT EXECUTE FUNCTION "projects_added_to_list_items"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "projects_renamed_in_list_items" AFTER UPDATE ON "projects" REFERENCING OLD TABLE AS projects_before NEW TABLE AS projects_after FOR EACH STATEMENT EXECUTE FUNCTION "projects_renamed_in_list_items"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "projects_gone_from_list_items" AFTER DELETE ON "projects" REFERENCING OLD TABLE AS projects_gone FOR EACH STATEMENT EXECUTE FUNCTION "projects_gone_from_list_items"()`,
    );
    await queryRunner.query(`CREATE FUNCTION "users_renamed_in_list_items"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE alerts SET list_item = NULL WHERE assignee_user_id = OLD.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "users_renamed_in_list_items" AFTER UPDATE OF "username" ON "users" FOR EACH ROW
         WHEN (OLD.username IS DISTINCT FROM NEW.username) EXECUTE FUNCTION "users_renamed_in_list_items"()`,
    );
    await queryRunner.query(`CREATE TRIGGER "users_gone_from_list_items" AFTER DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION "users_renamed_in_list_items"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "users_gone_from_list_items" ON "users"`);
    await queryRunner.query(`DROP TRIGGER "users_renamed_in_list_items" ON "users"`);
    await queryRunner.query(`DROP FUNCTION "users_renamed_in_list_items"()`);
    for (const name of ['projects_added_to_list_items', 'projects_renamed_in_list_items', 'projects_gone_from_list_items']) {
      await queryRunner.query(`DROP TRIGGER "${name}" ON "projects"`);
      await queryRunner.query(`DROP FUNCTION "${name}"()`);
    }
    await queryRunner.query(`DROP TRIGGER "alerts_write_list_item" ON "alerts"`);
    await queryRunner.query(`DROP FUNCTION "alerts_write_list_item"()`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "list_item"`);
  }
}
