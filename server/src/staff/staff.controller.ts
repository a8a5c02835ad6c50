import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { bindBody, bindCodeBody, bindCodeView, type UserView, userView } from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { StaffService } from './staff.service.js';
import { ApiContract } from '../common/openapi.js';
import { Throttled } from '../throttle/throttle.guard.js';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api')
export class StaffController {
  constructor(@Inject(StaffService) private readonly staff: StaffService) {}

  @RequireRole('admin')
  @Post('admin/bind-codes')
  @HttpCode(201)
  @ApiOperation({ summary: 'Admin: a one-time code binding a person to a role (72 hours, single use)' })
  @ApiContract({ body: bindCodeBody, example: { role: 'handler', department: 'logistics', isHead: false }, response: bindCodeView, status: 201 })
  issue(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<{ code: string; expiresAt: string }> {
    return this.staff.issueCode(auth, body);
  }

  @Post('me/bind')
  @Throttled('bind')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bind myself to the role of a code the admin gave me' })
  @ApiContract({ body: bindBody, example: { code: 'K7QX2MPA' }, response: userView })
  bind(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<UserView> {
    return this.staff.bind(auth, body);
  }
}
