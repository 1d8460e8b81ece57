import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * alert_events is the audit trail of every alert (workflow.md: "events are never
 * edited"): the database itself refuses UPDATE and DELETE on it, whoever asks.
 */
export class AlertEventsAppendOnly1795319335263 implements MigrationInterface {
  name = 'AlertEventsAppendOnly1795319335263';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION alert_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'alert_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER alert_events_no_update_delete BEFORE UPDATE OR DELETE ON alert_events
      FOR EACH ROW EXECUTE FUNCTION alert_events_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS alert_events_no_update_delete ON alert_events');
    await queryRunner.query('DROP FUNCTION IF EXISTS alert_events_append_only()');
  }
}
