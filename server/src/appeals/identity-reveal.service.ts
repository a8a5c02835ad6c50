// Looking behind a confidential identity as a trusted system does it. The office asks, with a
// reason; a second person — the party secretary, or whom the administrator named — approves or
// refuses, never the one who asked; while the approval lasts (24 hours unless the administrator set
// otherwise) the one who asked can read the contact; every read is recorded, and the first one tells
// the worker on their own timeline. Requested, decided and used: each on the staff timeline and in
// the audit log. Anonymous appeals have nobody to reveal.
import { Inject, Injectable } from '@nestjs/common';
import { revealBody, revealDecisionBody, identityFor, revealable, type RevealRequestView, type RevealSettingsRequest, type WorkerIdentity } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { NoticesRepository } from '../notices/notices.repository.js';
import { Transactions } from '../database/transactions.js';
import { settingsOf } from '../org/org-settings.js';
import { OrgSettingsRepository } from '../org/org-settings.repository.js';
import type { AuthUser } from '../users/auth-user.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { staffRolesFor } from './appeal-access.js';
import { AppealsRepository } from './appeals.repository.js';
import { AppealsService } from './appeals.service.js';
import type { Appeal } from './entities/appeal.entity.js';
import type { RevealRequest } from './entities/reveal-request.entity.js';
import { RevealLedger } from './reveal-ledger.js';
import { RevealRequestsRepository } from './reveal-requests.repository.js';
import { TimelineRepository } from './timeline.repository.js';

@Injectable()
export class IdentityRevealService {
  constructor(
    @Inject(AppealsService) private readonly appealsService: AppealsService,
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(RevealRequestsRepository) private readonly requests: RevealRequestsRepository,
    @Inject(RevealLedger) private readonly ledger: RevealLedger,
    @Inject(TimelineRepository) private readonly timeline: TimelineRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(StaffRolesRepository) private readonly staffRoles: StaffRolesRepository,
    @Inject(OrgSettingsRepository) private readonly settings: OrgSettingsRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(NoticesRepository) private readonly notices: NoticesRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** 申请查看联系方式: the office, with a reason, on a confidential appeal. */
  async request(auth: AuthUser, appealId: string, body: unknown): Promise<RevealRequestView> {
    const { appeal, access } = await this.appealsService.readable(auth, appealId);
    if (!access.actors.includes('coordinator')) throw DomainError.forbidden();
    if (!revealable(appeal.identity, 'coordinator')) throw new DomainError('REVEAL_NOT_CONFIDENTIAL');
    const reason = parseOrThrow(revealBody, body, { nonObject: 'empty' }).reason.trim().slice(0, 200);
    const now = this.clock.now();
    const request: RevealRequest = {
      id: newId(),
      orgId: appeal.orgId,
      appealId: appeal.id,
      requestedBy: auth.user.id,
      reason,
      state: 'pending',
      decidedBy: null,
      decidedAt: null,
      expiresAt: null,
      usedAt: null,
      createdAt: now,
    };
    await this.transactions.run(async (manager) => {
      // Under the organisation row's lock, so two taps at once make one request.
      const org = await this.settings.lock(manager, appeal.orgId);
      if (await this.requests.openFor(manager, appeal.id, auth.user.id, now)) throw new DomainError('REVEAL_ALREADY_OPEN');
      await this.requests.insert(manager, request);
      // The approvers hear of it in their inbox: the party secretary and the person the administrator named.
      const secretaries = await this.staffRoles.staffWithRole(appeal.orgId, { role: 'leader', isSecretary: true }, manager);
      const approvers = new Set([...secretaries.map((s) => s.userId), settingsOf(org).reveal.approverId].filter((id): id is string => id !== null && id !== auth.user.id));
      for (const userId of approvers) {
        const body = `诉求 ${appeal.serial}:党群工作部申请查看职工联系方式,请在诉求页审批。`;
        await this.notices.insert(manager, { id: newId(), userId, appealId: appeal.id, title: '查看联系方式待审批', body, readAt: null, createdAt: now });
      }
      await this.timeline.append(
        manager,
        appeal,
        [{ type: 'identity_reveal_requested', text: `申请查看职工联系方式,理由:${reason}`, visibleToWorker: false }],
        { role: 'coordinator', id: auth.user.id },
        now,
      );
      await this.record(manager, request, appeal, 'identity_reveal.request', { request: request.id, reason }, auth.user.id, now);
    });
    return (await this.views([request], auth, now))[0];
  }

  /** The requests the caller may see: an approver every request of the organisation, the office its own. */
  async list(auth: AuthUser): Promise<RevealRequestView[]> {
    const orgId = auth.staff[0]?.orgId;
    if (!orgId) throw DomainError.forbidden();
    const approver = await this.isApprover(auth, orgId);
    const office = auth.staff.some((s) => s.orgId === orgId && s.role === 'coordinator');
    if (!approver && !office) throw DomainError.forbidden();
    const rows = (await this.requests.listOfOrg(orgId, 100)).filter((r) => approver || r.requestedBy === auth.user.id);
    return this.views(rows, auth, this.clock.now());
  }

  /** 审批: approve (for the configured hours) or refuse; only a pending request, never one's own. */
  async decide(auth: AuthUser, id: string, body: unknown): Promise<RevealRequestView> {
    const found = await this.findVisible(auth, id);
    if (!(await this.isApprover(auth, found.orgId))) throw new DomainError('REVEAL_NOT_APPROVER');
    if (found.requestedBy === auth.user.id) throw new DomainError('REVEAL_SELF_APPROVAL');
    const { approve } = parseOrThrow(revealDecisionBody, body, { nonObject: 'empty' });
    const now = this.clock.now();
    const decided = await this.transactions.run(async (manager) => {
      const { hours } = settingsOf(await this.settings.lock(manager, found.orgId)).reveal;
      const changes = {
        state: approve ? ('approved' as const) : ('refused' as const),
        decidedBy: auth.user.id,
        decidedAt: now,
        expiresAt: approve ? new Date(now.getTime() + hours * 3600_000) : null,
      };
      if (!(await this.requests.decide(manager, found.id, changes))) throw new DomainError('REVEAL_STATE_CONFLICT');
      const appeal = (await this.appeals.findById(found.appealId, manager))!;
      const text = approve ? `同意查看职工联系方式,${hours} 小时内有效` : '不同意查看职工联系方式';
      // The approver as the role they hold here (the secretary is a leader; a named approver any staff role).
      const roles = staffRolesFor(auth, found.orgId);
      const role = roles.find((r) => r.role === 'leader' && r.isSecretary)?.role ?? roles[0]?.role ?? 'leader';
      await this.timeline.append(manager, appeal, [{ type: 'identity_reveal_decided', text, visibleToWorker: false }], { role, id: auth.user.id }, now);
      await this.record(
        manager,
        found,
        appeal,
        approve ? 'identity_reveal.approve' : 'identity_reveal.refuse',
        { request: found.id, expiresAt: changes.expiresAt?.toISOString() ?? null },
        auth.user.id,
        now,
      );
      return { ...found, ...changes };
    });
    return (await this.views([decided], auth, now))[0];
  }

  /** The contact, to the one who asked, while the approval lasts and they are still of the office; each read recorded. */
  async contact(auth: AuthUser, id: string): Promise<WorkerIdentity> {
    const grant = await this.requests.findById(id);
    const office = grant && auth.staff.some((s) => s.orgId === grant.orgId && s.role === 'coordinator');
    if (!grant || !office || grant.requestedBy !== auth.user.id) throw DomainError.notFound();
    const now = this.clock.now();
    if (grant.state !== 'approved' || !grant.expiresAt || grant.expiresAt <= now) throw new DomainError('REVEAL_NOT_GRANTED');
    const appeal = (await this.appeals.findById(grant.appealId))!;
    const submitter = await this.users.findById(appeal.submitterId);
    await this.transactions.run((manager) => this.ledger.recordUse(manager, grant, appeal, 'contact', now));
    const worker = {
      name: submitter?.name ?? null,
      unit: submitter?.unit ?? null,
      phone: this.cipher.decryptOptional(appeal.phoneEnc) ?? this.cipher.decryptOptional(submitter?.phoneEnc),
    };
    return identityFor(appeal.identity, 'coordinator', worker, true) ?? { name: null, unit: null, phone: null };
  }

  /** The administrator names the approver besides the party secretary (a staff member of the organisation) and the hours an approval lasts. */
  async saveSettings(orgId: string, actorId: string, input: RevealSettingsRequest): Promise<{ approver: string | null; hours: number }> {
    const { after } = await this.settings.update(
      orgId,
      'reveal',
      async (current, manager) => {
        const approverId = typeof input.approver === 'string' ? await this.staffRoles.staffIdByOpenid(manager, orgId, input.approver) : current.approverId;
        if (!approverId && typeof input.approver === 'string') throw new DomainError('REVEAL_SETTINGS_INVALID');
        return { approverId, hours: input.hours ?? current.hours };
      },
      { audit: { actorId, action: 'reveal_settings.update' } },
    );
    const approver = after.approverId ? await this.users.findById(after.approverId) : null;
    return { approver: approver?.openid ?? null, hours: after.hours };
  }

  /** The party secretary (a leader marked so), or the person the administrator named. */
  private async isApprover(auth: AuthUser, orgId: string): Promise<boolean> {
    if (staffRolesFor(auth, orgId).some((s) => s.role === 'leader' && s.isSecretary)) return true;
    return (await this.settings.read(orgId)).reveal.approverId === auth.user.id;
  }

  /** A request of the caller's organisation; 404 for anyone else, so ids reveal nothing. */
  private async findVisible(auth: AuthUser, id: string): Promise<RevealRequest> {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.requests.findById(id) : null;
    if (!found || !staffRolesFor(auth, found.orgId).length) throw DomainError.notFound();
    return found;
  }

  private record(manager: EntityManager, request: RevealRequest, appeal: Appeal, action: string, after: Record<string, unknown>, actorId: string, now: Date): Promise<void> {
    return this.audit.record(manager, { orgId: request.orgId, actorId, action, entity: 'appeal', entityKey: appeal.serial, before: null, after }, now);
  }

  private async views(rows: RevealRequest[], auth: AuthUser, now: Date): Promise<RevealRequestView[]> {
    const ids = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => v !== null))];
    const [appeals, people] = await Promise.all([
      this.appeals.findByIds(ids(rows.map((r) => r.appealId))),
      this.users.findByIds(ids(rows.flatMap((r) => [r.requestedBy, r.decidedBy]))),
    ]);
    const serialOf = new Map(appeals.map((a) => [a.id, a.serial]));
    const nameOf = new Map(people.map((p) => [p.id, p.name]));
    const approver = rows.length ? await this.isApprover(auth, rows[0].orgId) : false;
    return rows.map((r) => ({
      id: r.id,
      appeal: { id: r.appealId, serial: serialOf.get(r.appealId) ?? '' },
      reason: r.reason,
      state: r.state === 'approved' && r.expiresAt && r.expiresAt <= now ? 'expired' : r.state,
      requestedBy: nameOf.get(r.requestedBy) ?? null,
      decidedBy: r.decidedBy ? (nameOf.get(r.decidedBy) ?? null) : null,
      requestedAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
      canDecide: approver && r.state === 'pending' && r.requestedBy !== auth.user.id,
    }));
  }
}
