import { Controller, Get, Inject, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type UpdateProfileRequest, updateProfileBody, userView, type UserView } from '@minqing/shared';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { ProfileService } from './profile.service.js';
import { ApiContract } from '../common/openapi.js';
import { ValidBody } from '../common/schema.pipe.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(@Inject(ProfileService) private readonly users: ProfileService) {}

  @Get()
  @ApiOperation({ summary: 'My profile: name, unit (区队), masked phone, roles' })
  @ApiContract({ response: userView })
  me(@CurrentUser() auth: AuthUser): Promise<UserView> {
    return this.users.view(auth.user, auth.roles);
  }

  @Patch()
  @ApiOperation({ summary: 'Change my name, unit or phone' })
  @ApiContract({ response: userView })
  update(
    @CurrentUser() auth: AuthUser,
    @ValidBody(updateProfileBody, { example: { name: '段伟', unit: '通风区', phone: '13800138000' } }) body: UpdateProfileRequest,
  ): Promise<UserView> {
    return this.users.updateProfile(auth, body);
  }
}
