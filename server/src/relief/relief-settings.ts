// The organisation's relief settings — the month's budget in fen, and the approver the administrator
// named besides the leaders — are a section of its settings (defined with the others in
// org/org-settings.ts); this is the administrator's save of them.
import { Inject, Injectable } from '@nestjs/common';
import { fen, type ReliefSettingsRequest } from '@minqing/shared';
import { DomainError } from '../common/domain-error.js';
import { OrgSettingsRepository } from '../org/org-settings.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';

/**
 * The administrator's save of the month's budget and the approver: under the organisation row's lock,
 * so it never undoes another section saved at the same moment. The approver must be a person of this
 * organisation (a staff member), named by openid.
 */
@Injectable()
export class ReliefSettingsService {
  constructor(
    @Inject(OrgSettingsRepository) private readonly settings: OrgSettingsRepository,
    @Inject(StaffRolesRepository) private readonly staffRoles: StaffRolesRepository,
  ) {}

  async save(orgId: string, actorId: string, input: ReliefSettingsRequest): Promise<{ monthlyBudgetFen: number | null; approver: string | null }> {
    const budget = input.monthlyBudgetFen === undefined ? undefined : fen(input.monthlyBudgetFen)!;
    const { after } = await this.settings.update(
      orgId,
      'relief',
      async (current, manager) => {
        const approverId = typeof input.approver === 'string' ? await this.staffRoles.staffIdByOpenid(manager, orgId, input.approver) : current.approverId;
        if (!approverId && typeof input.approver === 'string') throw new DomainError('RELIEF_SETTINGS_INVALID');
        return { monthlyBudgetFen: budget ?? current.monthlyBudgetFen, approverId };
      },
      { audit: { actorId, action: 'relief_settings.update' } },
    );
    return { monthlyBudgetFen: after.monthlyBudgetFen, approver: typeof input.approver === 'string' ? input.approver : null };
  }
}
