import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@minqing/shared';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { AuthUser } from './auth-user.js';
import { isUniqueViolation } from '../database/transactions.js';
import { newId } from '../common/columns.js';
import { StaffRole } from './entities/staff-role.entity.js';
import { User } from './entities/user.entity.js';
import { hydrate, selectList } from '../database/select-rows.js';

/** The openid an erased person's row keeps: no WeChat login can ever match it. */
const ERASED_PREFIX = 'erased:';
export const isErasedOpenid = (openid: string): boolean => openid.startsWith(ERASED_PREFIX);

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
    const user: User = { id: newId(), openid, orgId: null, name: null, unit: null, phoneEnc: null, tokenVersion: 0, createdAt: now, updatedAt: now };
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
  async lockForUpdate(manager: EntityManager, id: string): Promise<{ erased: boolean }> {
    // SQLite takes no row lock (its writes are one at a time) but reads the row all the same: a request
    // authenticated before the person erased their data must not write after the erasure.
    const sql = manager.connection.options.type === 'better-sqlite3' ? 'SELECT openid FROM users WHERE id = ?' : 'SELECT openid FROM users WHERE id = ? FOR UPDATE';
    const [row] = (await manager.query(sql, [id])) as Array<{ openid: string }>;
    return { erased: !row || isErasedOpenid(row.openid) };
  }

  /**
   * Forgets who the person is (删除我的个人信息): name, unit and phone go, and the WeChat openid is
   * replaced, so the person's WeChat no longer leads to this row (a new login makes a new person); their
   * sessions end. The row stays, so the appeals it sent stay whole, without anyone's identity.
   */
  async erase(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.getRepository(User).update({ id }, { name: null, unit: null, phoneEnc: null, openid: `${ERASED_PREFIX}${id}`, updatedAt: now });
    await this.revokeTokens(id, manager);
  }

  /** A whole user row, in the caller's transaction (seeding an organisation's staff). */
  async insert(manager: EntityManager, user: User): Promise<void> {
    await manager.insert(User, user);
  }

  async loadAuthUser(id: string): Promise<AuthUser | null> {
    // One query for the person and their roles: this runs before every authenticated request.
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${selectList(this.db, User, 'u')}, ${selectList(this.db, StaffRole, 'r')} FROM users u LEFT JOIN staff_roles r ON r.user_id = u.id WHERE u.id = ?`,
      [id],
    );
    const user = rows.length ? hydrate(this.db, User, rows[0], 'u') : null;
    if (!user) return null;
    const staff = rows.map((row) => hydrate(this.db, StaffRole, row, 'r')).filter((role): role is StaffRole => role !== null);
    const roles: Role[] = ['worker', ...staff.map((s) => s.role).filter((role) => role !== 'worker')];
    return { user, roles, staff };
  }

  async updateProfile(id: string, changes: Partial<Pick<User, 'name' | 'unit' | 'phoneEnc'>>, now: Date): Promise<void> {
    await this.db.getRepository(User).update({ id }, { ...changes, updatedAt: now });
  }

  /** Ends every session of the person: the tokens signed with the earlier version are refused from now on. */
  async revokeTokens(id: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.getRepository(User).increment({ id }, 'tokenVersion', 1);
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
