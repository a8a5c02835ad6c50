import { Body, Controller, Get, Inject, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@minqing/shared';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { ProfileService } from './profile.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(@Inject(ProfileService) private readonly users: ProfileService) {}

  @Get()
  @ApiOperation({ summary: 'My profile: name, unit (区队), masked phone, roles' })
  me(@CurrentUser() auth: AuthUser): Promise<UserView> {
    return this.users.view(auth.user, auth.roles);
  }

  @Patch()
  @ApiOperation({ summary: 'Change my name, unit or phone' })
  @ApiBody({ schema: { example: { name: '段伟', unit: '通风区', phone: '13800138000' } } })
  update(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<UserView> {
    return this.users.updateProfile(auth, body);
  }
}
