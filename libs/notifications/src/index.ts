export { NotificationsModule } from './notifications.module';
export { OutboxService, type OutboxMessageInput, type DeadLetter } from './outbox.service';
export { OutboxDispatcher, OUTBOX_SWEEP_SCHEDULER_ID } from './outbox-dispatcher';
export { InAppNotificationService, type InAppNotificationInput, type NotificationView } from './in-app-notification.service';
export { WebhookSecretService } from './webhook-secret.service';
export { backoffMs, signWebhookBody, verifyWebhookSignature, webhookBody } from './webhook-signature';
export { OutboxMessage, RECEIVER_TYPES, type OutboxStatus, type ReceiverType } from './entities/outbox-message.entity';
export { WebhookSecret } from './entities/webhook-secret.entity';
export { Notification } from './entities/notification.entity';
