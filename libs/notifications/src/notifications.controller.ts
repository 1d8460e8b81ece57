import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@wage/auth';
import { InAppNotificationService, NotificationView } from './in-app-notification.service';
import { NotificationListResponse, NotificationResponse, NotificationsQuery } from './notifications.dto';

const SIGNED_IN = [Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector, Role.BureauOfficer];

/** The caller's own in-app notifications. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: InAppNotificationService) {}

  @Get()
  @Roles(...SIGNED_IN)
  @ApiOperation({ summary: 'My notifications, newest first (unread=true for unread only)' })
  @ApiOkResponse({ type: NotificationListResponse })
  list(@CurrentPrincipal() me: Principal, @Query() q: NotificationsQuery): Promise<{ unread: number; items: NotificationView[] }> {
    return this.notifications.list(me.id, { unreadOnly: q.unread === true, limit: q.limit, offset: q.offset });
  }

  @Post('read-all')
  @HttpCode(200)
  @Roles(...SIGNED_IN)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  readAll(@CurrentPrincipal() me: Principal): Promise<{ updated: number }> {
    return this.notifications.markAllRead(me.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles(...SIGNED_IN)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiOkResponse({ type: NotificationResponse })
  read(@CurrentPrincipal() me: Principal, @Param('id', ParseIntPipe) id: number): Promise<NotificationView> {
    return this.notifications.markRead(me.id, id);
  }
}
