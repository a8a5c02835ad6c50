// Writes an organisation with its departments, categories, places and staff. Used by the demo at
// boot and by test factories; it does nothing for an organisation code that already exists.
import { DEFAULT_TIME_ZONE } from '@minqing/shared';
import type { DataSource } from 'typeorm';
import { newId } from '../common/columns.js';
import type { Category } from '../org/entities/category.entity.js';
import type { Department } from '../org/entities/department.entity.js';
import type { Organization } from '../org/entities/organization.entity.js';
import type { Place } from '../org/entities/place.entity.js';
import { withSection } from '../org/org-settings.js';
import { OrgSetupRepository } from '../org/org-setup.repository.js';
import { OrgRepository } from '../org/org.repository.js';
import type { StaffRole } from '../users/entities/staff-role.entity.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import type { DemoOrg } from './demo-data.js';

/** The repositories of the tables a seed writes, on the given data source (the app's, or a test's). */
function repositories(db: DataSource) {
  return { orgs: new OrgRepository(db), setup: new OrgSetupRepository(), users: new UsersRepository(db), roles: new StaffRolesRepository(db) };
}

export async function seedOrganization(db: DataSource, spec: DemoOrg, now = new Date()): Promise<Organization> {
  const { orgs, setup, users, roles } = repositories(db);
  const existing = await orgs.findOrgByCode(spec.code);
  if (existing) return existing;
  return db.transaction(async (manager) => {
    const org: Organization = {
      id: newId(),
      code: spec.code,
      name: spec.name,
      slogan: spec.slogan,
      timeZone: DEFAULT_TIME_ZONE,
      parentId: null,
      settings: spec.groupRobots ? withSection(null, 'notifications', { robot: true, newAppealsOff: [] }) : null,
      createdAt: now,
    };
    await setup.insertOrg(manager, org);
    const departments = spec.departments.map(([code, name]): Department => ({
      id: newId(),
      orgId: org.id,
      code,
      name,
      leaderId: null,
      robotKey: spec.groupRobots ? newId() : null,
    }));
    await setup.insert(manager, 'department', departments);
    const departmentId = (code?: string) => departments.find((d) => d.code === code)?.id ?? null;
    await setup.insert(
      manager,
      'category',
      spec.categories.map(([code, name, dept, answerHours, standingRule], position): Category => ({
        id: newId(),
        orgId: org.id,
        code,
        name,
        position,
        defaultDepartmentId: departmentId(dept),
        answerHours,
        standingRule,
      })),
    );
    await setup.insert(
      manager,
      'place',
      spec.places.map(([code, name, kind], position): Place => ({ id: newId(), orgId: org.id, code, name, kind, position, scanCount: 0, archivedAt: null })),
    );
    for (const staff of spec.staff) {
      let user = await users.findByOpenid(staff.openid, manager);
      if (!user) {
        user = { id: newId(), openid: staff.openid, orgId: org.id, name: staff.name, unit: null, phoneEnc: null, tokenVersion: 0, createdAt: now, updatedAt: now };
        await users.insert(manager, user);
      }
      const role: StaffRole = {
        id: newId(),
        userId: user.id,
        orgId: org.id,
        role: staff.role,
        departmentId: departmentId(staff.department),
        isHead: staff.isHead ?? false,
        isSecretary: staff.isSecretary ?? false,
        createdAt: now,
      };
      await roles.insert(manager, role);
    }
    for (const [code, , leaderOpenid] of spec.departments) {
      const leader = leaderOpenid ? await users.findByOpenid(leaderOpenid, manager) : null;
      if (leader) await setup.update(manager, 'department', departments.find((d) => d.code === code)!.id, { leaderId: leader.id });
    }
    return org;
  });
}

/** A group above some mines, with its administrator (a group admin sees rates, never cases). */
export async function seedGroup(
  db: DataSource,
  spec: { code: string; name: string; slogan: string; mines: string[]; admin: { openid: string; name: string } },
  now = new Date(),
): Promise<Organization> {
  const { orgs, setup, users, roles } = repositories(db);
  const existing = await orgs.findOrgByCode(spec.code);
  if (existing) return existing;
  return db.transaction(async (manager) => {
    const group: Organization = { id: newId(), code: spec.code, name: spec.name, slogan: spec.slogan, timeZone: DEFAULT_TIME_ZONE, parentId: null, settings: null, createdAt: now };
    await setup.insertOrg(manager, group);
    for (const code of spec.mines) await setup.setParent(manager, code, group.id);
    let user = await users.findByOpenid(spec.admin.openid, manager);
    if (!user) {
      user = { id: newId(), openid: spec.admin.openid, orgId: group.id, name: spec.admin.name, unit: null, phoneEnc: null, tokenVersion: 0, createdAt: now, updatedAt: now };
      await users.insert(manager, user);
    }
    await roles.insert(manager, { id: newId(), userId: user.id, orgId: group.id, role: 'group_admin', departmentId: null, isHead: false, isSecretary: false, createdAt: now });
    return group;
  });
}
