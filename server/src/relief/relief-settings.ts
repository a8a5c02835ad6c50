// The organisation's relief settings — the month's budget in fen, and the approver the administrator
// named besides the leaders — are a section of its settings (defined with the others in
// org/org-settings.ts); this is the administrator's save of them.
import { Inject, Injectable } from '@nestjs/common';
import { addFen, fen, monthOf, type Fen, type ReliefSettingsRequest, type ReliefSettingsStateView } from '@minqing/shared';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DomainError } from '../common/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { OrgSettingsRepository } from '../org/org-settings.repository.js';
import { OrgRepository } from '../org/org.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { ReliefRepository } from './relief.repository.js';
import { COMMITTED } from './relief.service.js';

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
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(ReliefRepository) private readonly records: ReliefRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * What the administrator's 困难救助 settings screen shows: the budget and how much of this month's is
   * committed (approved, paying, paid, or being withdrawn), the approver and whom they may name instead (the
   * mine's leaders, office and department staff), and the per-transfer window of 商户平台 (a setting of the server).
   */
  async view(orgId: string, now: Date): Promise<ReliefSettingsStateView> {
    const org = (await this.orgs.findOrgById(orgId))!;
    const month = monthOf(now, org.timeZone);
    const [settings, amounts, roles] = await Promise.all([
      this.settings.read(orgId),
      this.transactions.run((manager) => this.records.amountsOfMonth(manager, orgId, month, COMMITTED)),
      this.staffRoles.listOfOrg(orgId),
    ]);
    const staff = roles.filter((r) => r.role === 'leader' || r.role === 'coordinator' || r.role === 'handler');
    const people = new Map(
      (await this.users.findByIds([...new Set([...staff.map((r) => r.userId), ...(settings.relief.approverId ? [settings.relief.approverId] : [])])])).map((u) => [u.id, u]),
    );
    const seen = new Set<string>();
    const candidates = staff.flatMap((r) => {
      const person = people.get(r.userId);
      if (!person || seen.has(person.id)) return [];
      seen.add(person.id);
      return [{ openid: person.openid, name: person.name, role: r.role }];
    });
    const approver = settings.relief.approverId ? people.get(settings.relief.approverId) : undefined;
    return {
      month,
      monthlyBudgetFen: settings.relief.monthlyBudgetFen,
      committedFen: amounts.reduce((sum: Fen, amount) => addFen(sum, fen(amount)!), 0 as Fen),
      approver: approver ? { openid: approver.openid, name: approver.name } : null,
      candidates,
      transferMinFen: this.config.transfer.minFen,
      transferMaxFen: this.config.transfer.maxFen,
    };
  }

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
