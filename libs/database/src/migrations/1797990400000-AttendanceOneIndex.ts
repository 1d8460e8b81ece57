import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * attendance keeps one B-tree instead of two (issue 17, docs/decisions/
 * attendance-one-index.md): the primary key becomes (project_code, period, id_hash) and
 * the (period, project_code) index goes. Every read of attendance names its projects
 * (a scan shard's range and list, the previous month's firing projects, one project's
 * page) and a period or none, which the new key serves exactly; a province's first
 * load then writes one index per row, not two (≈ 30 % of the database's time for the
 * rows). The constraint keeps its name (TypeORM's name is built from the sorted column
 * names). Rebuilding the key of a big table holds its lock for the build: a deployment
 * runs this between imports.
 */
export class AttendanceOneIndex1797990400000 implements MigrationInterface {
  name = 'AttendanceOneIndex1797990400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "PK_8e23c95654e562aef44744086e4"`);
    await queryRunner.query(`ALTER TABLE "attendance" ADD CONSTRAINT "PK_8e23c95654e562aef44744086e4" PRIMARY KEY ("project_code", "period", "id_hash")`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8d01cb994df7f91093bfc94ae0"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_8d01cb994df7f91093bfc94ae0" ON "attendance" ("period", "project_code")`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "PK_8e23c95654e562aef44744086e4"`);
    await queryRunner.query(`ALTER TABLE "attendance" ADD CONSTRAINT "PK_8e23c95654e562aef44744086e4" PRIMARY KEY ("project_code", "id_hash", "period")`);
  }
}
