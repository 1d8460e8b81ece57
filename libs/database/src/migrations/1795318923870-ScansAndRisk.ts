import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScansAndRisk1795318923870 implements MigrationInterface {
  name = 'ScansAndRisk1795318923870';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "project_risk" ("project_code" character varying(64) NOT NULL, "risk_level" character varying(8), "risk_score" integer NOT NULL DEFAULT '0', "shortfall_fen" bigint NOT NULL DEFAULT '0', "open_alerts" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b85a35ffc0f10e4f90377ed22f8" PRIMARY KEY ("project_code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_af82c2717063446a1f3bf63cbc" ON "project_risk"  ("risk_score") `);
    await queryRunner.query(`CREATE TABLE "scan_findings" ("id" BIGSERIAL NOT NULL, "scan_id" bigint NOT NULL, "shard" integer NOT NULL, "fingerprint" character varying(200) NOT NULL, "project_code" character varying(64) NOT NULL, "rule" character varying(40) NOT NULL, "period" date, "severity" character varying(8) NOT NULL, "joint" boolean NOT NULL, "evidence" jsonb NOT NULL, "thresholds" jsonb NOT NULL, "rule_version" integer NOT NULL, "profile_code" character varying(64), "profile_version" integer, "shortfall_fen" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_afa9823e4fb6423e484c58b1aca" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ee3a7db0900b0836c1fdd7f33a" ON "scan_findings"  ("scan_id", "fingerprint") `);
    await queryRunner.query(`CREATE INDEX "IDX_cd42aff89cfbc047df59d6c0b1" ON "scan_findings"  ("scan_id", "shard") `);
    await queryRunner.query(`CREATE TABLE "scan_skips" ("id" BIGSERIAL NOT NULL, "scan_id" bigint NOT NULL, "shard" integer NOT NULL, "project_code" character varying(64) NOT NULL, "rule" character varying(40) NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_ba0179e24d32ed6a62b1ecaa3fa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4ba8ba6f3b96969e809e76003d" ON "scan_skips"  ("scan_id", "shard") `);
    await queryRunner.query(`CREATE TABLE "scans" ("id" BIGSERIAL NOT NULL, "as_of" date NOT NULL, "period" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "trigger" character varying(16) NOT NULL, "requested_by" character varying(128), "shard_count" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "duration_ms" integer, "projects_scanned" integer NOT NULL DEFAULT '0', "alerts_raised" integer NOT NULL DEFAULT '0', "alerts_updated" integer NOT NULL DEFAULT '0', "alerts_cleared" integer NOT NULL DEFAULT '0', "by_rule" jsonb NOT NULL DEFAULT '{}', "skipped" jsonb NOT NULL DEFAULT '[]', "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41156c08314b9e541c1cb18c588" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fd5a1474797f39e58fcbdccc48" ON "scans"  ("created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_scans_active_as_of" ON "scans"  ("as_of") WHERE "status" IN ('queued', 'running')`);
    await queryRunner.query(`CREATE TABLE "scan_scopes" ("id" BIGSERIAL NOT NULL, "scan_id" bigint NOT NULL, "shard" integer NOT NULL, "project_code" character varying(64) NOT NULL, "period" date, "rules" text array NOT NULL, CONSTRAINT "PK_45f90eb52aff8237727c331f723" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7457095e13830cddc4fec7a57b" ON "scan_scopes"  ("scan_id", "project_code") `);
    await queryRunner.query(`CREATE INDEX "IDX_e0f6f195755c8c1b637cc01aa8" ON "scan_scopes"  ("scan_id", "shard") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_e0f6f195755c8c1b637cc01aa8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7457095e13830cddc4fec7a57b"`);
    await queryRunner.query(`DROP TABLE "scan_scopes"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_scans_active_as_of"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fd5a1474797f39e58fcbdccc48"`);
    await queryRunner.query(`DROP TABLE "scans"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4ba8ba6f3b96969e809e76003d"`);
    await queryRunner.query(`DROP TABLE "scan_skips"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cd42aff89cfbc047df59d6c0b1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ee3a7db0900b0836c1fdd7f33a"`);
    await queryRunner.query(`DROP TABLE "scan_findings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_af82c2717063446a1f3bf63cbc"`);
    await queryRunner.query(`DROP TABLE "project_risk"`);
  }
}
