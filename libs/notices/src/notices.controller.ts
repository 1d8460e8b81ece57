import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Role, Roles } from '@wage/auth';
import { AppConfig } from '@wage/config';
import { toDocument } from './document/notice-document.model';
import { renderNoticeHtml } from './document/notice-html';
import { renderNoticePdf } from './document/notice-pdf';
import { NoticeGeneratorService } from './notice-generator.service';
import { NoticeList, NoticeQueryService } from './notice-query.service';
import { NoticeResponseService } from './notice-response.service';
import { NoticeView } from './notice-view';
import { DocumentQuery, GenerateNoticesDto, GenerateNoticesResponse, ListNoticesQuery, ReplyNoticeDto } from './notices.dto';

const READERS = [Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector, Role.BureauOfficer];

/** Joint notices (联合督办通知): labour side issues and tracks, industry bureaus read, acknowledge, reply. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(
    private readonly generator: NoticeGeneratorService,
    private readonly queries: NoticeQueryService,
    private readonly responses: NoticeResponseService,
    private readonly config: AppConfig,
  ) {}

  @Post('generate')
  @HttpCode(202)
  @Roles(Role.Admin)
  @ApiOperation({ summary: "Run the daily grouping now (admin); idempotent per bureau and day" })
  @ApiAcceptedResponse({ type: GenerateNoticesResponse })
  generate(@Body() body: GenerateNoticesDto): Promise<GenerateNoticesResponse> {
    return this.generator.generate(body.asOf);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Notices the caller may see (bureau officers: their bureau), newest first' })
  @ApiOkResponse({ description: '{ items: [{ id, number, bureauCode, bureauName, issuedOn, replyDueAt, status, projectCount, alertCount, acknowledgedAt, repliedAt, reminderSentAt }], total, page, pageSize }' })
  list(@Query() q: ListNoticesQuery, @CurrentPrincipal() p: Principal): Promise<NoticeList> {
    return this.queries.list(p, q);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One notice with its projects, alerts and masked evidence' })
  @ApiOkResponse({ description: 'The notice, its reply (replyText, per-project outcome) and projects: [{ projectCode, projectName, outcome, alerts: [{ alertId, rule, ruleTitle, severity, alertStatus, evidence, requestedAction }] }]' })
  get(@Param('id', ParseIntPipe) id: number, @CurrentPrincipal() p: Principal): Promise<NoticeView> {
    return this.queries.get(p, id);
  }

  @Get(':id/document')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Print-ready notice: HTML (default) or PDF (?format=pdf)' })
  @ApiProduces('text/html', 'application/pdf')
  async document(
    @Param('id', ParseIntPipe) id: number,
    @Query() q: DocumentQuery,
    @CurrentPrincipal() p: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const doc = toDocument(await this.queries.get(p, id), this.config.LABOUR_BUREAU_CONTACT);
    const fileName = encodeURIComponent(`联合督办通知-${id}`);
    if (q.format === 'pdf') {
      const pdf = await renderNoticePdf(doc);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `inline; filename="notice-${id}.pdf"; filename*=UTF-8''${fileName}.pdf`);
      res.send(pdf);
      return;
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.send(renderNoticeHtml(doc));
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(Role.BureauOfficer)
  @ApiOperation({ summary: 'Acknowledge receipt (bureau officer of the addressed bureau)' })
  acknowledge(@Param('id', ParseIntPipe) id: number, @CurrentPrincipal() p: Principal): Promise<NoticeView> {
    return this.responses.acknowledge(p, id);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @Roles(Role.BureauOfficer)
  @ApiOperation({ summary: 'Reply once with the actions taken and optional per-project outcomes' })
  reply(@Param('id', ParseIntPipe) id: number, @Body() body: ReplyNoticeDto, @CurrentPrincipal() p: Principal): Promise<NoticeView> {
    return this.responses.reply(p, id, body.text, body.outcomes ?? []);
  }
}
