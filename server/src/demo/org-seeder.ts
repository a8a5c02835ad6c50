// Writes an organisation with its departments, categories, places and staff. Used by the demo at
// boot and by test factories; it does nothing for an organisation code that already exists.
import { DEFAULT_TIME_ZONE } from '@minqing/shared';
import type { DataSource } from 'typeorm';
import { newId } from '../common/columns.js';
import { Category } from '../org/entities/category.entity.js';
import { Department } from '../org/entities/department.entity.js';
import { Organization } from '../org/entities/organization.entity.js';
import { Place } from '../org/entities/place.entity.js';
import { withSection } from '../org/org-settings.js';
import { StaffRole } from '../users/entities/staff-role.entity.js';
import { User } from '../users/entities/user.entity.js';
import type { DemoOrg } from './demo-data.js';

export async function seedOrganization(db: DataSource, spec: DemoOrg, now = new Date()): Promise<Organization> {
  const existing = await db.getRepository(Organization).findOneBy({ code: spec.code });
  if (existing) return existing;
  return db.transaction(async (manager) => {
    const org: Organization = { id: newId(), code: spec.code, name: spec.name, slogan: spec.slogan, timeZone: DEFAULT_TIME_ZONE, parentId: null, settings: spec.groupRobots ? withSection(null, 'notifications', { robot: true }) : null, createdAt: now };
    await manager.insert(Organization, org);
    const departments = spec.departments.map(([code, name]): Department => ({ id: newId(), orgId: org.id, code, name, leaderId: null, robotKey: spec.groupRobots ? newId() : null }));
    await manager.insert(Department, departments);
    const departmentId = (code?: string) => departments.find((d) => d.code === code)?.id ?? null;
    await manager.insert(
      Category,
      spec.categories.map(
        ([code, name, dept, answerHours, standingRule], position): Category => ({ id: newId(), orgId: org.id, code, name, position, defaultDepartmentId: departmentId(dept), answerHours, standingRule }),
      ),
    );
    await manager.insert(
      Place,
      spec.places.map(([code, name, kind], position): Place => ({ id: newId(), orgId: org.id, code, name, kind, position, scanCount: 0, archivedAt: null })),
    );
    for (const staff of spec.staff) {
      let user = await manager.getRepository(User).findOneBy({ openid: staff.openid });
      if (!user) {
        user = { id: newId(), openid: staff.openid, orgId: org.id, name: staff.name, unit: null, phoneEnc: null, createdAt: now, updatedAt: now };
        await manager.insert(User, user);
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
      await manager.insert(StaffRole, role);
    }
    for (const [code, , leaderOpenid] of spec.departments) {
      const leader = leaderOpenid ? await manager.getRepository(User).findOneBy({ openid: leaderOpenid }) : null;
      if (leader) await manager.update(Department, { orgId: org.id, code }, { leaderId: leader.id });
    }
    return org;
  });
}

/** A group above some mines, with its administrator (a group admin sees rates, never cases). */
export async function seedGroup(db: DataSource, spec: { code: string; name: string; slogan: string; mines: string[]; admin: { openid: string; name: string } }, now = new Date()): Promise<Organization> {
  const existing = await db.getRepository(Organization).findOneBy({ code: spec.code });
  if (existing) return existing;
  return db.transaction(async (manager) => {
    const group: Organization = { id: newId(), code: spec.code, name: spec.name, slogan: spec.slogan, timeZone: DEFAULT_TIME_ZONE, parentId: null, settings: null, createdAt: now };
    await manager.insert(Organization, group);
    for (const code of spec.mines) await manager.update(Organization, { code }, { parentId: group.id });
    let user = await manager.getRepository(User).findOneBy({ openid: spec.admin.openid });
    if (!user) {
      user = { id: newId(), openid: spec.admin.openid, orgId: group.id, name: spec.admin.name, unit: null, phoneEnc: null, createdAt: now, updatedAt: now };
      await manager.insert(User, user);
    }
    await manager.insert(StaffRole, { id: newId(), userId: user.id, orgId: group.id, role: 'group_admin', departmentId: null, isHead: false, isSecretary: false, createdAt: now });
    return group;
  });
}
