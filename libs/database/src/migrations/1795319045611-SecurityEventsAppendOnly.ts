import { MigrationInterface, QueryRunner } from 'typeorm';

/** security_events is an audit log: refuse every UPDATE, DELETE and TRUNCATE, whoever asks. */
export class SecurityEventsAppendOnly1795319045611 implements MigrationInterface {
  name = 'SecurityEventsAppendOnly1795319045611';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION security_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'security_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER security_events_no_update_delete BEFORE UPDATE OR DELETE ON security_events
      FOR EACH ROW EXECUTE FUNCTION security_events_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER security_events_no_truncate BEFORE TRUNCATE ON security_events
      FOR EACH STATEMENT EXECUTE FUNCTION security_events_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS security_events_no_truncate ON security_events');
    await queryRunner.query('DROP TRIGGER IF EXISTS security_events_no_update_delete ON security_events');
    await queryRunner.query('DROP FUNCTION IF EXISTS security_events_append_only()');
  }
}
