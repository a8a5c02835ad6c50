// The administrator sets the organisation's deadline policy: calendar or working time, working days
// and holidays, quiet hours, the time for each step, the delay between escalation rungs.
import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type DeadlinePolicy, deadlinePolicyBody, deadlinePolicyProblems, deadlinePolicyView } from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { DomainError } from '../common/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { AuditLog } from '../audit/audit-log.js';
import { Clock } from '../common/clock.js';
import { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { policyOf } from './deadline-policy.js';
import { ApiContract } from '../common/openapi.js';

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/admin/deadline-policy')
export class DeadlinePolicyController {
  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  private async adminOrg(auth: AuthUser) {
    return (await this.orgs.findOrgById(orgWhereRole(auth, ['admin'])))!;
  }

  @Get()
  @ApiOperation({ summary: 'The organisation\'s deadline policy, defaults filled in' })
  @ApiContract({ response: deadlinePolicyView })
  async get(@CurrentUser() auth: AuthUser): Promise<DeadlinePolicy> {
    return policyOf(await this.adminOrg(auth));
  }

  @Put()
  @ApiOperation({ summary: 'Change the deadline policy (parts left out keep their value); new steps use it' })
  @ApiContract({ body: deadlinePolicyBody, example: { calendar: { mode: 'working', holidays: ['2027-02-16'] }, quietHours: { start: '22:00', end: '07:00' } }, response: deadlinePolicyView })
  async put(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<DeadlinePolicy> {
    const org = await this.adminOrg(auth);
    const problems = deadlinePolicyProblems(body);
    if (problems.length) throw new DomainError('DEADLINE_POLICY_INVALID', 400, { fields: problems });
    const current = policyOf(org);
    const input = body as Partial<DeadlinePolicy>;
    const { timeZone: _zone, ...calendar } = { ...current.calendar, ...input.calendar };
    const deadlines = { ...current, ...input, calendar, hours: { ...current.hours, ...input.hours }, quietHours: { ...current.quietHours, ...input.quietHours } };
    const settings = { ...(org.settings ? JSON.parse(org.settings) : {}), deadlines };
    await this.transactions.run(async (manager) => {
      await manager.update(Organization, { id: org.id }, { settings: JSON.stringify(settings) });
      const change = { orgId: org.id, actorId: auth.user.id, action: 'deadline_policy.update', entity: 'organization', entityKey: org.code, before: current, after: deadlines };
      await this.audit.record(manager, change, this.clock.now());
    });
    return policyOf({ ...org, settings: JSON.stringify(settings) });
  }
}
