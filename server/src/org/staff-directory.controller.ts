// What the staff's forms need of their organisation: categories to re-file, departments and their
// handlers to dispatch to. Staff of the organisation only.
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type StaffDirectoryView, staffDirectoryView } from '@minqing/shared';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { DomainError } from '../common/domain-error.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { OrgRepository } from './org.repository.js';
import { ApiContract } from '../common/openapi.js';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff/directory')
export class StaffDirectoryController {
  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(StaffRolesRepository) private readonly staff: StaffRolesRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Categories, departments and their handlers, for the dispatch form' })
  @ApiContract({ response: staffDirectoryView })
  async directory(@CurrentUser() auth: AuthUser): Promise<StaffDirectoryView> {
    const orgId = auth.staff.find((s) => s.role !== 'worker')?.orgId;
    if (!orgId) throw DomainError.forbidden();
    const [org, categories, departments, handlers] = await Promise.all([
      this.orgs.findOrgById(orgId),
      this.orgs.listCategories(orgId),
      this.orgs.listDepartments(orgId),
      this.staff.listHandlers(orgId),
    ]);
    return {
      org: { code: org!.code, name: org!.name },
      categories: categories.map(({ code, name }) => ({ code, name })),
      departments: departments.map((d) => ({
        code: d.code,
        name: d.name,
        handlers: handlers.filter((h) => h.departmentId === d.id).map((h) => ({ id: h.userId, name: h.name, isHead: h.isHead })),
      })),
    };
  }
}
