import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { loginResponse, type LoginResponse, wxLoginBody } from '@minqing/shared';
import { AuthService } from './auth.service.js';
import { Public } from '../common/access.decorators.js';
import { ApiContract } from '../common/openapi.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('wx-login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with the code of wx.login; with the simulator, `test:<openid>`' })
  @ApiContract({ body: wxLoginBody, example: { code: 'test:worker_duanwei' }, response: loginResponse })
  login(@Body() body: { code?: unknown } | undefined): Promise<LoginResponse> {
    return this.auth.wxLogin(body?.code);
  }
}
