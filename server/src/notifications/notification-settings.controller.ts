// The administrator turns the departments' 企业微信 group robots on or off and sets each robot's
// webhook key. The key is a secret: it is written, never read back (only whether one is set).
import { Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notificationSettingsBody, type NotificationSettingsRequest, notificationSettingsView, type NotificationSettingsView } from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { ApiContract } from '../common/openapi.js';
import { ValidBody } from '../common/schema.pipe.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { NotificationSettingsService } from './notification-settings.service.js';

/** Department code → webhook key, or null to remove the department's robot. */
const NOTIFICATION_EXAMPLE = { robot: true, departments: { logistics: '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa', payroll: null } };

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/admin/notification-settings')
export class NotificationSettingsController {
  constructor(@Inject(NotificationSettingsService) private readonly settings: NotificationSettingsService) {}

  @Get()
  @ApiOperation({ summary: "Whether staff news also goes to the departments' group robots, and which departments have one" })
  @ApiContract({ response: notificationSettingsView })
  get(@CurrentUser() auth: AuthUser): Promise<NotificationSettingsView> {
    return this.settings.view(orgWhereRole(auth, ['admin']));
  }

  @Put()
  @ApiOperation({ summary: "Turn the group robots on or off; set or remove a department's robot key" })
  @ApiContract({ response: notificationSettingsView })
  put(
    @CurrentUser() auth: AuthUser,
    @ValidBody(notificationSettingsBody, { code: 'NOTIFICATION_SETTINGS_INVALID', example: NOTIFICATION_EXAMPLE }) input: NotificationSettingsRequest,
  ): Promise<NotificationSettingsView> {
    return this.settings.save(orgWhereRole(auth, ['admin']), auth.user.id, input);
  }
}
