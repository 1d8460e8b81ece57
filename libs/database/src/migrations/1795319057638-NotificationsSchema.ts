import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsSchema1795319057638 implements MigrationInterface {
  name = 'NotificationsSchema1795319057638';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "routing_overrides" ("id" SERIAL NOT NULL, "position" integer NOT NULL, "region_prefix" character varying(6), "industry" character varying(16), "rule" character varying(40), "min_severity" character varying(8), "unit_code" character varying(64) NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "note" text, "updated_by" character varying(128), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_271e6a86721c72c1a8e2529acbb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3a364f3955644bd5a2fbc4ad56" ON "routing_overrides"  ("position") `);
    await queryRunner.query(`CREATE TABLE "notifications" ("id" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "alert_id" bigint, "notice_id" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_b5c507a714f85109572c2c0f48" ON "notifications"  ("user_id") WHERE "read_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_310667f935698fcd8cb319113a" ON "notifications"  ("user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "outbox_messages" ("id" BIGSERIAL NOT NULL, "receiver_type" character varying(8) NOT NULL, "receiver_code" character varying(64) NOT NULL, "event" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "body" text NOT NULL, "dedupe_key" character varying(200), "status" character varying(12) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "last_status_code" integer, "replays" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_592113dbdc26ec3d5e1596db17f" UNIQUE ("dedupe_key"), CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_619e9741bb7812292f54d1670a" ON "outbox_messages"  ("status", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_390f568ff8d266e1e36b8a5de3" ON "outbox_messages"  ("next_attempt_at") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE TABLE "webhook_secrets" ("receiver_type" character varying(8) NOT NULL, "receiver_code" character varying(64) NOT NULL, "secret_enc" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c0a3c797e6713e30b4694ede3aa" PRIMARY KEY ("receiver_type", "receiver_code"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_secrets"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_390f568ff8d266e1e36b8a5de3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_619e9741bb7812292f54d1670a"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_310667f935698fcd8cb319113a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b5c507a714f85109572c2c0f48"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3a364f3955644bd5a2fbc4ad56"`);
    await queryRunner.query(`DROP TABLE "routing_overrides"`);
  }
}
