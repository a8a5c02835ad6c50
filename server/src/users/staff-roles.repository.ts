import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@minqing/shared';
import { DataSource, In, type EntityManager } from 'typeorm';
import { StaffRole } from './entities/staff-role.entity.js';
import { User } from './entities/user.entity.js';

/** Which of an organisation's staff: by role, and within it by department, head or secretary. */
export interface StaffQuery {
  role?: Role;
  departmentId?: string;
  isHead?: boolean;
  isSecretary?: boolean;
}

/**
 * The roles people hold in organisations (staff_roles), read and written here only: who must act on
 * a step, whom a sheet can name, what the administrator grants and takes away.
 */
@Injectable()
export class StaffRolesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Staff of an organisation by role, e.g. the party secretary, or a department's handlers (in a transaction: its manager). */
  staffWithRole(orgId: string, where: StaffQuery, manager: EntityManager = this.db.manager): Promise<StaffRole[]> {
    return manager.getRepository(StaffRole).findBy({ orgId, ...where });
  }

  /** The person's handler role in this department, if they hold it. */
  findHandler(orgId: string, userId: string, departmentId: string): Promise<StaffRole | null> {
    return this.db.getRepository(StaffRole).findOneBy({ orgId, userId, departmentId, role: In(['handler']) });
  }

  /** One role the person holds in the organisation, if they do. */
  findHeld(manager: EntityManager, orgId: string, userId: string, role: Role): Promise<StaffRole | null> {
    return manager.getRepository(StaffRole).findOneBy({ orgId, userId, role });
  }

  /** Every role the person holds, in any organisation, as the caller's transaction reads it. */
  heldBy(manager: EntityManager, userId: string): Promise<StaffRole[]> {
    return manager.findBy(StaffRole, { userId });
  }

  /** Whether the person holds any role in the organisation. */
  isStaffOf(manager: EntityManager, orgId: string, userId: string): Promise<boolean> {
    return manager.existsBy(StaffRole, { orgId, userId });
  }

  /** The id of the person with this openid if they hold a role in the organisation (whom an administrator may name, e.g. an approver). */
  async staffIdByOpenid(manager: EntityManager, orgId: string, openid: string): Promise<string | null> {
    const user = await manager.findOneBy(User, { openid });
    return user && (await this.isStaffOf(manager, orgId, user.id)) ? user.id : null;
  }

  /** Every role held in the organisation, oldest first. */
  listOfOrg(orgId: string): Promise<StaffRole[]> {
    return this.db.getRepository(StaffRole).find({ where: { orgId }, order: { createdAt: 'ASC' } });
  }

  /** The roles these people hold in the organisation. */
  rolesOf(orgId: string, userIds: string[]): Promise<StaffRole[]> {
    return this.db.getRepository(StaffRole).findBy({ orgId, userId: In(userIds) });
  }

  /** The handlers of an organisation with their names: whom a dispatch sheet can name. */
  async listHandlers(orgId: string): Promise<Array<{ userId: string; departmentId: string | null; isHead: boolean; name: string | null }>> {
    const handlers = await this.db.getRepository(StaffRole).findBy({ orgId, role: 'handler' });
    const users = handlers.length ? await this.db.getRepository(User).findBy(handlers.map((h) => ({ id: h.userId }))) : [];
    const nameOf = new Map(users.map((u) => [u.id, u.name]));
    return handlers.map((h) => ({ userId: h.userId, departmentId: h.departmentId, isHead: h.isHead, name: nameOf.get(h.userId) ?? null }));
  }

  async insert(manager: EntityManager, role: StaffRole): Promise<void> {
    await manager.insert(StaffRole, role);
  }

  /** Gives the person the role, replacing an earlier holding of the same role (e.g. another department). */
  async upsert(manager: EntityManager, role: StaffRole): Promise<void> {
    await manager.getRepository(StaffRole).delete({ userId: role.userId, role: role.role });
    await manager.createQueryBuilder().insert().into(StaffRole).values(role).updateEntity(false).execute();
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(StaffRole, { id });
  }
}
