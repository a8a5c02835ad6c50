import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { loginResponse, type LoginResponse, wxLoginBody, type WxLoginRequest } from '@minqing/shared';
import { AuthService } from './auth.service.js';
import { Public } from '../common/access.decorators.js';
import { ApiContract, ApiNoContent } from '../common/openapi.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { ValidBody } from '../common/schema.pipe.js';
import { Throttled } from '../throttle/throttle.guard.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('wx-login')
  @Throttled('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with the code of wx.login; with the simulator, `test:<openid>`' })
  @ApiContract({ response: loginResponse })
  login(@ValidBody(wxLoginBody, { code: 'AUTH_CODE_INVALID', nonObject: 'empty', example: { code: 'test:worker_duanwei' } }) body: WxLoginRequest): Promise<LoginResponse> {
    return this.auth.wxLogin(body.code);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: every token of the caller stops working (the mini-program logs in again when opened)' })
  @ApiNoContent('Logged out')
  logout(@CurrentUser() auth: AuthUser): Promise<void> {
    return this.auth.logout(auth);
  }
}
