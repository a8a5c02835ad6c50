import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LoginResponse } from '@minqing/shared';
import { AuthService } from './auth.service.js';
import { Public } from '../common/access.decorators.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('wx-login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with the code of wx.login; with the simulator, `test:<openid>`' })
  @ApiBody({ schema: { example: { code: 'test:worker_duanwei' } } })
  login(@Body() body: { code?: unknown } | undefined): Promise<LoginResponse> {
    return this.auth.wxLogin(body?.code);
  }
}
