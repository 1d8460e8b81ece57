import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, the scan's payroll history: per project and period before P, the payable
 * total, the largest payment paid as of D and the first and last paid_on. A shard read
 * those 337k rows (1x) from the heap, 7,725 pages of wide rows (the sealed ID among
 * them), through (period, project_code). The same index now carries the three columns
 * the history needs, so it is an index-only scan of about 2,700 pages.
 * It replaces (period, project_code) rather than adding a third index to payroll: every
 * reader of that index (the month summary's read of P, the loose scan of the periods)
 * keeps its key order, and an import still writes two B-trees per row. The INCLUDE
 * columns turn off the old index's deduplication (1,227 → 7,154 pages at 1x).
 * Not synchronised (INCLUDE cannot be declared): payroll.entity.ts names it.
 * docs/decisions/scan-read-indexes.md.
 */
export class PayrollPeriodCoveringIndex1797981800000 implements MigrationInterface {
  name = 'PayrollPeriodCoveringIndex1797981800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_payroll_period_paid" ON "payroll" ("period", "project_code") INCLUDE ("payable_fen", "paid_fen", "paid_on")`,
    );
    await queryRunner.query(`DROP INDEX "IDX_4433e014463b4a940aa3f4ca18"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_4433e014463b4a940aa3f4ca18" ON "payroll" ("period", "project_code") `);
    await queryRunner.query(`DROP INDEX "IDX_payroll_period_paid"`);
  }
}
