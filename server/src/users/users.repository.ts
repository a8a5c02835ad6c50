import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@minqing/shared';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { AuthUser } from './auth-user.js';
import { isUniqueViolation } from '../database/transactions.js';
import { newId } from '../common/columns.js';
import { StaffRole } from './entities/staff-role.entity.js';
import { User } from './entities/user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** `manager`: read inside that transaction (a reaction to an event reads on its own connection). */
  findById(id: string, manager: EntityManager = this.db.manager): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ id });
  }

  findByOpenid(openid: string, manager: EntityManager = this.db.manager): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ openid });
  }

  findByIds(ids: string[], manager: EntityManager = this.db.manager): Promise<User[]> {
    return manager.getRepository(User).findBy({ id: In(ids) });
  }

  /** The user of this openid, created on first login; two first logins at once still make one user. */
  async findOrCreateByOpenid(openid: string, now: Date): Promise<User> {
    const existing = await this.findByOpenid(openid);
    if (existing) return existing;
    const user: User = { id: newId(), openid, orgId: null, name: null, unit: null, phoneEnc: null, createdAt: now, updatedAt: now };
    try {
      await this.db.createQueryBuilder().insert().into(User).values(user).updateEntity(false).execute();
      return user;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findByOpenid(openid);
      if (!winner) throw error;
      return winner;
    }
  }

  /**
   * The person's row under a write lock until the transaction ends (MySQL/MariaDB: SELECT … FOR UPDATE),
   * taken first in the transaction, so what it then reads of this person's doings (how many appeals they
   * sent lately) already includes every transaction that held the lock before. SQLite needs none:
   * Transactions runs its write transactions one after another. Another person's row is not touched, so
   * different workers never wait for each other here.
   */
  async lockForUpdate(manager: EntityManager, id: string): Promise<void> {
    if (manager.connection.options.type === 'better-sqlite3') return;
    await manager.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [id]);
  }

  /** A whole user row, in the caller's transaction (seeding an organisation's staff). */
  async insert(manager: EntityManager, user: User): Promise<void> {
    await manager.insert(User, user);
  }

  async loadAuthUser(id: string): Promise<AuthUser | null> {
    // One query for the person and their roles: this runs before every authenticated request.
    const found = await this.db.getRepository(User).createQueryBuilder('u').leftJoinAndMapMany('u.staff', StaffRole, 'r', 'r.user_id = u.id').where('u.id = :id', { id }).getOne();
    if (!found) return null;
    const { staff, ...user } = found as User & { staff: StaffRole[] };
    const roles: Role[] = ['worker', ...staff.map((s) => s.role).filter((role) => role !== 'worker')];
    return { user, roles, staff };
  }

  async updateProfile(id: string, changes: Partial<Pick<User, 'name' | 'unit' | 'phoneEnc'>>, now: Date): Promise<void> {
    await this.db.getRepository(User).update({ id }, { ...changes, updatedAt: now });
  }

  /** A worker belongs to the organisation of their first appeal (one organisation per account). */
  /** The person's organisation from now on (a staff member bound by another mine). */
  async moveToOrg(id: string, orgId: string): Promise<void> {
    await this.db.getRepository(User).update({ id }, { orgId });
  }

  async claimOrg(id: string, orgId: string): Promise<void> {
    await this.db.createQueryBuilder().update(User).set({ orgId }).where('id = :id AND org_id IS NULL', { id }).execute();
  }
}
