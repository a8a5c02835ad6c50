// The departments' 企业微信 group robots: the switch is a section of the organisation's settings, the
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

@Injectable()
export class NotificationSettingsService {
  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(OrgSetupRepository) private readonly setup: OrgSetupRepository,
    @Inject(OrgSettingsRepository) private readonly settings: OrgSettingsRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async view(orgId: string, manager?: EntityManager): Promise<NotificationSettingsView> {
    const [settings, departments] = await Promise.all([this.settings.read(orgId, manager), this.orgs.listDepartments(orgId, manager)]);
    return {
      robot: settings.notifications.robot,
      departments: departments.map((d) => ({ code: d.code, name: d.name, robotKeySet: d.robotKey !== null })),
    };
  }

  async save(orgId: string, actorId: string, input: NotificationSettingsRequest): Promise<NotificationSettingsView> {
    const byCode = new Map((await this.orgs.listDepartments(orgId)).map((d) => [d.code, d]));
    for (const code of Object.keys(input.departments ?? {})) {
      if (!byCode.has(code)) throw new DomainError('DEPARTMENT_UNKNOWN', { department: code });
    }
    await this.transactions.run(async (manager) => {
      // The organisation's row first, locked: the robot switch is one section of its settings, and
      // the other sections may be saved at this very moment.
      const org = await this.settings.lock(manager, orgId);
      const before = await this.view(orgId, manager);
      for (const [code, key] of Object.entries(input.departments ?? {})) {
        await this.setup.update(manager, 'department', byCode.get(code)!.id, { robotKey: key });
      }
      if (input.robot !== undefined) await this.settings.update(orgId, 'notifications', (current) => ({ ...current, robot: input.robot! }), { manager });
      const after = {
        robot: input.robot ?? before.robot,
        departments: Object.fromEntries(Object.entries(input.departments ?? {}).map(([code, key]) => [code, key ? '已设置' : '已移除'])),
      };
      await this.audit.record(manager, { orgId, actorId, action: 'notifications.update', entity: 'organization', entityKey: org.code, before, after }, this.clock.now());
    });
    return this.view(orgId);
  }
}
