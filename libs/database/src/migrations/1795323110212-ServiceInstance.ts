import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row naming this database for ever. Job ids are derived from database ids, so a
 * Redis queue prefix must never be shared by two databases (see libs/ops queue-ownership).
 */
export class ServiceInstance1795323110212 implements MigrationInterface {
  name = 'ServiceInstance1795323110212';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "service_instance" ("id" uuid PRIMARY KEY DEFAULT uuid_generate_v4(), "created_at" timestamptz NOT NULL DEFAULT now(), "singleton" boolean NOT NULL DEFAULT true UNIQUE CHECK ("singleton"))`);
    await queryRunner.query(`INSERT INTO "service_instance" DEFAULT VALUES`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "service_instance"`);
  }
}
