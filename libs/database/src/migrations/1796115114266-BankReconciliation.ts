import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The thresholds of the bank reconciliation rules, written literally (this migration
 * must mean the same thing forever). Stored profiles lacking them already ran with
 * these values (the engine fills missing keys from the defaults), so they are added
 * without a version bump: no alert's (profile, version) changes meaning.
 */
const BANK_THRESHOLDS = JSON.stringify({ bankUnverifiedRedShare: 0.2, bankDiversionRedShare: 0.1, bankMatchWindowDays: 3 });
const BANK_KEYS = ['bankUnverifiedRedShare', 'bankDiversionRedShare', 'bankMatchWindowDays'];

export class BankReconciliation1796115114266 implements MigrationInterface {
  name = 'BankReconciliation1796115114266';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "bank_transfers" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "id" BIGSERIAL NOT NULL, "project_code" character varying(64) NOT NULL, "txn_ref" character varying(64) NOT NULL, "account_number_enc" bytea NOT NULL, "account_number_hash" bytea NOT NULL, "account_number_masked" character varying(32) NOT NULL, "transferred_on" date NOT NULL, "payee_id_hash" bytea NOT NULL, "payee_id_enc" bytea NOT NULL, "payee_id_masked" character varying(18) NOT NULL, "payee_name" text, "payee_card_hash" bytea, "payee_card_enc" bytea, "payee_card_masked" character varying(32), "amount_fen" bigint NOT NULL, "period" date, "status" character varying(16) NOT NULL DEFAULT 'succeeded', CONSTRAINT "PK_f8e16aece70460615b4a80d0749" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f9dc7d818cb7880ac3e2f15d14" ON "bank_transfers"  ("project_code", "payee_id_hash") `);
    await queryRunner.query(`CREATE INDEX "IDX_1af8f2e7716ec2f1a010d82c7f" ON "bank_transfers"  ("project_code", "transferred_on") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f1ecc8c0de94ffde6e481d3911" ON "bank_transfers"  ("project_code", "txn_ref") `);
    await queryRunner.query(`ALTER TABLE "scans" ADD "bank_feed_projects" integer NOT NULL DEFAULT '0'`);
    // $1 first: a key a profile already has keeps its value.
    await queryRunner.query(`UPDATE region_profiles SET thresholds = $1::jsonb || thresholds WHERE NOT (thresholds ?& $2::text[])`, [BANK_THRESHOLDS, BANK_KEYS]);
    await queryRunner.query(`UPDATE region_profile_versions SET thresholds = $1::jsonb || thresholds WHERE NOT (thresholds ?& $2::text[])`, [BANK_THRESHOLDS, BANK_KEYS]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE region_profiles SET thresholds = thresholds - $1::text[]`, [BANK_KEYS]);
    await queryRunner.query(`UPDATE region_profile_versions SET thresholds = thresholds - $1::text[]`, [BANK_KEYS]);
    await queryRunner.query(`ALTER TABLE "scans" DROP COLUMN "bank_feed_projects"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f1ecc8c0de94ffde6e481d3911"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1af8f2e7716ec2f1a010d82c7f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f9dc7d818cb7880ac3e2f15d14"`);
    await queryRunner.query(`DROP TABLE "bank_transfers"`);
  }
}
