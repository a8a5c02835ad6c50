// Staff are bound to their role by a one-time code an admin issues (role + department, 72 hours,
// single use), entered or scanned in the mini-program. Roles are read on every request, so a
// change takes effect at the next one.
import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { bindBody, ROLES, type Role, type UserView } from '@minqing/shared';
import type { AuthUser } from '../users/auth-user.js';
import { AuditLog } from '../audit/audit-log.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import { Transactions } from '../database/transactions.js';
import { OrgRepository } from '../org/org.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { ProfileService } from '../profile/profile.service.js';
import { StaffRepository } from './staff.repository.js';

const CODE_TTL_MS = 72 * 3600_000;
/** No 0/O or 1/I: the code is read aloud and typed on a phone. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const BINDABLE: Role[] = ['coordinator', 'leader', 'handler', 'admin'];

/** A code as the audit log names it: enough to tell codes apart, not enough to use one still unspent. */
const codeForAudit = (code: string) => `${code.slice(0, 4)}****`;

@Injectable()
export class StaffService {
  constructor(
    @Inject(StaffRepository) private readonly staff: StaffRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(StaffRolesRepository) private readonly roles: StaffRolesRepository,
    @Inject(ProfileService) private readonly profiles: ProfileService,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async issueCode(auth: AuthUser, body: unknown): Promise<{ code: string; expiresAt: string }> {
    const admin = auth.staff.find((s) => s.role === 'admin');
    if (!admin) throw DomainError.forbidden();
    const input = (body ?? {}) as { role?: unknown; department?: unknown; isHead?: unknown; isSecretary?: unknown };
    const role = input.role as Role;
    if (!ROLES.includes(role) || !BINDABLE.includes(role)) throw new DomainError('ROLE_INVALID');
    let department: { id: string; code: string } | null = null;
    if (role === 'handler' || input.department !== undefined) {
      department = typeof input.department === 'string' ? await this.orgs.findDepartment(admin.orgId, input.department) : null;
      if (!department) throw new DomainError('DEPARTMENT_UNKNOWN');
    }
    const now = this.clock.now();
    const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    const isHead = role === 'handler' && input.isHead === true;
    const isSecretary = role === 'leader' && input.isSecretary === true;
    await this.transactions.run(async (manager) => {
      await this.staff.insertCode(manager, {
        code,
        orgId: admin.orgId,
        role,
        departmentId: department?.id ?? null,
        isHead,
        isSecretary,
        createdBy: auth.user.id,
        expiresAt,
        usedBy: null,
        usedAt: null,
        createdAt: now,
      });
      const after = { role, department: department?.code ?? null, isHead, isSecretary, expiresAt: expiresAt.toISOString() };
      await this.audit.record(
        manager,
        { orgId: admin.orgId, actorId: auth.user.id, action: 'bind_code.create', entity: 'bind_code', entityKey: codeForAudit(code), before: null, after },
        now,
      );
    });
    return { code, expiresAt: expiresAt.toISOString() };
  }

  async bind(auth: AuthUser, body: unknown): Promise<UserView> {
    const { code } = parseOrThrow(bindBody, body, { code: 'BIND_CODE_INVALID', nonObject: 'empty' });
    const now = this.clock.now();
    const orgId = await this.transactions.run(async (manager) => {
      // The person's row first: their binds queue on it, so two codes entered at once replace a role
      // row one after the other instead of deadlocking, and each sees the roles the one before gave.
      await this.users.lockForUpdate(manager, auth.user.id);
      const spent = await this.staff.spendCode(manager, code, auth.user.id, now);
      if (!spent) throw new DomainError('BIND_CODE_INVALID');
      // One organisation per account. A person moving to another mine keeps their account: once the
      // old mine has taken their roles away, the new mine's code moves them; while they still hold a
      // role there, the code is refused (nobody works for two mines through one account).
      // (The roles as they are now, under the lock: not as the request found them.)
      const elsewhere = (await this.roles.heldBy(manager, auth.user.id)).filter((r) => r.orgId !== spent.orgId);
      if (elsewhere.length) throw new DomainError('ROLE_IN_OTHER_ORG');
      await this.roles.upsert(manager, {
        id: newId(),
        userId: auth.user.id,
        orgId: spent.orgId,
        role: spent.role,
        departmentId: spent.departmentId,
        isHead: spent.isHead,
        isSecretary: spent.isSecretary,
        createdAt: now,
      });
      // The grant: who got which role, by whose code.
      const department = spent.departmentId ? await this.orgs.findDepartmentById(spent.departmentId, manager) : null;
      const after = {
        role: spent.role,
        department: department?.code ?? null,
        isHead: spent.isHead,
        isSecretary: spent.isSecretary,
        code: codeForAudit(code),
        issuedBy: spent.createdBy,
      };
      await this.audit.record(
        manager,
        { orgId: spent.orgId, actorId: auth.user.id, action: 'role.grant', entity: 'staff_role', entityKey: auth.user.id, before: null, after },
        now,
      );
      return spent.orgId;
    });
    await this.users.moveToOrg(auth.user.id, orgId);
    const fresh = (await this.users.loadAuthUser(auth.user.id))!;
    return this.profiles.view(fresh.user, fresh.roles);
  }
}
