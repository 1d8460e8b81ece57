import { BadRequestException, Controller, Get, HttpCode, Param, ParseEnumPipe, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Role, Roles } from '@wage/auth';
import { RECEIVER_TYPES, ReceiverType } from './entities/outbox-message.entity';
import { DeadLetterListResponse, DeadLettersQuery, WebhookReceiverResponse, WebhookSecretResponse } from './notifications.dto';
import { DeadLetter, OutboxService } from './outbox.service';
import { RotatedSecret, WebhookReceiverView, WebhookSecretService } from './webhook-secret.service';

/** Answers a bad receiver type with a message saying which ones exist. */
function receiverTypePipe(): ParseEnumPipe {
  return new ParseEnumPipe({ unit: 'unit', bureau: 'bureau' }, { exceptionFactory: () => new BadRequestException('receiverType must be unit or bureau') });
}

/** Webhook dead letters: admins see and replay them; auditors may look. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get('dead-letters')
  @Roles(Role.Admin, Role.Auditor)
  @ApiOperation({ summary: 'Webhook messages that failed every try, newest first' })
  @ApiOkResponse({ type: DeadLetterListResponse })
  deadLetters(@Query() q: DeadLettersQuery): Promise<{ total: number; items: DeadLetter[] }> {
    return this.outbox.deadLetters(q);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Send a dead letter again (same body, fresh tries)' })
  replay(@Param('id', ParseIntPipe) id: number): Promise<{ id: number; status: 'pending'; replays: number }> {
    return this.outbox.replay(id);
  }
}

/** Per-receiver webhook secrets (admin). */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly secrets: WebhookSecretService) {}

  @Get()
  @Roles(Role.Admin, Role.Auditor)
  @ApiOperation({ summary: 'Units and bureaus with a webhook_url: secret set or not, pending messages, dead letters' })
  @ApiOkResponse({ type: [WebhookReceiverResponse] })
  receivers(): Promise<WebhookReceiverView[]> {
    return this.secrets.receivers();
  }

  @Put(':receiverType/:code/secret')
  @Roles(Role.Admin)
  @ApiParam({ name: 'receiverType', enum: RECEIVER_TYPES })
  @ApiOperation({ summary: 'Set or rotate the X-Signature secret of a unit or bureau; the secret is shown only in this answer' })
  @ApiOkResponse({ type: WebhookSecretResponse })
  rotate(
    @Param('receiverType', receiverTypePipe()) receiverType: ReceiverType,
    @Param('code') code: string,
  ): Promise<RotatedSecret> {
    return this.secrets.rotate(receiverType, code);
  }
}
