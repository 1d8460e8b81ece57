import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every write to users or api_keys announces itself on commit (NOTIFY
 * wage_principal_changed), so each API process can keep the rows its requests
 * authenticate with and still see a disabled user, a role change or a revoked key on
 * the next request (libs/auth/src/principal-changes.ts,
 * docs/decisions/principal-cache-invalidation.md). A trigger, not the services: a
 * change by SQL, a restore or another process is heard the same way. Statement-level
 * and without a payload: a listener forgets everything it holds on any change (they are
 * rare), and PostgreSQL delivers one notification per channel and payload per
 * transaction. Nothing is sent for a transaction that rolls back.
 */
export class PrincipalChangeNotify1797990300000 implements MigrationInterface {
  name = 'PrincipalChangeNotify1797990300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION principal_changed_notify() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        PERFORM pg_notify('wage_principal_changed', '');
        RETURN NULL;
      END $$`);
    for (const table of ['users', 'api_keys']) {
      await queryRunner.query(`CREATE TRIGGER "${table}_principal_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION principal_changed_notify()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['users', 'api_keys']) await queryRunner.query(`DROP TRIGGER "${table}_principal_changed" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION principal_changed_notify()`);
  }
}
