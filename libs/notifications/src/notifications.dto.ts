import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RECEIVER_TYPES, ReceiverType } from './entities/outbox-message.entity';

export class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number between 1 and 500' })
  @Min(1, { message: 'limit must be a whole number between 1 and 500' })
  @Max(500, { message: 'limit must be a whole number between 1 and 500' })
  limit = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number >= 0' })
  @Min(0, { message: 'offset must be a whole number >= 0' })
  offset = 0;
}

export class NotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class DeadLettersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RECEIVER_TYPES })
  @IsOptional()
  @IsIn(RECEIVER_TYPES, { message: 'receiverType must be unit or bureau' })
  receiverType?: ReceiverType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  receiverCode?: string;
}

export class NotificationResponse {
  @ApiProperty() id!: number;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ nullable: true, type: Number }) alertId!: number | null;
  @ApiProperty({ nullable: true, type: Number }) noticeId!: number | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) readAt!: Date | null;
}

export class NotificationListResponse {
  @ApiProperty({ description: 'Unread notifications of the caller in total' }) unread!: number;
  @ApiProperty({ type: [NotificationResponse] }) items!: NotificationResponse[];
}

export class DeadLetterResponse {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: RECEIVER_TYPES }) receiverType!: ReceiverType;
  @ApiProperty() receiverCode!: string;
  @ApiProperty() event!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: Record<string, unknown>;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'How often an admin replayed it before' }) replays!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() lastAttemptAt!: Date;
}

export class DeadLetterListResponse {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [DeadLetterResponse] }) items!: DeadLetterResponse[];
}

export class WebhookSecretResponse {
  @ApiProperty({ enum: RECEIVER_TYPES }) receiverType!: ReceiverType;
  @ApiProperty() receiverCode!: string;
  @ApiProperty({ description: 'Shown only in this answer: store it in the receiving system' }) secret!: string;
  @ApiProperty() createdAt!: Date;
}

export class WebhookReceiverResponse {
  @ApiProperty({ enum: RECEIVER_TYPES }) receiverType!: ReceiverType;
  @ApiProperty() receiverCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty() webhookUrl!: string;
  @ApiProperty({ nullable: true, type: Date, description: 'null: no secret, deliveries fail until one is set' }) secretSetAt!: Date | null;
  @ApiProperty() pending!: number;
  @ApiProperty() dead!: number;
}
