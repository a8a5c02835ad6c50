// What transition handlers may read, each through the repository of the module that owns the table.
import { Inject, Injectable } from '@nestjs/common';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import type { DispatchSheet } from '../appeals/entities/dispatch-sheet.entity.js';
import type { Category } from '../org/entities/category.entity.js';
import type { Department } from '../org/entities/department.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';

@Injectable()
export class WorkflowLookups {
  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(StaffRolesRepository) private readonly staffRoles: StaffRolesRepository,
  ) {}

  category(orgId: string, code: string): Promise<Category | null> {
    return this.orgs.findCategory(orgId, code);
  }

  department(orgId: string, code: string): Promise<Department | null> {
    return this.orgs.findDepartment(orgId, code);
  }

  departmentById(id: string): Promise<Department | null> {
    return this.orgs.findDepartmentById(id);
  }

  /** True when this person is a handler of that department. */
  async isHandlerOf(orgId: string, userId: string, departmentId: string): Promise<boolean> {
    return (await this.staffRoles.findHandler(orgId, userId, departmentId)) !== null;
  }

  /** The sheet in force: the latest version, or null before any. */
  async currentSheet(appealId: string): Promise<DispatchSheet | null> {
    return (await this.appeals.listSheets(appealId)).at(-1) ?? null;
  }

  mergeTarget(orgId: string, ref: string): Promise<Appeal | null> {
    return this.appeals.findMergeTarget(orgId, ref);
  }
}
