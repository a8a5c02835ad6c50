// The departments' 企业微信 group robots, and which office clerks get the to-do message of new appeals:
// the switch and the clerks who turned theirs off are a section of the organisation's settings, the
// webhook keys are the departments'. A save locks the organisation's row first, so it queues behind
// any other section's save instead of undoing it; the keys are secrets, so the audit says which
// departments changed, never the keys.
import { Inject, Injectable } from '@nestjs/common';
import type { NotificationSettingsRequest, NotificationSettingsView } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { OrgSettingsRepository } from '../org/org-settings.repository.js';
import { OrgSetupRepository } from '../org/org-setup.repository.js';
import { OrgRepository } from '../org/org.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';

@Injectable()
export class NotificationSettingsService {
  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(OrgSetupRepository) private readonly setup: OrgSetupRepository,
    @Inject(OrgSettingsRepository) private readonly settings: OrgSettingsRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(StaffRolesRepository) private readonly staffRoles: StaffRolesRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
  ) {}

  async view(orgId: string, manager?: EntityManager): Promise<NotificationSettingsView> {
    const [settings, departments, office] = await Promise.all([this.settings.read(orgId, manager), this.orgs.listDepartments(orgId, manager), this.office(orgId, manager)]);
    const off = new Set(settings.notifications.newAppealsOff);
    return {
      robot: settings.notifications.robot,
      departments: departments.map((d) => ({ code: d.code, name: d.name, robotKeySet: d.robotKey !== null })),
      office: office.map((u) => ({ openid: u.openid, name: u.name, newAppeals: !off.has(u.id) })),
    };
  }

  /** The office's clerks (coordinators), each once. */
  private async office(orgId: string, manager?: EntityManager) {
    const roles = await this.staffRoles.staffWithRole(orgId, { role: 'coordinator' }, manager);
    return this.users.findByIds([...new Set(roles.map((r) => r.userId))], manager);
  }

  async save(orgId: string, actorId: string, input: NotificationSettingsRequest): Promise<NotificationSettingsView> {
    const byCode = new Map((await this.orgs.listDepartments(orgId)).map((d) => [d.code, d]));
    for (const code of Object.keys(input.departments ?? {})) {
      if (!byCode.has(code)) throw new DomainError('DEPARTMENT_UNKNOWN', { department: code });
    }
    const office = await this.office(orgId);
    const clerks = new Map(office.map((u) => [u.openid, u.id]));
    const nameOf = new Map(office.map((u) => [u.openid, u.name ?? '未填姓名']));
    // Only the office's own clerks can be named: anyone else is not one of the choices the screen offers.
    if (Object.keys(input.newAppeals ?? {}).some((openid) => !clerks.has(openid))) throw new DomainError('NOTIFICATION_SETTINGS_INVALID');
    await this.transactions.run(async (manager) => {
      // The organisation's row first, locked: the robot switch is one section of its settings, and
      // the other sections may be saved at this very moment.
      const org = await this.settings.lock(manager, orgId);
      const shown = await this.view(orgId, manager);
      // The audit names the clerks by name, never by openid.
      const before = { robot: shown.robot, departments: shown.departments, office: shown.office.map((c) => ({ name: c.name, newAppeals: c.newAppeals })) };
      for (const [code, key] of Object.entries(input.departments ?? {})) {
        await this.setup.update(manager, 'department', byCode.get(code)!.id, { robotKey: key });
      }
      if (input.robot !== undefined || input.newAppeals !== undefined) {
        await this.settings.update(
          orgId,
          'notifications',
          (current) => {
            const off = new Set(current.newAppealsOff);
            for (const [openid, on] of Object.entries(input.newAppeals ?? {})) off[on ? 'delete' : 'add'](clerks.get(openid)!);
            return { ...current, robot: input.robot ?? current.robot, newAppealsOff: [...off] };
          },
          { manager },
        );
      }
      const after = {
        robot: input.robot ?? before.robot,
        // By name: the audit says who, never an openid.
        ...(input.newAppeals ? { newAppeals: Object.fromEntries(Object.entries(input.newAppeals).map(([openid, on]) => [nameOf.get(openid), on ? '接收' : '不接收'])) } : {}),
        departments: Object.fromEntries(Object.entries(input.departments ?? {}).map(([code, key]) => [code, key ? '已设置' : '已移除'])),
      };
      await this.audit.record(manager, { orgId, actorId, action: 'notifications.update', entity: 'organization', entityKey: org.code, before, after }, this.clock.now());
    });
    return this.view(orgId);
  }
}
