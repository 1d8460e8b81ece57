import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from './decorators';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/user.dto';
import { Principal } from './principal';
import { Role } from './roles';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles(Role.Admin)
  @ApiCreatedResponse({ type: UserView })
  create(@Body() body: CreateUserDto, @CurrentPrincipal() actor: Principal): Promise<UserView> {
    return this.users.create(body, actor);
  }

  @Get()
  @Roles(Role.Admin, Role.Auditor)
  @ApiOkResponse({ type: [UserView] })
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserView })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserDto, @CurrentPrincipal() actor: Principal): Promise<UserView> {
    return this.users.update(id, body, actor);
  }
}
