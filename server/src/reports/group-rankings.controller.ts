// A mining group's view across its mines (红黑榜): each mine's 回复率, 按时办结率 and 满意率 side by
// side and ranked — counts and rates only, nothing inside a case. Same SQL as every other rate, in one
// query over all the group's mines.
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { groupRankingsView, type GroupRankingsView, isReportMonth, type RateCounts, type RateName, ratesOf } from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { NextRun } from './next-run.js';
import { RatesRepository } from './rates.repository.js';
import { ApiContract } from '../common/openapi.js';

const RANKED: RateName[] = ['replyRate', 'onTimeRate', 'satisfactionRate'];

@ApiTags('group')
@ApiBearerAuth()
@RequireRole('group_admin')
@Controller('api/group')
export class GroupRankingsController {
  /** Requests for the same group's month while its counts are computed share the next computation. */
  private readonly runs = new NextRun<{ mines: Organization[]; byMine: Map<string, RateCounts> }>();

  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(RatesRepository) private readonly rates: RatesRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('rankings/:month')
  @ApiOperation({ summary: "红黑榜: the group's mines ranked by 回复率, 按时办结率 and 满意率 for a month (group admin)" })
  @ApiContract({ response: groupRankingsView })
  async rankings(@CurrentUser() auth: AuthUser, @Param('month') month: string): Promise<GroupRankingsView> {
    const groupId = orgWhereRole(auth, ['group_admin']);
    if (!isReportMonth(month)) throw new DomainError('REPORT_MONTH_INVALID');
    const [group, { mines, byMine }] = await Promise.all([
      this.orgs.findOrgById(groupId).then((org) => org!),
      this.runs.run(`${groupId}|${month}`, async () => {
        const mines = await this.orgs.listMines(groupId);
        const now = this.clock.now();
        return {
          mines,
          byMine: await this.rates.countsByOrg(
            mines.map((mine) => mine.id),
            month,
            now,
          ),
        };
      }),
    ]);
    const rows = mines.map((mine) => {
      const counts = byMine.get(mine.id)!;
      return { code: mine.code, name: mine.name, total: counts.total, valid: counts.valid, rates: ratesOf(counts) };
    });
    // Best first; a mine with nothing to measure goes last rather than first.
    const rank = (name: RateName) => [...rows].sort((a, b) => (b.rates[name].value ?? -1) - (a.rates[name].value ?? -1)).map((r) => r.code);
    return {
      group: { code: group.code, name: group.name },
      month,
      mines: rows,
      rankings: Object.fromEntries(RANKED.map((name) => [name, rank(name)])) as GroupRankingsView['rankings'],
    };
  }
}
