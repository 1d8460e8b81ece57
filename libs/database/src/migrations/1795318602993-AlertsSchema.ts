import { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertsSchema1795318602993 implements MigrationInterface {
  name = 'AlertsSchema1795318602993';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "alert_events" ("id" BIGSERIAL NOT NULL, "alert_id" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_kind" character varying(16) NOT NULL, "actor_id" character varying(64), "actor_name" character varying(128), "action" character varying(32) NOT NULL, "from_status" character varying(16), "to_status" character varying(16), "note" text, "data" jsonb, CONSTRAINT "PK_f8dd833a0534d3a01e8d01e3bca" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fa119b58aeb3d09e176d628ad0" ON "alert_events"  ("alert_id", "at") `);
    await queryRunner.query(`CREATE TABLE "alerts" ("id" BIGSERIAL NOT NULL, "fingerprint" character varying(200) NOT NULL, "project_code" character varying(64) NOT NULL, "rule" character varying(40) NOT NULL, "period" date, "severity" character varying(8) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "joint" boolean NOT NULL DEFAULT false, "evidence" jsonb NOT NULL DEFAULT '{}', "thresholds" jsonb NOT NULL DEFAULT '{}', "rule_version" integer NOT NULL, "profile_code" character varying(64), "profile_version" integer, "shortfall_fen" bigint NOT NULL DEFAULT '0', "occurrence_count" integer NOT NULL DEFAULT '1', "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_scan_id" bigint, "last_scan_id" bigint, "cleared_at" TIMESTAMP WITH TIME ZONE, "cleared_by_scan_id" bigint, "clear_reason" text, "resolution" character varying(32), "resolution_note" text, "recovered_fen" bigint, "workers_paid" integer, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" uuid, "unit_code" character varying(64), "routing_reason" text, "assignee_user_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE, "overdue" boolean NOT NULL DEFAULT false, "escalation_level" integer NOT NULL DEFAULT '0', "suppressed_until" date, "suppress_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6c16454aa6820d2d7d4a568907" ON "alerts"  ("rule", "period") `);
    await queryRunner.query(`CREATE INDEX "IDX_0e1908bb86084283728e90f45b" ON "alerts"  ("project_code", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_eb6bf8e9f35f8fe408ba023a80" ON "alerts"  ("status", "unit_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e882cf52bf0ff3759438cd030e" ON "alerts"  ("fingerprint") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_e882cf52bf0ff3759438cd030e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_eb6bf8e9f35f8fe408ba023a80"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0e1908bb86084283728e90f45b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6c16454aa6820d2d7d4a568907"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fa119b58aeb3d09e176d628ad0"`);
    await queryRunner.query(`DROP TABLE "alert_events"`);
  }
}
