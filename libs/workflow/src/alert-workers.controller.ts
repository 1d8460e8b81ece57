import { Controller, ForbiddenException, Get, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { alertScopeSql, mayReadUnmasked } from '@wage/alerts';
import { CurrentPrincipal, Principal, Role, Roles, SecurityAuditService } from '@wage/auth';
import { PiiCipher } from '@wage/crypto';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';

class AlertWorkersQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Show ID and bank card numbers in full (needs can_unmask; audit-logged)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unmask must be true or false' })
  unmask?: 'true' | 'false';

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number such as 1' })
  @Min(1, { message: 'page must be 1 or more' })
  page = 1;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number such as 100' })
  @Min(1, { message: 'pageSize must be between 1 and 500' })
  @Max(500, { message: 'pageSize must be between 1 and 500' })
  pageSize = 100;
}

interface WorkerRow {
  id: number;
  name: string;
  id_masked: string;
  bank_card_masked: string | null;
  team_name: string | null;
  entered_on: string;
  exited_on: string | null;
  id_enc: Buffer | null;
  bank_card_enc: Buffer | null;
}

/**
 * The workers of an alert's project, for the inspector who has to contact them. Masked
 * for everyone; in full only for callers with can_unmask, and
 * every unmasked read is written to the security audit log with the alert and workers.
 */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertWorkersController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
    private readonly audit: SecurityAuditService,
  ) {}

  @Get(':id/workers')
  // Not bureau officers: the roster is the labour side's (workflow.md); they see evidence only.
  @Roles(Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector)
  @ApiOkResponse({ description: '{ alertId, projectCode, unmasked, items: [{ id, name, idNumber, bankCard, ... }], total }' })
  async workers(
    @Param('id', ParseIntPipe) id: number,
    @Query() q: AlertWorkersQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Record<string, unknown>> {
    const unmask = q.unmask === 'true';
    const scope = alertScopeSql(principal, 'a', 2);
    const [alert]: Array<{ project_code: string }> = await this.dataSource.query(
      `SELECT a.project_code FROM alerts a WHERE a.id = $1 AND (${scope.sql})`,
      [id, ...scope.params],
    );
    if (!alert) throw new NotFoundException(`Alert ${id} does not exist or is outside your scope`);
    if (unmask && !mayReadUnmasked(principal)) {
      throw new ForbiddenException('Unmasked personal data needs the can_unmask permission; ask an admin, or omit unmask=true');
    }
    const rows: WorkerRow[] = await this.dataSource.query(
      `SELECT id, name, id_masked, bank_card_masked, team_name, entered_on, exited_on,
              ${unmask ? 'id_enc, bank_card_enc' : 'NULL::bytea AS id_enc, NULL::bytea AS bank_card_enc'}
         FROM workers WHERE project_code = $1 ORDER BY id LIMIT $2 OFFSET $3`,
      [alert.project_code, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      'SELECT count(*)::int AS total FROM workers WHERE project_code = $1',
      [alert.project_code],
    );
    if (unmask && rows.length > 0) {
      await this.audit.record('pii.unmasked', principal, { alertId: id, projectCode: alert.project_code, workerIds: rows.map((r) => r.id) });
    }
    return {
      alertId: id,
      projectCode: alert.project_code,
      unmasked: unmask,
      total,
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        idNumber: unmask && r.id_enc ? this.cipher.decrypt(r.id_enc) : r.id_masked,
        bankCard: unmask && r.bank_card_enc ? this.cipher.decrypt(r.bank_card_enc) : r.bank_card_masked,
        teamName: r.team_name,
        enteredOn: r.entered_on,
        exitedOn: r.exited_on,
      })),
    };
  }
}
