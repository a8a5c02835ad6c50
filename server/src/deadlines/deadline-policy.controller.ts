// The administrator sets the organisation's deadline policy: calendar or working time, working days
// and holidays, quiet hours, the time for each step, the delay between escalation rungs.
import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { deadlinePolicyBody, deadlinePolicyProblems, deadlinePolicyView, type DeadlinePolicy } from '@minqing/shared';
import { ApiContract } from '../common/openapi.js';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { DomainError } from '../common/domain-error.js';
import { OrgSettingsRepository } from '../org/org-settings.repository.js';

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/admin/deadline-policy')
export class DeadlinePolicyController {
  constructor(@Inject(OrgSettingsRepository) private readonly settings: OrgSettingsRepository) {}

  @Get()
  @ApiOperation({ summary: "The organisation's deadline policy, defaults filled in" })
  @ApiContract({ response: deadlinePolicyView })
  async get(@CurrentUser() auth: AuthUser): Promise<DeadlinePolicy> {
    return (await this.settings.read(orgWhereRole(auth, ['admin']))).deadlines;
  }

  @Put()
  @ApiOperation({ summary: 'Change the deadline policy (parts left out keep their value); new steps use it' })
  @ApiContract({
    body: deadlinePolicyBody,
    example: { calendar: { mode: 'working', holidays: ['2027-02-16'] }, quietHours: { start: '22:00', end: '07:00' } },
    response: deadlinePolicyView,
  })
  async put(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<DeadlinePolicy> {
    const orgId = orgWhereRole(auth, ['admin']);
    const problems = deadlinePolicyProblems(body);
    if (problems.length) throw new DomainError('DEADLINE_POLICY_INVALID', { fields: problems });
    const input = body as Partial<DeadlinePolicy>;
    const merge = (current: DeadlinePolicy): DeadlinePolicy => ({
      ...current,
      ...input,
      // The time zone is the organisation's own: a policy does not change it.
      calendar: { ...current.calendar, ...input.calendar, timeZone: current.calendar.timeZone },
      hours: { ...current.hours, ...input.hours },
      quietHours: { ...current.quietHours, ...input.quietHours },
    });
    return (await this.settings.update(orgId, 'deadlines', merge, { audit: { actorId: auth.user.id, action: 'deadline_policy.update' } })).after;
  }
}
