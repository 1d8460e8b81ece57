import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NOTICE_STATUSES, NoticeStatus } from './entities/notice.entity';
import { PageQueryDto } from '@wage/ops';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class GenerateNoticesDto {
  @ApiPropertyOptional({ example: '2026-11-20', description: 'Business date to issue for; default today (Asia/Shanghai)' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'asOf must be a date of the form YYYY-MM-DD, such as 2026-11-20' })
  asOf?: string;
}

export class GenerateNoticesResponse {
  @ApiProperty({ description: 'Notices issued by this run (0 when today’s were already issued)' }) created!: number;
  @ApiProperty({ type: [Number] }) noticeIds!: number[];
}

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

export class ListNoticesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Comma list of sent, acknowledged, replied, overdue', example: 'sent,overdue' })
  @IsOptional()
  @Transform(toList)
  @IsIn(NOTICE_STATUSES, { each: true, message: `status must be a comma list of ${NOTICE_STATUSES.join(', ')}` })
  status?: NoticeStatus[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  bureauCode?: string;

  @ApiPropertyOptional({ description: 'true: only notices the bureau has not replied to yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unanswered must be true or false' })
  unanswered?: boolean;


}

export class ProjectOutcomeDto {
  @ApiProperty({ example: '420113-2026-0001' })
  @IsString()
  @IsNotEmpty({ message: 'outcomes[].projectCode must name a project on the notice' })
  @MaxLength(64)
  projectCode!: string;

  @ApiProperty({ example: '已责令总包单位开立专用账户，11月25日完成' })
  @IsString()
  @IsNotEmpty({ message: 'outcomes[].outcome must say what was done for the project' })
  @MaxLength(4000)
  outcome!: string;
}

export class ReplyNoticeDto {
  @ApiProperty({ example: '已约谈建设单位和总包单位，责令限期整改。' })
  @IsString({ message: 'text must be the reply text' })
  @IsNotEmpty({ message: 'text must not be empty: say what the bureau did' })
  @MaxLength(10000, { message: 'text must be at most 10000 characters' })
  text!: string;

  @ApiPropertyOptional({ type: [ProjectOutcomeDto] })
  @IsOptional()
  @IsArray({ message: 'outcomes must be an array of { projectCode, outcome }' })
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ProjectOutcomeDto)
  outcomes?: ProjectOutcomeDto[];
}

export class DocumentQuery {
  @ApiPropertyOptional({ enum: ['html', 'pdf'], default: 'html' })
  @IsOptional()
  @IsIn(['html', 'pdf'], { message: 'format must be html or pdf' })
  format?: 'html' | 'pdf';
}
