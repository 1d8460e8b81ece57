import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scans ordered by date (alerts.last_as_of: the D of the latest scan that touched the
 * alert), the "condition still present" flag of resolved alerts, and an index for the
 * deadline sweep (active alerts past due_at).
 */
export class AlertScanOrder1796115109495 implements MigrationInterface {
  name = 'AlertScanOrder1796115109495';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alerts" ADD "last_as_of" date`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "condition_present" boolean`);
    await queryRunner.query(`UPDATE "alerts" a SET "last_as_of" = s."as_of" FROM "scans" s WHERE s."id" = a."last_scan_id"`);
    await queryRunner.query(`CREATE INDEX "IDX_8a052d58b4663bdc065c84957a" ON "alerts"  ("status", "due_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_8a052d58b4663bdc065c84957a"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "condition_present"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "last_as_of"`);
  }
}
