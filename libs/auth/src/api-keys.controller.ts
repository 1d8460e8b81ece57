import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal, Roles } from './decorators';
import { ApiKeyView, CreateApiKeyDto, CreatedApiKeyView } from './dto/api-key.dto';
import { Principal } from './principal';
import { Role } from './roles';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Roles(Role.Admin)
  @ApiCreatedResponse({ type: CreatedApiKeyView, description: 'The key is in this response only' })
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() actor: Principal): Promise<CreatedApiKeyView> {
    return this.keys.create(body, actor);
  }

  @Get()
  @Roles(Role.Admin, Role.Auditor)
  @ApiOkResponse({ type: [ApiKeyView] })
  list(): Promise<ApiKeyView[]> {
    return this.keys.list();
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: ApiKeyView, description: 'The revoked key' })
  revoke(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() actor: Principal): Promise<ApiKeyView> {
    return this.keys.revoke(id, actor);
  }
}
