// The administrator's API for setting up the organisation (admin role only; each change audited).
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AuditEntryView,
  auditListView,
  categoryCreateBody,
  categoryUpdateBody,
  departmentCreateBody,
  departmentUpdateBody,
  orgSetupView,
  type OrgSetupView,
  orgUpdateBody,
  placeCreateBody,
  placeUpdateBody,
} from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { OrgSetupService } from './org-setup.service.js';
import { ApiContract } from '../common/openapi.js';

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/admin')
export class OrgSetupController {
  constructor(@Inject(OrgSetupService) private readonly setup: OrgSetupService) {}

  @Get('org')
  @ApiOperation({ summary: 'The organisation as set up: places (with scans), departments, categories, staff' })
  @ApiContract({ response: orgSetupView })
  view(@CurrentUser() auth: AuthUser): Promise<OrgSetupView> {
    return this.setup.view(auth);
  }

  @Patch('org')
  @ApiOperation({ summary: "Name, short code, slogan, time zone, the stickers' QR (link | wxacode)" })
  @ApiContract({ body: orgUpdateBody, example: { slogan: '赤峪是咱家,有事儿就说话', stickerQr: 'wxacode' }, response: orgSetupView })
  updateOrg(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.updateOrg(auth, body);
  }

  @Post('places')
  @ApiOperation({ summary: 'A new place for a sticker' })
  @ApiContract({ body: placeCreateBody, example: { code: 'dorm3', name: '3号宿舍楼', kind: 'dormitory' }, response: orgSetupView, status: 201 })
  createPlace(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.createPlace(auth, body);
  }

  @Patch('places/:code')
  @ApiOperation({ summary: 'Rename a place or change its kind' })
  @ApiContract({ body: placeUpdateBody, response: orgSetupView })
  updatePlace(@CurrentUser() auth: AuthUser, @Param('code') code: string, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.updatePlace(auth, code, body);
  }

  @Delete('places/:code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a place down (its appeals keep naming it)' })
  @ApiContract({ response: orgSetupView })
  archivePlace(@CurrentUser() auth: AuthUser, @Param('code') code: string): Promise<OrgSetupView> {
    return this.setup.archivePlace(auth, code);
  }

  @Post('departments')
  @ApiOperation({ summary: 'A new department, with the leader in charge (openid)' })
  @ApiContract({ body: departmentCreateBody, example: { code: 'ventilation', name: '通风区', leader: 'cy_leader' }, response: orgSetupView, status: 201 })
  createDepartment(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.createDepartment(auth, body);
  }

  @Patch('departments/:code')
  @ApiOperation({ summary: 'Rename a department or change its leader in charge' })
  @ApiContract({ body: departmentUpdateBody, response: orgSetupView })
  updateDepartment(@CurrentUser() auth: AuthUser, @Param('code') code: string, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.updateDepartment(auth, code, body);
  }

  @Post('categories')
  @ApiOperation({ summary: 'A new category with its time to answer, default department and standing rule' })
  @ApiContract({
    body: categoryCreateBody,
    example: { code: 'safety', name: '安全生产', answerHours: 48, defaultDepartment: 'safety', standingRule: true },
    response: orgSetupView,
    status: 201,
  })
  createCategory(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.createCategory(auth, body);
  }

  @Patch('categories/:code')
  @ApiOperation({ summary: "Change a category's name, time to answer, default department or standing rule" })
  @ApiContract({ body: categoryUpdateBody, response: orgSetupView })
  updateCategory(@CurrentUser() auth: AuthUser, @Param('code') code: string, @Body() body: unknown): Promise<OrgSetupView> {
    return this.setup.updateCategory(auth, code, body);
  }

  @Delete('staff/:user/roles/:role')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a role away; it stops working on the next request' })
  @ApiContract({ response: orgSetupView })
  removeRole(@CurrentUser() auth: AuthUser, @Param('user') user: string, @Param('role') role: string): Promise<OrgSetupView> {
    return this.setup.removeRole(auth, user, role);
  }

  @Get('audit')
  @ApiOperation({ summary: 'The audit log: who changed what, when, before and after (newest first)' })
  @ApiContract({ response: auditListView })
  audit(@CurrentUser() auth: AuthUser): Promise<AuditEntryView[]> {
    return this.setup.auditTrail(auth);
  }
}
