import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closed value sets of the calendar and notification tables, enforced by the database
 * (the entities declare them as plain varchar).
 */
export class NotificationsChecks1795319777462 implements MigrationInterface {
  name = 'NotificationsChecks1795319777462';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calendar_days" ADD CONSTRAINT "CHK_calendar_days_kind" CHECK ("kind" IN ('holiday', 'workday'))`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD CONSTRAINT "CHK_outbox_messages_status" CHECK ("status" IN ('pending', 'delivered', 'dead'))`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD CONSTRAINT "CHK_outbox_messages_receiver_type" CHECK ("receiver_type" IN ('unit', 'bureau'))`);
    await queryRunner.query(`ALTER TABLE "webhook_secrets" ADD CONSTRAINT "CHK_webhook_secrets_receiver_type" CHECK ("receiver_type" IN ('unit', 'bureau'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_secrets" DROP CONSTRAINT "CHK_webhook_secrets_receiver_type"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP CONSTRAINT "CHK_outbox_messages_receiver_type"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP CONSTRAINT "CHK_outbox_messages_status"`);
    await queryRunner.query(`ALTER TABLE "calendar_days" DROP CONSTRAINT "CHK_calendar_days_kind"`);
  }
}
