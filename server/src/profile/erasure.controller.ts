import { Controller, Delete, HttpCode, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { erasureView } from '@minqing/shared';
import { ApiContract } from '../common/openapi.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { ErasureService } from './erasure.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me')
export class ErasureController {
  constructor(@Inject(ErasureService) private readonly erasure: ErasureService) {}

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: '删除我的个人信息: name, unit and phone (profile and appeals), inbox, messages and credits go; the appeals stay without identity; sessions end' })
  @ApiContract({ response: erasureView })
  erase(@CurrentUser() auth: AuthUser): Promise<{ erased: true }> {
    return this.erasure.erase(auth);
  }
}
