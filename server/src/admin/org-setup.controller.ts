// The administrator's API for setting up the organisation (admin role only; each change audited).
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEntryView, OrgSetupView } from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { OrgSetupService } from './org-setup.service.js';

const example = (value: object) => ({ schema: { example: value } });

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/admin')
export class OrgSetupController {
  constructor(@Inject(OrgSetupService) private readonly setup: OrgSetupService) {}

  @Get('org') @ApiOperation({ summary: 'The organisation as set up: places (with scans), departments, categories, staff' })
  view(@CurrentUser() auth: AuthUser): Promise<OrgSetupView> {
    return this.setup.view(auth);
  }

  @Patch('org') @ApiOperation({ summary: 'Name, short code, slogan, time zone, the stickers\' QR (link | wxacode)' }) @ApiBody(example({ slogan: '赤峪是咱家,有事儿就说话', stickerQr: 'wxacode' }))
  updateOrg(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.updateOrg(auth, body);
  }

  @Post('places') @ApiOperation({ summary: 'A new place for a sticker' }) @ApiBody(example({ code: 'dorm3', name: '3号宿舍楼', kind: 'dormitory' }))
  createPlace(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.createPlace(auth, body);
  }

  @Patch('places/:code') @ApiOperation({ summary: 'Rename a place or change its kind' })
  updatePlace(@CurrentUser() auth: AuthUser, @Param('code') code: string, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.updatePlace(auth, code, body);
  }

  @Delete('places/:code') @HttpCode(200) @ApiOperation({ summary: 'Take a place down (its appeals keep naming it)' })
  archivePlace(@CurrentUser() auth: AuthUser, @Param('code') code: string): Promise<OrgSetupView> {
    return this.setup.archivePlace(auth, code);
  }

  @Post('departments') @ApiOperation({ summary: 'A new department, with the leader in charge (openid)' }) @ApiBody(example({ code: 'ventilation', name: '通风区', leader: 'cy_leader' }))
  createDepartment(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.createDepartment(auth, body);
  }

  @Patch('departments/:code') @ApiOperation({ summary: 'Rename a department or change its leader in charge' })
  updateDepartment(@CurrentUser() auth: AuthUser, @Param('code') code: string, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.updateDepartment(auth, code, body);
  }

  @Post('categories') @ApiOperation({ summary: 'A new category with its time to answer, default department and standing rule' }) @ApiBody(example({ code: 'safety', name: '安全生产', answerHours: 48, defaultDepartment: 'safety', standingRule: true }))
  createCategory(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.createCategory(auth, body);
  }

  @Patch('categories/:code') @ApiOperation({ summary: 'Change a category\'s name, time to answer, default department or standing rule' })
  updateCategory(@CurrentUser() auth: AuthUser, @Param('code') code: string, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.updateCategory(auth, code, body);
  }

  @Delete('staff/:user/roles/:role') @HttpCode(200) @ApiOperation({ summary: 'Take a role away; it stops working on the next request' })
  removeRole(@CurrentUser() auth: AuthUser, @Param('user') user: string, @Param('role') role: string): Promise<OrgSetupView> {
    return this.setup.removeRole(auth, user, role);
  }

  @Get('audit') @ApiOperation({ summary: 'The audit log: who changed what, when, before and after (newest first)' })
  audit(@CurrentUser() auth: AuthUser): Promise<AuditEntryView[]> {
    return this.setup.auditTrail(auth);
  }
}
