// The administrator's setup of their organisation: its name, code, slogan, time zone and sticker
// QR; places, departments, categories; staff roles. Every change is written with an audit entry
// (who, when, before, after) in the same transaction.
import { Inject, Injectable } from '@nestjs/common';
import {
  categoryCreateBody,
  categoryUpdateBody,
  departmentCreateBody,
  departmentUpdateBody,
  orgUpdateBody,
  placeCreateBody,
  placeUpdateBody,
  SCENE_MAX_LENGTH,
  type AuditEntryView,
  type OrgSetupView,
  type Role,
} from '@minqing/shared';
import { Transactions } from '../database/transactions.js';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import type { AuthUser } from '../users/auth-user.js';
import { orgWhereRole } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { isUniqueViolation } from '../database/transactions.js';
import { Category } from '../org/entities/category.entity.js';
import { Department } from '../org/entities/department.entity.js';
import { Organization } from '../org/entities/organization.entity.js';
import { Place } from '../org/entities/place.entity.js';
import { stickerQrKindOf } from '../stickers/stickers.service.js';
import { StaffRole } from '../users/entities/staff-role.entity.js';
import { User } from '../users/entities/user.entity.js';
import { parseOrThrow, type ParseOptions } from '../common/schema.pipe.js';

/** The setup form always listed a body that is not an object together with the fields it lacks. */
const SETUP: ParseOptions = { nonObject: 'refuse-and-check' };

@Injectable()
export class OrgSetupService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async view(auth: AuthUser): Promise<OrgSetupView> {
    const orgId = orgWhereRole(auth, ['admin']);
    const m = this.db.manager;
    const [org, places, departments, categories, roles] = await Promise.all([
      m.findOneByOrFail(Organization, { id: orgId }),
      m.find(Place, { where: { orgId }, order: { position: 'ASC' } }),
      m.find(Department, { where: { orgId }, order: { code: 'ASC' } }),
      m.find(Category, { where: { orgId }, order: { position: 'ASC' } }),
      m.find(StaffRole, { where: { orgId }, order: { createdAt: 'ASC' } }),
    ]);
    const users = await m.findBy(User, { id: In([...new Set([...roles.map((r) => r.userId), ...departments.flatMap((d) => (d.leaderId ? [d.leaderId] : []))])]) });
    const userById = new Map(users.map((u) => [u.id, u]));
    const departmentCode = new Map(departments.map((d) => [d.id, d.code]));
    return {
      code: org.code,
      name: org.name,
      slogan: org.slogan,
      timeZone: org.timeZone,
      stickerQr: stickerQrKindOf(org),
      places: places.map((p) => ({ code: p.code, name: p.name, kind: p.kind, scanCount: p.scanCount, archived: p.archivedAt !== null })),
      departments: departments.map((d) => {
        const leader = d.leaderId ? userById.get(d.leaderId) : undefined;
        return { code: d.code, name: d.name, leader: leader ? { openid: leader.openid, name: leader.name } : null };
      }),
      categories: categories.map((c) => ({
        code: c.code, name: c.name, answerHours: c.answerHours, standingRule: c.standingRule,
        defaultDepartment: c.defaultDepartmentId ? (departmentCode.get(c.defaultDepartmentId) ?? null) : null,
      })),
      staff: roles.map((r) => ({
        userId: r.userId, name: userById.get(r.userId)?.name ?? null, role: r.role,
        department: r.departmentId ? (departmentCode.get(r.departmentId) ?? null) : null, isHead: r.isHead, isSecretary: r.isSecretary,
      })),
    };
  }

  async updateOrg(auth: AuthUser, body: unknown): Promise<OrgSetupView> {
    const { stickerQr, ...changes } = parseOrThrow(orgUpdateBody, body, SETUP);
    await this.change(auth, 'org.update', 'organization', async (manager, orgId) => {
      const org = await manager.findOneByOrFail(Organization, { id: orgId });
      const next: Partial<Organization> = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (stickerQr) next.settings = JSON.stringify({ ...(org.settings ? JSON.parse(org.settings) : {}), stickers: { qr: stickerQr } });
      if (Object.keys(next).length) await manager.update(Organization, { id: orgId }, next);
      return { key: org.code, before: pick(org, next), after: next };
    });
    return this.view(auth);
  }

  async createPlace(auth: AuthUser, body: unknown): Promise<OrgSetupView> {
    const { code, name, kind } = parseOrThrow(placeCreateBody, body, SETUP);
    await this.change(auth, 'place.create', 'place', async (manager, orgId) => {
      const org = await manager.findOneByOrFail(Organization, { id: orgId });
      // The mini-program code's scene o=<org>&s=<place> must fit WeChat's 32 characters.
      if (`o=${org.code}&s=${code}`.length > SCENE_MAX_LENGTH) throw new DomainError('PLACE_CODE_TOO_LONG', 422);
      const position = (await manager.count(Place, { where: { orgId } })) + 1;
      const place: Place = { id: newId(), orgId, code: code!, name: name!, kind: kind!, position, scanCount: 0, archivedAt: null };
      await manager.insert(Place, place);
      return { key: code!, before: null, after: { code, name, kind } };
    });
    return this.view(auth);
  }

  async updatePlace(auth: AuthUser, code: string, body: unknown): Promise<OrgSetupView> {
    const changes = parseOrThrow(placeUpdateBody, body, SETUP);
    await this.change(auth, 'place.update', 'place', async (manager, orgId) => {
      const place = await this.find(manager, Place, orgId, code, 'PLACE_UNKNOWN');
      const next = defined(changes);
      if (Object.keys(next).length) await manager.update(Place, { id: place.id }, next);
      return { key: code, before: pick(place, next), after: next };
    });
    return this.view(auth);
  }

  /** Takes a place down: off the form and the sticker sheet; its appeals keep naming it. */
  async archivePlace(auth: AuthUser, code: string): Promise<OrgSetupView> {
    await this.change(auth, 'place.archive', 'place', async (manager, orgId) => {
      const place = await this.find(manager, Place, orgId, code, 'PLACE_UNKNOWN');
      await manager.update(Place, { id: place.id }, { archivedAt: this.clock.now() });
      return { key: code, before: { archived: place.archivedAt !== null }, after: { archived: true } };
    });
    return this.view(auth);
  }

  async createDepartment(auth: AuthUser, body: unknown): Promise<OrgSetupView> {
    const { code, name, leader } = parseOrThrow(departmentCreateBody, body, SETUP);
    await this.change(auth, 'department.create', 'department', async (manager, orgId) => {
      const leaderId = leader ? await this.leaderId(manager, orgId, leader) : null;
      await manager.insert(Department, { id: newId(), orgId, code: code!, name: name!, leaderId, robotKey: null });
      return { key: code!, before: null, after: { code, name, leader: leader ?? null } };
    });
    return this.view(auth);
  }

  async updateDepartment(auth: AuthUser, code: string, body: unknown): Promise<OrgSetupView> {
    const { name, leader } = parseOrThrow(departmentUpdateBody, body, SETUP);
    await this.change(auth, 'department.update', 'department', async (manager, orgId) => {
      const department = await this.find(manager, Department, orgId, code, 'DEPARTMENT_UNKNOWN');
      const next: Partial<Department> = defined({ name });
      if (leader !== undefined) next.leaderId = leader ? await this.leaderId(manager, orgId, leader) : null;
      if (Object.keys(next).length) await manager.update(Department, { id: department.id }, next);
      return { key: code, before: pick(department, next), after: next };
    });
    return this.view(auth);
  }

  async createCategory(auth: AuthUser, body: unknown): Promise<OrgSetupView> {
    const { code, name, answerHours, defaultDepartment, standingRule } = parseOrThrow(categoryCreateBody, body, SETUP);
    await this.change(auth, 'category.create', 'category', async (manager, orgId) => {
      const defaultDepartmentId = defaultDepartment ? (await this.find(manager, Department, orgId, defaultDepartment, 'DEPARTMENT_UNKNOWN')).id : null;
      const position = (await manager.count(Category, { where: { orgId } })) + 1;
      await manager.insert(Category, { id: newId(), orgId, code: code!, name: name!, position, answerHours: answerHours!, defaultDepartmentId, standingRule: standingRule ?? false });
      return { key: code!, before: null, after: { code, name, answerHours, defaultDepartment: defaultDepartment ?? null, standingRule: standingRule ?? false } };
    });
    return this.view(auth);
  }

  async updateCategory(auth: AuthUser, code: string, body: unknown): Promise<OrgSetupView> {
    const { defaultDepartment, ...changes } = parseOrThrow(categoryUpdateBody, body, SETUP);
    await this.change(auth, 'category.update', 'category', async (manager, orgId) => {
      const category = await this.find(manager, Category, orgId, code, 'CATEGORY_UNKNOWN');
      const next: Partial<Category> = defined(changes);
      if (defaultDepartment !== undefined) next.defaultDepartmentId = defaultDepartment ? (await this.find(manager, Department, orgId, defaultDepartment, 'DEPARTMENT_UNKNOWN')).id : null;
      if (Object.keys(next).length) await manager.update(Category, { id: category.id }, next);
      return { key: code, before: pick(category, next), after: next };
    });
    return this.view(auth);
  }

  /** Takes a role away; the guard reads roles on every request, so it stops working at once. */
  async removeRole(auth: AuthUser, userId: string, role: string): Promise<OrgSetupView> {
    await this.change(auth, 'role.remove', 'staff_role', async (manager, orgId) => {
      const held = await manager.findOneBy(StaffRole, { orgId, userId, role: role as Role });
      if (!held) throw new DomainError('ROLE_NOT_HELD', 404);
      await manager.delete(StaffRole, { id: held.id });
      return { key: userId, before: { role, department: held.departmentId }, after: null };
    });
    return this.view(auth);
  }

  async auditTrail(auth: AuthUser, limit = 100): Promise<AuditEntryView[]> {
    const orgId = orgWhereRole(auth, ['admin']);
    const entries = await this.db.getRepository(AuditEntry).find({ where: { orgId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
    const actors = await this.db.getRepository(User).findBy({ id: In(entries.flatMap((e) => (e.actorId ? [e.actorId] : []))) });
    const nameOf = new Map(actors.map((a) => [a.id, a.name ?? a.openid]));
    const parse = (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown));
    return entries.map((e) => ({
      at: e.createdAt.toISOString(), actor: e.actorId ? (nameOf.get(e.actorId) ?? null) : null,
      action: e.action, entity: e.entity, key: e.entityKey, before: parse(e.before), after: parse(e.after),
    }));
  }

  /** Runs one change for the caller's organisation (admin only) with its audit entry; a taken code is a 409. */
  private async change(
    auth: AuthUser,
    action: string,
    entity: string,
    work: (manager: EntityManager, orgId: string) => Promise<{ key: string; before: unknown; after: unknown }>,
  ): Promise<void> {
    const orgId = orgWhereRole(auth, ['admin']);
    try {
      await this.transactions.run(async (manager) => {
        const { key, before, after } = await work(manager, orgId);
        await this.audit.record(manager, { orgId, actorId: auth.user.id, action, entity, entityKey: key, before, after }, this.clock.now());
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('SETUP_CODE_TAKEN', 409);
      throw error;
    }
  }

  private async find<T extends Place | Department | Category>(manager: EntityManager, type: new () => T, orgId: string, code: string, missing: 'PLACE_UNKNOWN' | 'DEPARTMENT_UNKNOWN' | 'CATEGORY_UNKNOWN'): Promise<T> {
    const row = await manager.getRepository(type).findOneBy({ orgId, code } as never);
    if (!row) throw new DomainError(missing, 404);
    return row as T;
  }

  /** The leader in charge of a department must be a leader of this organisation. */
  private async leaderId(manager: EntityManager, orgId: string, openid: string): Promise<string> {
    const user = await manager.findOneBy(User, { openid });
    const role = user ? await manager.findOneBy(StaffRole, { orgId, userId: user.id, role: 'leader' }) : null;
    if (!role) throw new DomainError('SETUP_LEADER_INVALID', 422);
    return user!.id;
  }
}

function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The fields of `row` that `changes` touches: the audit's "before". */
function pick(row: object, changes: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(changes).map((k) => [k, (row as Record<string, unknown>)[k]]));
}
