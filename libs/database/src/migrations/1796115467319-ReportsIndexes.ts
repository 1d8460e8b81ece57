import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportsIndexes1796115467319 implements MigrationInterface {
  name = 'ReportsIndexes1796115467319';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_88b80d93c6a55ebeb24c06d375" ON "alert_events"  ("action", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_6f7a41dc47a491a24055d7be5d" ON "alerts"  ("first_seen_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_6f7a41dc47a491a24055d7be5d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_88b80d93c6a55ebeb24c06d375"`);
  }
}
