import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClueCases1796115113805 implements MigrationInterface {
  name = 'ClueCases1796115113805';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "clue_cases" ("clue_id" character varying(64) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'received', "needs_intake" boolean NOT NULL DEFAULT true, "unit_code" character varying(32), "routing_reason" text, "assignee_user_id" uuid, "accepted_at" TIMESTAMP WITH TIME ZONE, "contacted_at" TIMESTAMP WITH TIME ZONE, "replied_at" TIMESTAMP WITH TIME ZONE, "replied_by" uuid, "outcome" character varying(32), "reply_note" text, "recovered_fen" bigint, "workers_paid" integer, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" uuid, "duplicate_of" character varying(64), "first_review" character varying(16), "first_reviewed_at" TIMESTAMP WITH TIME ZONE, "return_count" integer NOT NULL DEFAULT '0', "extended" boolean NOT NULL DEFAULT false, "extension_reason" text, "accept_due_at" TIMESTAMP WITH TIME ZONE, "contact_due_at" TIMESTAMP WITH TIME ZONE, "reply_due_at" TIMESTAMP WITH TIME ZONE, "review_due_at" TIMESTAMP WITH TIME ZONE, "next_due_at" TIMESTAMP WITH TIME ZONE, "next_step" character varying(16), "escalation_level" integer NOT NULL DEFAULT '0', "escalated_due_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_4ed96d3d9dd414ee66b5485eacf" PRIMARY KEY ("clue_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f515d63b2d0caba0eee01a650f" ON "clue_cases"  ("needs_intake") WHERE "needs_intake"`);
    await queryRunner.query(`CREATE INDEX "IDX_63db247a36f26902907fa82794" ON "clue_cases"  ("next_due_at") WHERE "status" <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "IDX_d3e7d89fea62fc794853d692b1" ON "clue_cases"  ("status", "unit_code") `);
    await queryRunner.query(`CREATE TABLE "clue_events" ("id" BIGSERIAL NOT NULL, "clue_id" character varying(64) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_kind" character varying(16) NOT NULL, "actor_id" character varying(64), "actor_name" character varying(128), "action" character varying(32) NOT NULL, "from_status" character varying(16), "to_status" character varying(16), "note" text, "data" jsonb, CONSTRAINT "PK_38f989ddea9a4d5ff4debc6fd55" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e550c04b2a3e950390e8716799" ON "clue_events"  ("action", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_9773253b35f142fa70b563cebc" ON "clue_events"  ("clue_id", "at") `);

    // clue_events is the case history (clues.md: "every action is an append-only event").
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION clue_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'clue_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER clue_events_no_update_delete BEFORE UPDATE OR DELETE ON clue_events
      FOR EACH ROW EXECUTE FUNCTION clue_events_append_only()`);
    // Every imported clue becomes one case in the import's own transaction (COPY fires it too);
    // re-imports UPDATE the clue and never reach the case. Intake routes it afterwards.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION clue_case_for_new_clue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO clue_cases (clue_id) VALUES (NEW.clue_id) ON CONFLICT (clue_id) DO NOTHING;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER clues_create_case AFTER INSERT ON clues
      FOR EACH ROW EXECUTE FUNCTION clue_case_for_new_clue()`);
    // Clues loaded before this migration get their cases too (intake picks them up).
    await queryRunner.query(`INSERT INTO clue_cases (clue_id) SELECT clue_id FROM clues ON CONFLICT (clue_id) DO NOTHING`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS clues_create_case ON clues');
    await queryRunner.query('DROP FUNCTION IF EXISTS clue_case_for_new_clue()');
    await queryRunner.query('DROP TRIGGER IF EXISTS clue_events_no_update_delete ON clue_events');
    await queryRunner.query('DROP FUNCTION IF EXISTS clue_events_append_only()');
    await queryRunner.query(`DROP INDEX "public"."IDX_9773253b35f142fa70b563cebc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e550c04b2a3e950390e8716799"`);
    await queryRunner.query(`DROP TABLE "clue_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d3e7d89fea62fc794853d692b1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_63db247a36f26902907fa82794"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f515d63b2d0caba0eee01a650f"`);
    await queryRunner.query(`DROP TABLE "clue_cases"`);
  }
}
