import { MigrationInterface, QueryRunner } from 'typeorm';

export class IngestSchema1795319097440 implements MigrationInterface {
  name = 'IngestSchema1795319097440';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "import_changes" ("id" BIGSERIAL NOT NULL, "import_id" bigint NOT NULL, "dataset" character varying(32) NOT NULL, "natural_key" text NOT NULL, "old" jsonb NOT NULL, "new" jsonb NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b405412aeae1d6ead583edfc5c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9774ac4553b9965f3d6773903d" ON "import_changes"  ("dataset", "natural_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_b64646547c6370ae7f8560ab35" ON "import_changes"  ("import_id") `);
    await queryRunner.query(`CREATE TABLE "import_errors" ("id" BIGSERIAL NOT NULL, "import_id" bigint NOT NULL, "row" integer NOT NULL, "column" text NOT NULL, "code" character varying(32) NOT NULL, "message" text NOT NULL, CONSTRAINT "PK_c65e36717920cb27df5578dc5ee" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_60ef92e35410c96c7d495ecf86" ON "import_errors"  ("import_id", "id") `);
    await queryRunner.query(`CREATE TABLE "imports" ("id" BIGSERIAL NOT NULL, "dataset" character varying(32) NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'queued', "atomic" boolean NOT NULL DEFAULT false, "file_path" text NOT NULL, "file_name" text NOT NULL, "file_size" bigint NOT NULL, "file_format" character varying(8) NOT NULL, "submitted_by_kind" character varying(16) NOT NULL, "submitted_by_id" character varying(64) NOT NULL, "submitted_by_name" text NOT NULL, "rows_total" integer, "rows_processed" integer NOT NULL DEFAULT '0', "rows_accepted" integer NOT NULL DEFAULT '0', "rows_rejected" integer NOT NULL DEFAULT '0', "warnings" jsonb NOT NULL DEFAULT '[]', "error_message" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_72cee221044e302f5a3179814b" ON "imports"  ("submitted_by_kind", "submitted_by_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "workers" ADD "bank_card_hash" bytea`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workers" DROP COLUMN "bank_card_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_72cee221044e302f5a3179814b"`);
    await queryRunner.query(`DROP TABLE "imports"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_60ef92e35410c96c7d495ecf86"`);
    await queryRunner.query(`DROP TABLE "import_errors"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b64646547c6370ae7f8560ab35"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9774ac4553b9965f3d6773903d"`);
    await queryRunner.query(`DROP TABLE "import_changes"`);
  }
}
