import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoped submitter keys (workflow.md): existing keys get the default dataset list, so a
 * key made before this can no longer load reference data, projects or the watchlist.
 * users.token_version ends older access tokens on password change, disable, role change.
 */
export class ScopedKeysAndTokenVersion1796115167296 implements MigrationInterface {
  name = 'ScopedKeysAndTokenVersion1796115167296';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "datasets" text array NOT NULL DEFAULT '{wage_accounts,deposits,labor_cost_allocations,workers,attendance,payroll,bank_transfers}'`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "project_codes" text array`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "contractor_uscc" character varying(18)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "contractor_uscc"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "project_codes"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "datasets"`);
  }
}
