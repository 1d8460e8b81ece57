import { rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { BadRequestException, Controller, ForbiddenException, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AppConfig } from '@wage/config';
import { type ApiKeyScope, CurrentPrincipal, datasetRefusal, Principal, Role, Roles } from '@wage/auth';
import { DATASET_NAMES, DATASETS } from '../datasets/registry';
import { ImportFormat } from '../entities/import.entity';
import { ImportLimits } from '../import-limits';
import { ImportsService } from '../imports.service';
import { ImportAcceptedDto, ImportDetailDto, ImportListDto, ListImportsQuery, SubmitImportQuery } from './import-view.dto';
import { NOT_AN_ARRAY, saveJsonBody } from './json-body';
import { UploadLimitInterceptor } from './upload-limit.interceptor';

/** A key whose scope could not be read may load nothing. */
const NO_SCOPE: ApiKeyScope = { datasets: [], projectCodes: null, contractorUscc: null };

const formatOf = (fileName: string): ImportFormat => {
  const ext = extname(fileName).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.json' ? 'json' : 'csv';
};

/**
 * Imports (api.md). Admins and submitters (API keys) upload; auditors read. Submitters
 * see only their own imports: someone else's is a 404, as if it did not exist.
 */
@ApiTags('imports')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly config: AppConfig,
    private readonly limits: ImportLimits,
  ) {}

  @Post(':dataset')
  @HttpCode(202)
  @Roles(Role.Admin, Role.Submitter)
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  @ApiOperation({ summary: 'Upload a CSV/XLSX file (multipart field "file") or a JSON array; loaded in the background' })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  async submit(
    @Param('dataset') dataset: string,
    @Query() query: SubmitImportQuery,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Req() req: Request,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportAcceptedDto> {
    if (!DATASETS.has(dataset)) {
      if (file) await rm(file.path, { force: true });
      throw new NotFoundException(`Unknown dataset "${dataset}"; valid datasets are: ${DATASET_NAMES.join(', ')}`);
    }
    // Scoped keys (workflow.md): a dataset outside the key's scope, or reference data and
    // the watchlist through any key, is refused before anything is stored.
    const refusal = principal.kind === 'api_key' ? datasetRefusal(principal.apiKeyScope ?? NO_SCOPE, dataset) : null;
    if (refusal) {
      if (file) await rm(file.path, { force: true });
      throw new ForbiddenException(refusal);
    }
    const atomic = query.atomic === 'true' || query.atomic === '1';
    if (file) {
      const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
      const imp = await this.imports.submit({ dataset, atomic, filePath: file.path, fileName, fileSize: file.size, format: formatOf(fileName) }, principal);
      return { id: imp.id, status: 'queued' };
    }
    if (!req.is('application/json')) throw new BadRequestException(NOT_AN_ARRAY);
    // The same limit as a .json file upload: streamed to IMPORT_DIR, parsed by the worker.
    const saved = await saveJsonBody(req, this.config.IMPORT_DIR, Math.min(this.limits.maxJsonBytes, this.config.IMPORT_MAX_BYTES));
    const imp = await this.imports.submit({ dataset, atomic, filePath: saved.path, fileName: 'request.json', fileSize: saved.size, format: 'json' }, principal);
    return { id: imp.id, status: 'queued' };
  }

  @Get()
  @Roles(Role.Admin, Role.Auditor, Role.Submitter)
  @ApiOperation({ summary: 'Imports, newest first (a submitter sees only its own)' })
  @ApiOkResponse({ type: ImportListDto })
  list(@Query() query: ListImportsQuery, @CurrentPrincipal() principal: Principal): Promise<ImportListDto> {
    return this.imports.list(principal, query.page ?? 1, query.pageSize ?? 50);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Auditor, Role.Submitter)
  @ApiOperation({ summary: 'Status, progress, counts, warnings and the first 100 errors of an import' })
  @ApiOkResponse({ type: ImportDetailDto })
  get(@Param('id', ParseIntPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<ImportDetailDto> {
    return this.imports.get(id, principal);
  }

  @Get(':id/errors.csv')
  @Roles(Role.Admin, Role.Auditor, Role.Submitter)
  @ApiOperation({ summary: 'Every error of an import as CSV (row, column, code, message)' })
  @ApiProduces('text/csv')
  async errorsCsv(@Param('id', ParseIntPipe) id: number, @CurrentPrincipal() principal: Principal, @Res() res: Response): Promise<void> {
    await this.imports.writeErrorsCsv(id, principal, res);
  }
}
