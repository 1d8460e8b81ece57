import { Module } from '@nestjs/common';
import { InAppNotificationService } from './in-app-notification.service';
import { NotificationsController } from './notifications.controller';
import { OutboxController, WebhooksController } from './outbox.controller';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxService } from './outbox.service';
import { WebhookSecretService } from './webhook-secret.service';

/** In-app notifications and signed webhooks through a transactional outbox. */
@Module({
  controllers: [NotificationsController, OutboxController, WebhooksController],
  providers: [OutboxService, OutboxDispatcher, OutboxMetrics, WebhookSecretService, InAppNotificationService],
  exports: [OutboxService, InAppNotificationService, WebhookSecretService],
})
export class NotificationsModule {}
