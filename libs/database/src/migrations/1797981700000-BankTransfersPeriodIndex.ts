import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, the scan's PAYROLL_UNVERIFIED: a transfer of P matches a payroll row of P when
 * the bank named the month (`period = P`) or, without a period, when it lies in the date
 * window around P's payments. Only (project_code, transferred_on) served the read, so a
 * shard read every transfer of its projects up to D (173k rows on 6,117 pages at 1x) to
 * keep 42k. With (period, project_code) the planner ORs the two index reads: the named
 * transfers of P and the dated ones in the window (42k rows on 1,498 pages).
 * Partial: a query asking for `period = P` implies a period, and a transfer without one
 * (half of the benchmark's feed) costs its import no entry here.
 * Not synchronised (TypeORM cannot declare a partial index): bank-transfer.entity.ts
 * names it. docs/decisions/scan-read-indexes.md.
 */
export class BankTransfersPeriodIndex1797981700000 implements MigrationInterface {
  name = 'BankTransfersPeriodIndex1797981700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_bank_transfers_period" ON "bank_transfers" ("period", "project_code") WHERE "period" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_bank_transfers_period"`);
  }
}
