import { MigrationInterface, QueryRunner } from 'typeorm';

export class NoticesSchema1795318890176 implements MigrationInterface {
  name = 'NoticesSchema1795318890176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notice_items" ("id" BIGSERIAL NOT NULL, "notice_id" bigint NOT NULL, "alert_id" bigint NOT NULL, "project_code" character varying(64) NOT NULL, "rule" character varying(40) NOT NULL, "severity" character varying(8) NOT NULL, "evidence" jsonb NOT NULL DEFAULT '{}', "requested_action" text NOT NULL, "outcome" text, CONSTRAINT "PK_eeb509b2c6c9d1a2bf430fd97d1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e76934ce67609004c6fadee4c5" ON "notice_items"  ("alert_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_dd69dee3795931f439451896f1" ON "notice_items"  ("notice_id", "alert_id") `);
    await queryRunner.query(`CREATE TABLE "notice_sequences" ("bureau_code" character varying(64) NOT NULL, "year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_6bbb5d46c31ba9697aab32c499c" PRIMARY KEY ("bureau_code", "year"))`);
    await queryRunner.query(`CREATE TABLE "notices" ("id" BIGSERIAL NOT NULL, "bureau_code" character varying(64) NOT NULL, "number" character varying(32) NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "issued_on" date NOT NULL, "issuer_name" text NOT NULL, "reply_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'sent', "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" character varying(64), "acknowledged_by_name" character varying(128), "replied_at" TIMESTAMP WITH TIME ZONE, "replied_by" character varying(64), "replied_by_name" character varying(128), "reply_text" text, "reminder_sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ad281ce32dc28c09eacc2abe55" ON "notices"  ("status", "reply_due_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8609dbb65e69c5134e6488eb06" ON "notices"  ("bureau_code", "year", "seq") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1d385cec4012da429a3028eda5" ON "notices"  ("bureau_code", "issued_on") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_1d385cec4012da429a3028eda5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8609dbb65e69c5134e6488eb06"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ad281ce32dc28c09eacc2abe55"`);
    await queryRunner.query(`DROP TABLE "notices"`);
    await queryRunner.query(`DROP TABLE "notice_sequences"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dd69dee3795931f439451896f1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e76934ce67609004c6fadee4c5"`);
    await queryRunner.query(`DROP TABLE "notice_items"`);
  }
}
