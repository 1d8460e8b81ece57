import { MigrationInterface, QueryRunner } from 'typeorm';

export class DatasetsSchema1795317912331 implements MigrationInterface {
  name = 'DatasetsSchema1795317912331';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "attendance" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "project_code" character varying(64) NOT NULL, "id_hash" bytea NOT NULL, "period" date NOT NULL, "id_enc" bytea NOT NULL, "id_masked" character varying(18) NOT NULL, "days_worked" smallint NOT NULL, CONSTRAINT "PK_8e23c95654e562aef44744086e4" PRIMARY KEY ("project_code", "id_hash", "period"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8d01cb994df7f91093bfc94ae0" ON "attendance"  ("period", "project_code") `);
    await queryRunner.query(`CREATE TABLE "clues" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "clue_id" character varying(64) NOT NULL, "received_on" date NOT NULL, "source" character varying(20) NOT NULL, "region_code" character(6) NOT NULL, "project_code" character varying(64), "employer_uscc" character(18), "workers_involved" integer NOT NULL, "amount_claimed_fen" bigint, "summary" text, CONSTRAINT "PK_ef3ef61273ca6836d789e5307d7" PRIMARY KEY ("clue_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f76daab336ca3bad58e738faaa" ON "clues"  ("project_code", "received_on") `);
    await queryRunner.query(`CREATE TABLE "deposits" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "id" BIGSERIAL NOT NULL, "project_code" character varying(64) NOT NULL, "contractor_uscc" character(18) NOT NULL, "form" character varying(16) NOT NULL, "amount_fen" bigint NOT NULL, "valid_from" date NOT NULL, "valid_until" date, CONSTRAINT "PK_f49ba0cd446eaf7abb4953385d9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_798be17a7fd67909aea673e12e" ON "deposits"  ("project_code", "contractor_uscc", "valid_from") `);
    await queryRunner.query(`CREATE TABLE "enterprises" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "uscc" character(18) NOT NULL, "name" text NOT NULL DEFAULT '', "region_code" character(6), CONSTRAINT "PK_742db30f179e2f58eff84b117ab" PRIMARY KEY ("uscc"))`);
    await queryRunner.query(`CREATE TABLE "industry_bureaus" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "bureau_code" character varying(64) NOT NULL, "name" text NOT NULL, "region_code" character(6) NOT NULL, "industries" text array NOT NULL, "webhook_url" text, CONSTRAINT "PK_949b40d2a076f780b472d61a582" PRIMARY KEY ("bureau_code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d3ce9905b913f6da4bac3ae7ac" ON "industry_bureaus"  ("region_code") `);
    await queryRunner.query(`CREATE TABLE "inspection_units" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "unit_code" character varying(64) NOT NULL, "name" text NOT NULL, "kind" character varying(8) NOT NULL, "region_code" character(6) NOT NULL, "street_codes" text array NOT NULL DEFAULT '{}', "parent_unit_code" character varying(64), "webhook_url" text, CONSTRAINT "PK_c96ae027e1f2e20a338d137cfbc" PRIMARY KEY ("unit_code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4b1267198e93dece57d49f66a9" ON "inspection_units"  ("region_code") `);
    await queryRunner.query(`CREATE TABLE "labor_cost_allocations" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "id" BIGSERIAL NOT NULL, "project_code" character varying(64) NOT NULL, "txn_ref" character varying(64) NOT NULL, "paid_on" date NOT NULL, "amount_fen" bigint NOT NULL, CONSTRAINT "PK_c9cf927933ff6350beda8d82142" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4d244fe9431059e8a853ed6d93" ON "labor_cost_allocations"  ("project_code", "paid_on") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_00b38b4faff59699f73011d6f9" ON "labor_cost_allocations"  ("project_code", "txn_ref") `);
    await queryRunner.query(`CREATE TABLE "payroll" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "project_code" character varying(64) NOT NULL, "id_hash" bytea NOT NULL, "period" date NOT NULL, "id_enc" bytea NOT NULL, "id_masked" character varying(18) NOT NULL, "payable_fen" bigint NOT NULL, "paid_fen" bigint NOT NULL, "paid_on" date, "paid_via" character varying(20) NOT NULL DEFAULT 'dedicated_account', CONSTRAINT "PK_b7e2c20082f8b8b6dcaf0c1ba4f" PRIMARY KEY ("project_code", "id_hash", "period"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4433e014463b4a940aa3f4ca18" ON "payroll"  ("period", "project_code") `);
    await queryRunner.query(`CREATE TABLE "projects" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "project_code" character varying(64) NOT NULL, "name" text NOT NULL, "region_code" character(6) NOT NULL, "street_code" character varying(12), "industry" character varying(16) NOT NULL, "construction_unit_uscc" character(18) NOT NULL, "general_contractor_uscc" character(18) NOT NULL, "contract_amount_fen" bigint NOT NULL, "contract_signed_on" date NOT NULL, "started_on" date, "planned_end_on" date, "status" character varying(16) NOT NULL, "notice_board_posted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_11b19c7d40d07fc1a4e167995e1" PRIMARY KEY ("project_code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a27865a7be17886e3088f4a650" ON "projects"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_39847e7603b39172427c283abb" ON "projects"  ("region_code") `);
    await queryRunner.query(`CREATE TABLE "wage_accounts" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "id" BIGSERIAL NOT NULL, "project_code" character varying(64) NOT NULL, "bank_name" text NOT NULL, "account_number_enc" bytea NOT NULL, "account_number_hash" bytea NOT NULL, "account_number_masked" character varying(32) NOT NULL, "opened_on" date NOT NULL, "filed_on" date, CONSTRAINT "PK_180251795526b0a568608972ac5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_163d3f36a55b99993a4faa95b5" ON "wage_accounts"  ("project_code", "account_number_hash") `);
    await queryRunner.query(`CREATE TABLE "watchlist_entries" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "id" BIGSERIAL NOT NULL, "subject_type" character varying(16) NOT NULL, "subject_key" character varying(64) NOT NULL, "subject_id_enc" bytea, "subject_display" character varying(18) NOT NULL, "list" character varying(32) NOT NULL, "listed_on" date NOT NULL, "expires_on" date, "reason" text, CONSTRAINT "PK_a08544ac22f2ce8f2c20f0aec5c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e2e235d13d518966b195bf4046" ON "watchlist_entries"  ("subject_type", "subject_key", "list") `);
    await queryRunner.query(`CREATE TABLE "workers" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_import_id" bigint, "id" BIGSERIAL NOT NULL, "project_code" character varying(64) NOT NULL, "id_hash" bytea NOT NULL, "id_enc" bytea NOT NULL, "id_masked" character varying(18) NOT NULL, "name" text NOT NULL, "employer_uscc" character(18) NOT NULL, "team_name" text, "team_leader_id_hash" bytea, "team_leader_id_enc" bytea, "team_leader_id_masked" character varying(18), "trade" text, "entered_on" date NOT NULL, "exited_on" date, "contract_signed" boolean NOT NULL DEFAULT false, "bank_card_enc" bytea, "bank_card_masked" character varying(32), CONSTRAINT "PK_e950c9aba3bd84a4f193058d838" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7daef33f32c40b1e8536f84e5c" ON "workers"  ("id_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e3bb629e328f5c57a86d225c83" ON "workers"  ("project_code", "id_hash") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_e3bb629e328f5c57a86d225c83"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7daef33f32c40b1e8536f84e5c"`);
    await queryRunner.query(`DROP TABLE "workers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e2e235d13d518966b195bf4046"`);
    await queryRunner.query(`DROP TABLE "watchlist_entries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_163d3f36a55b99993a4faa95b5"`);
    await queryRunner.query(`DROP TABLE "wage_accounts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_39847e7603b39172427c283abb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a27865a7be17886e3088f4a650"`);
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4433e014463b4a940aa3f4ca18"`);
    await queryRunner.query(`DROP TABLE "payroll"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_00b38b4faff59699f73011d6f9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4d244fe9431059e8a853ed6d93"`);
    await queryRunner.query(`DROP TABLE "labor_cost_allocations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4b1267198e93dece57d49f66a9"`);
    await queryRunner.query(`DROP TABLE "inspection_units"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d3ce9905b913f6da4bac3ae7ac"`);
    await queryRunner.query(`DROP TABLE "industry_bureaus"`);
    await queryRunner.query(`DROP TABLE "enterprises"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_798be17a7fd67909aea673e12e"`);
    await queryRunner.query(`DROP TABLE "deposits"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f76daab336ca3bad58e738faaa"`);
    await queryRunner.query(`DROP TABLE "clues"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8d01cb994df7f91093bfc94ae0"`);
    await queryRunner.query(`DROP TABLE "attendance"`);
  }
}
