import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports read an alert untouched since a date as "in the same status and unit
 * ever since" (libs/reports alert-stock-figures.ts, docs/decisions/
 * reports-snapshot-parallel-reads.md). Every writer sets `updated_at` today; the
 * database makes it a guarantee, so that a raw fix or a new writer that forgets cannot
 * make a report wrong: a change of status or unit always moves `updated_at` forward.
 */
export class AlertsTouchOnMove1797700000000 implements MigrationInterface {
  name = 'AlertsTouchOnMove1797700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "alerts_touch_on_move"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := greatest(NEW.updated_at, now());
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "alerts_touch_on_move" BEFORE UPDATE OF "status", "unit_code" ON "alerts" FOR EACH ROW
         WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.unit_code IS DISTINCT FROM NEW.unit_code)
         EXECUTE FUNCTION "alerts_touch_on_move"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "alerts_touch_on_move" ON "alerts"`);
    await queryRunner.query(`DROP FUNCTION "alerts_touch_on_move"()`);
  }
}
