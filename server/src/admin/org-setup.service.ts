// The administrator's setup of their organisation: its name, code, slogan, time zone and sticker
// QR; places, departments, categories; staff roles. Every change is written with an audit entry
// (who, when, before, after) in the same transaction.
import { Inject, Injectable } from '@nestjs/common';
import {
  auditSummary,
  categoryCreateBody,
  categoryUpdateBody,
  departmentCreateBody,
  departmentUpdateBody,
  monthText,
  orgUpdateBody,
  placeCreateBody,
  placeUpdateBody,
  SCENE_MAX_LENGTH,
  type AuditEntryView,
  type OrgSetupView,
  type Role,
} from '@minqing/shared';
import { Transactions } from '../database/transactions.js';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.js';
import type { AuthUser } from '../users/auth-user.js';
import { orgWhereRole } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { isUniqueViolation } from '../database/transactions.js';
import type { Category } from '../org/entities/category.entity.js';
import type { Department } from '../org/entities/department.entity.js';
import type { Organization } from '../org/entities/organization.entity.js';
import type { Place } from '../org/entities/place.entity.js';
import { OrgSetupRepository, type SetupRows } from '../org/org-setup.repository.js';
import { OrgRepository } from '../org/org.repository.js';
import { sectionOf } from '../org/org-settings.js';
import { OrgSettingsRepository } from '../org/org-settings.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { isErasedOpenid, UsersRepository } from '../users/users.repository.js';
import { parseOrThrow, type ParseOptions } from '../common/schema.pipe.js';

/** The setup form always listed a body that is not an object together with the fields it lacks. */
const SETUP: ParseOptions = { nonObject: 'refuse-and-check' };

@Injectable()
export class OrgSetupService {
  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(OrgSetupRepository) private readonly setup: OrgSetupRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(StaffRolesRepository) private readonly staffRoles: StaffRolesRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(OrgSettingsRepository) private readonly settings: OrgSettingsRepository,
  ) {}

  async view(auth: AuthUser): Promise<OrgSetupView> {
    const orgId = orgWhereRole(auth, ['admin']);
    const [org, places, departments, categories, roles] = await Promise.all([
      this.orgs.findOrgById(orgId).then((found) => found!),
      this.orgs.listPlaces(orgId),
      this.orgs.listDepartments(orgId),
      this.orgs.listCategories(orgId),
      this.staffRoles.listOfOrg(orgId),
    ]);
    const users = await this.users.findByIds([...new Set([...roles.map((r) => r.userId), ...departments.flatMap((d) => (d.leaderId ? [d.leaderId] : []))])]);
    const userById = new Map(users.map((u) => [u.id, u]));
    const departmentCode = new Map(departments.map((d) => [d.id, d.code]));
    return {
      code: org.code,
      name: org.name,
      slogan: org.slogan,
      timeZone: org.timeZone,
      stickerQr: sectionOf(org, 'stickers').qr,
      places: places.map((p) => ({ code: p.code, name: p.name, kind: p.kind, scanCount: p.scanCount, archived: p.archivedAt !== null })),
      departments: departments.map((d) => {
        const leader = d.leaderId ? userById.get(d.leaderId) : undefined;
        return { code: d.code, name: d.name, leader: leader ? { openid: leader.openid, name: leader.name } : null };
      }),
      categories: categories.map((c) => ({
        code: c.code,
        name: c.name,
        answerHours: c.answerHours,
        standingRule: c.standingRule,
        defaultDepartment: c.defaultDepartmentId ? (departmentCode.get(c.defaultDepartmentId) ?? null) : null,
      })),
      staff: roles.map((r) => ({
        userId: r.userId,
        name: userById.get(r.userId)?.name ?? null,
        role: r.role,
        department: r.departmentId ? (departmentCode.get(r.departmentId) ?? null) : null,
        isHead: r.isHead,
        isSecretary: r.isSecretary,
      })),
    };
  }

  async updateOrg(auth: AuthUser, body: unknown): Promise<OrgSetupView> {
    const { stickerQr, ...changes } = parseOrThrow(orgUpdateBody, body, SETUP);
    await this.change(auth, 'org.update', 'organization', async (manager, orgId) => {
      // The row first, locked: the stickers' QR is one section of its settings, which other
      // administrators may be saving at this very moment.
      const org = await this.settings.lock(manager, orgId);
      const columns: Partial<Organization> = defined(changes);
      if (Object.keys(columns).length) await this.setup.updateOrg(manager, orgId, columns);
      const next = { ...columns };
      if (stickerQr) next.settings = (await this.settings.update(orgId, 'stickers', (current) => ({ ...current, qr: stickerQr }), { manager })).settings;
      return { key: org.code, before: pick(org, next), after: next };
    });
    return this.view(auth);
  }

  async createPlace(auth: AuthUser, body: unknown): Promise<OrgSetupView> {
    const { code, name, kind } = parseOrThrow(placeCreateBody, body, SETUP);
    await this.change(auth, 'place.create', 'place', async (manager, orgId) => {
      const org = (await this.orgs.findOrgById(orgId, manager))!;
      // The mini-program code's scene o=<org>&s=<place> must fit WeChat's 32 characters.
      if (`o=${org.code}&s=${code}`.length > SCENE_MAX_LENGTH) throw new DomainError('PLACE_CODE_TOO_LONG');
      const position = (await this.setup.count(manager, 'place', orgId)) + 1;
      const place: Place = { id: newId(), orgId, code: code!, name: name!, kind: kind!, position, scanCount: 0, archivedAt: null };
      await this.setup.insert(manager, 'place', place);
      return { key: code!, before: null, after: { code, name, kind } };
    });
    return this.view(auth);
  }

  async updatePlace(auth: AuthUser, code: string, body: unknown): Promise<OrgSetupView> {
    const changes = parseOrThrow(placeUpdateBody, body, SETUP);
    await this.change(auth, 'place.update', 'place', async (manager, orgId) => {
      const place = await this.find(manager, 'place', orgId, code, 'PLACE_UNKNOWN');
      const next = defined(changes);
      if (Object.keys(next).length) await this.setup.update(manager, 'place', place.id, next);
      return { key: code, before: pick(place, next), after: next };
    });
    return this.view(auth);
  }

  /** Takes a place down: off the form and the sticker sheet; its appeals keep naming it. */
  async archivePlace(auth: AuthUser, code: string): Promise<OrgSetupView> {
    await this.change(auth, 'place.archive', 'place', async (manager, orgId) => {
      const place = await this.find(manager, 'place', orgId, code, 'PLACE_UNKNOWN');
      await this.setup.update(manager, 'place', place.id, { archivedAt: this.clock.now() });
      return { key: code, before: { archived: place.archivedAt !== null }, after: { archived: true } };
    });
    return this.view(auth);
  }

  async createDepartment(auth: AuthUser, body: unknown): Promise<OrgSetupView> {
    const { code, name, leader } = parseOrThrow(departmentCreateBody, body, SETUP);
    await this.change(auth, 'department.create', 'department', async (manager, orgId) => {
      const leaderId = leader ? await this.leaderId(manager, orgId, leader) : null;
      await this.setup.insert(manager, 'department', { id: newId(), orgId, code: code!, name: name!, leaderId, robotKey: null });
      return { key: code!, before: null, after: { code, name, leader: leader ?? null } };
    });
    return this.view(auth);
  }

  async updateDepartment(auth: AuthUser, code: string, body: unknown): Promise<OrgSetupView> {
    const { name, leader } = parseOrThrow(departmentUpdateBody, body, SETUP);
    await this.change(auth, 'department.update', 'department', async (manager, orgId) => {
      const department = await this.find(manager, 'department', orgId, code, 'DEPARTMENT_UNKNOWN');
      const next: Partial<Department> = defined({ name });
      if (leader !== undefined) next.leaderId = leader ? await this.leaderId(manager, orgId, leader) : null;
      if (Object.keys(next).length) await this.setup.update(manager, 'department', department.id, next);
      return { key: code, before: pick(department, next), after: next };
    });
    return this.view(auth);
  }

  async createCategory(auth: AuthUser, body: unknown): Promise<OrgSetupView> {
    const { code, name, answerHours, defaultDepartment, standingRule } = parseOrThrow(categoryCreateBody, body, SETUP);
    await this.change(auth, 'category.create', 'category', async (manager, orgId) => {
      const defaultDepartmentId = defaultDepartment ? (await this.find(manager, 'department', orgId, defaultDepartment, 'DEPARTMENT_UNKNOWN')).id : null;
      const position = (await this.setup.count(manager, 'category', orgId)) + 1;
      await this.setup.insert(manager, 'category', {
        id: newId(),
        orgId,
        code: code!,
        name: name!,
        position,
        answerHours: answerHours!,
        defaultDepartmentId,
        standingRule: standingRule ?? false,
      });
      return { key: code!, before: null, after: { code, name, answerHours, defaultDepartment: defaultDepartment ?? null, standingRule: standingRule ?? false } };
    });
    return this.view(auth);
  }

  async updateCategory(auth: AuthUser, code: string, body: unknown): Promise<OrgSetupView> {
    const { defaultDepartment, ...changes } = parseOrThrow(categoryUpdateBody, body, SETUP);
    await this.change(auth, 'category.update', 'category', async (manager, orgId) => {
      const category = await this.find(manager, 'category', orgId, code, 'CATEGORY_UNKNOWN');
      const next: Partial<Category> = defined(changes);
      if (defaultDepartment !== undefined)
        next.defaultDepartmentId = defaultDepartment ? (await this.find(manager, 'department', orgId, defaultDepartment, 'DEPARTMENT_UNKNOWN')).id : null;
      if (Object.keys(next).length) await this.setup.update(manager, 'category', category.id, next);
      return { key: code, before: pick(category, next), after: next };
    });
    return this.view(auth);
  }

  /** Takes a role away and ends the person's sessions: their tokens stop working at once. */
  async removeRole(auth: AuthUser, userId: string, role: string): Promise<OrgSetupView> {
    await this.change(auth, 'role.remove', 'staff_role', async (manager, orgId) => {
      const held = await this.staffRoles.findHeld(manager, orgId, userId, role as Role);
      if (!held) throw new DomainError('ROLE_NOT_HELD');
      await this.staffRoles.remove(manager, held.id);
      await this.users.revokeTokens(userId, manager);
      return { key: userId, before: { role, department: held.departmentId }, after: null };
    });
    return this.view(auth);
  }

  async auditTrail(auth: AuthUser, limit = 100): Promise<AuditEntryView[]> {
    const orgId = orgWhereRole(auth, ['admin']);
    const entries = await this.audit.latest(orgId, limit);
    // The people named: who acted, and whose role was given or taken.
    const people = entries.flatMap((e) => [...(e.actorId ? [e.actorId] : []), ...(e.entity === 'staff_role' && e.entityKey ? [e.entityKey] : [])]);
    const users = await this.users.findByIds([...new Set(people)]);
    const nameOf = new Map(users.map((a) => [a.id, a.name ?? (isErasedOpenid(a.openid) ? '一位职工' : '未填姓名的职工')]));
    const setup = await this.view(auth);
    const names: Record<string, Map<string, string>> = {
      place: new Map(setup.places.map((p) => [p.code, p.name])),
      department: new Map(setup.departments.map((d) => [d.code, d.name])),
      category: new Map(setup.categories.map((c) => [c.code, c.name])),
    };
    const parse = (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown));
    /** What the entry changed, by its name: never a code or an id on the administrator's screen. */
    const subject = (entity: string, key: string | null, after: unknown): string | null => {
      if (key === null) return null;
      if (entity in names) return names[entity].get(key) ?? ((after as { name?: string } | null)?.name || null);
      if (entity === 'organization') return setup.name;
      if (entity === 'staff_role') return nameOf.get(key) ?? '一位职工';
      if (entity === 'report') return monthText(key);
      if (entity === 'appeal') return `诉求 ${key}`;
      return null;
    };
    return entries.map((e) => {
      const before = parse(e.before);
      const after = parse(e.after);
      return {
        at: e.createdAt.toISOString(),
        actor: e.actorId ? (nameOf.get(e.actorId) ?? null) : null,
        action: e.action,
        entity: e.entity,
        key: e.entityKey,
        summary: auditSummary({ action: e.action, before, after }, subject(e.entity, e.entityKey, after)),
        before,
        after,
      };
    });
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
      if (isUniqueViolation(error)) throw new DomainError('SETUP_CODE_TAKEN');
      throw error;
    }
  }

  private async find<K extends keyof SetupRows>(
    manager: EntityManager,
    kind: K,
    orgId: string,
    code: string,
    missing: 'PLACE_UNKNOWN' | 'DEPARTMENT_UNKNOWN' | 'CATEGORY_UNKNOWN',
  ): Promise<SetupRows[K]> {
    const row = await this.setup.findByCode(manager, kind, orgId, code);
    if (!row) throw DomainError.notFound(missing);
    return row;
  }

  /** The leader in charge of a department must be a leader of this organisation. */
  private async leaderId(manager: EntityManager, orgId: string, openid: string): Promise<string> {
    const user = await this.users.findByOpenid(openid, manager);
    const role = user ? await this.staffRoles.findHeld(manager, orgId, user.id, 'leader') : null;
    if (!role) throw new DomainError('SETUP_LEADER_INVALID');
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
