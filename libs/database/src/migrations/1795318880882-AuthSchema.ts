import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthSchema1795318880882 implements MigrationInterface {
  name = 'AuthSchema1795318880882';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // uuid_generate_v4() below; TypeORM also installs it on connect, this makes the migration self-contained.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await queryRunner.query(`CREATE TABLE "calendar_days" ("date" date NOT NULL, "kind" character varying(8) NOT NULL, "note" text, CONSTRAINT "PK_1c04d56e8833eb6827f104f17e0" PRIMARY KEY ("date"))`);
    await queryRunner.query(`CREATE TABLE "calendar_years" ("year" integer NOT NULL, "provisional" boolean NOT NULL DEFAULT false, "source" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1fed249d26e56ff06bb6dffd8d6" PRIMARY KEY ("year"))`);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" character varying(128) NOT NULL, "key_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "security_events" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "event" character varying(64) NOT NULL, "actor_kind" character varying(16) NOT NULL, "actor_id" character varying(64), "actor_name" character varying(128), "ip" character varying(64), "data" jsonb, CONSTRAINT "PK_6fc100d6700780737348df0d3ae" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8e85c12b43f43e5eabd85651b2" ON "security_events"  ("event", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_b4006ea96267a64ea848aa1106" ON "security_events"  ("at") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "username" character varying(64) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" character varying(32) NOT NULL, "unit_code" character varying(64), "bureau_code" character varying(64), "can_unmask" boolean NOT NULL DEFAULT false, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "region_profile_versions" ("id" BIGSERIAL NOT NULL, "code" character varying(16) NOT NULL, "version" integer NOT NULL, "name" text NOT NULL, "thresholds" jsonb NOT NULL, "changed_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1af6dff2441cb22a499bdf3a107" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_90638459277c7b4e5dd12c8d60" ON "region_profile_versions"  ("code", "version") `);
    await queryRunner.query(`CREATE TABLE "region_profiles" ("code" character varying(16) NOT NULL, "name" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "thresholds" jsonb NOT NULL, "updated_by" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2c0e2c1aa1d18f8e6321f1dc129" PRIMARY KEY ("code"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "region_profiles"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_90638459277c7b4e5dd12c8d60"`);
    await queryRunner.query(`DROP TABLE "region_profile_versions"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b4006ea96267a64ea848aa1106"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8e85c12b43f43e5eabd85651b2"`);
    await queryRunner.query(`DROP TABLE "security_events"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "calendar_years"`);
    await queryRunner.query(`DROP TABLE "calendar_days"`);
  }
}
