import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login-attempt counters when the queues (and so the throttle) run on PostgreSQL
 * (QUEUE_BACKEND=postgres); with Redis they live there. Not an entity: only
 * libs/auth's PostgresCounterStore reads it, with one upsert per attempt.
 */
export class LoginThrottle1796115600000 implements MigrationInterface {
  name = 'LoginThrottle1796115600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "login_throttle" ("key" text PRIMARY KEY, "count" integer NOT NULL, "expires_at" timestamptz NOT NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }
}
