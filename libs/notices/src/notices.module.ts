import { Module } from '@nestjs/common';
import { CalendarModule } from '@wage/calendar';
import { NotificationsModule } from '@wage/notifications';
import { RulesModule } from '@wage/rules';
import { NoticeDeadlineService } from './notice-deadline.service';
import { NoticeGeneratorService } from './notice-generator.service';
import { NoticeJobs } from './notice-jobs';
import { NoticeQueryService } from './notice-query.service';
import { NoticeResponseService } from './notice-response.service';
import { NoticesController } from './notices.controller';

/** Joint notices to industry bureaus: daily grouping, delivery, replies, deadlines, documents. */
@Module({
  imports: [CalendarModule, RulesModule, NotificationsModule],
  controllers: [NoticesController],
  providers: [NoticeGeneratorService, NoticeQueryService, NoticeResponseService, NoticeDeadlineService, NoticeJobs],
  exports: [NoticeQueryService],
})
export class NoticesModule {}
