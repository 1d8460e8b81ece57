import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, the list under 50 clients: a page's items are mostly each alert's evidence
 * and thresholds, stored as `jsonb`, which PostgreSQL prints back to text for every item
 * of every page (≈ 8 µs an item, a third of writing the item). `evidence_json` and
 * `thresholds_json` hold the same documents as `json`, i.e. as text, which the item's
 * json_build_object copies as it is. A trigger keeps them, as the region and risk copies
 * are kept (AlertRegionCopy), so no writer of alerts can leave them behind; the jsonb
 * columns stay the truth that rules, reports and the detail read
 * (docs/decisions/alert-list-json-copies.md).
 */
export class AlertJsonCopies1797990500000 implements MigrationInterface {
  name = 'AlertJsonCopies1797990500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Filled as generated columns, then made plain ones: adding a stored generated column
    // rewrites the table and rebuilds its indexes, compact; an UPDATE of every row would
    // leave every index of a large alerts table twice its size (each row a new version).
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD "evidence_json" json GENERATED ALWAYS AS ("evidence"::json) STORED, ADD "thresholds_json" json GENERATED ALWAYS AS ("thresholds"::json) STORED`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ALTER "evidence_json" DROP EXPRESSION, ALTER "thresholds_json" DROP EXPRESSION,
         ALTER "evidence_json" SET DEFAULT '{}', ALTER "thresholds_json" SET DEFAULT '{}', ALTER "evidence_json" SET NOT NULL, ALTER "thresholds_json" SET NOT NULL`,
    );
    await queryRunner.query(`CREATE FUNCTION "alerts_copy_json"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.evidence_json := NEW.evidence::json;
        NEW.thresholds_json := NEW.thresholds::json;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "alerts_copy_json" BEFORE INSERT OR UPDATE OF "evidence", "thresholds", "evidence_json", "thresholds_json" ON "alerts" FOR EACH ROW EXECUTE FUNCTION "alerts_copy_json"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "alerts_copy_json" ON "alerts"`);
    await queryRunner.query(`DROP FUNCTION "alerts_copy_json"()`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "thresholds_json", DROP COLUMN "evidence_json"`);
  }
}
