import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { CurrentPrincipal, Public, Roles } from './decorators';
import { Principal } from './principal';
import { ALL_ROLES } from './roles';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { AuthService, LoginThrottledException } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or user disabled' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts; see Retry-After' })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponseDto> {
    try {
      return await this.auth.login(body.username, body.password, req.ip ?? req.socket.remoteAddress ?? 'unknown');
    } catch (error) {
      if (error instanceof LoginThrottledException) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  /** Who the caller is (the console uses it to choose screens; the server still checks every call). */
  @Get('me')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ description: 'The authenticated principal' })
  me(@CurrentPrincipal() p: Principal): { username: string; kind: string; role: string; unitCode: string | null; bureauCode: string | null; canUnmask: boolean } {
    return { username: p.name, kind: p.kind, role: p.role, unitCode: p.unitCode, bureauCode: p.bureauCode, canUnmask: p.canUnmask };
  }
}
