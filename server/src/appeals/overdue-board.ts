// GET /api/overdue-board: what is late now, by department and by the person on the sheet — the leaders'
// live board (督办看板). One grouped read of the appeals past their department's deadline, the same rule
// as the inbox's 逾期 tab (a handling status, the answer's due time passed), and one of the co-handling
// departments' parts (协办意见) past their own deadline while the sheet is being handled, each listed under
// the department that owes it; the office and the leaders see their organisation's, a department its own.
import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TRANSITIONS, overdueBoardView, type AppealStatus, type OverdueBoardView } from '@minqing/shared';
import { DataSource } from 'typeorm';
import { RequireRole } from '../common/access.decorators.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { ApiContract } from '../common/openapi.js';
import { OrgRepository } from '../org/org.repository.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { UsersRepository } from '../users/users.repository.js';
import { AppealViewParts } from './appeal-view-parts.js';
import { Appeal } from './entities/appeal.entity.js';

const HANDLING: readonly AppealStatus[] = TRANSITIONS.extension.from;

interface LateGroup {
  departmentId: string;
  assigneeId: string | null;
  count: number;
  earliestDue: Date;
}

/** A time read back from an aggregate: mysql2 gives a Date, SQLite the stored UTC text ('2026-12-01 08:00:00.000'). */
export function aggregateTime(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

@Injectable()
export class OverdueBoardRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The late appeals counted per (department, assignee), with the earliest deadline of each group. */
  async lateGroups(orgId: string, departmentId: string | null, now: Date): Promise<LateGroup[]> {
    const rows = await this.lateGroupsQuery(orgId, departmentId, now).getRawMany<{ departmentId: string; assigneeId: string | null; n: number | string; earliest: unknown }>();
    return rows.map((r) => ({ departmentId: r.departmentId, assigneeId: r.assigneeId, count: Number(r.n), earliestDue: aggregateTime(r.earliest) }));
  }

  /** The query itself, for its plan (server/test/staff-list-plans.e2e.ts). */
  lateGroupsQuery(orgId: string, departmentId: string | null, now: Date) {
    const query = this.db
      .getRepository(Appeal)
      .createQueryBuilder('a')
      .select('a.department_id', 'departmentId')
      .addSelect('a.assignee_id', 'assigneeId')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MIN(a.due_at)', 'earliest')
      .where('a.org_id = :orgId AND a.status IN (:...handling) AND a.due_at < :now', { orgId, handling: HANDLING, now })
      .groupBy('a.department_id')
      .addGroupBy('a.assignee_id');
    if (departmentId) query.andWhere('a.department_id = :departmentId', { departmentId });
    return query;
  }
}

@Injectable()
export class OverdueBoardService {
  constructor(
    @Inject(OverdueBoardRepository) private readonly board: OverdueBoardRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppealViewParts) private readonly parts: AppealViewParts,
  ) {}

  async read(auth: AuthUser): Promise<OverdueBoardView> {
    // The office and the leaders read the organisation's; a department head or handler their department's.
    const wide = auth.staff.find((s) => s.role === 'coordinator' || s.role === 'leader');
    const own = auth.staff.find((s) => s.role === 'handler' && s.departmentId);
    const staff = wide ?? own;
    if (!staff) throw DomainError.forbidden();
    const now = this.clock.now();
    const [groups, parts] = await Promise.all([
      this.board.lateGroups(staff.orgId, wide ? null : own!.departmentId, now),
      // The deadlines module's steps (it registers the read: it depends on appeals, not the other way).
      this.parts.lateParts(staff.orgId, wide ? null : own!.departmentId, now),
    ]);
    const [departments, people] = await Promise.all([
      this.orgs.listDepartments(staff.orgId),
      this.users.findByIds([...new Set(groups.flatMap((g) => (g.assigneeId ? [g.assigneeId] : [])))]),
    ]);
    const departmentById = new Map(departments.map((d) => [d.id, d]));
    const nameById = new Map(people.map((p) => [p.id, p.name]));
    const byDepartment = new Map<string, LateGroup[]>();
    for (const group of groups) byDepartment.set(group.departmentId, [...(byDepartment.get(group.departmentId) ?? []), group]);
    const partsOf = new Map(parts.map((p) => [p.departmentId, p]));
    for (const p of parts) if (!byDepartment.has(p.departmentId)) byDepartment.set(p.departmentId, []);
    const rows = [...byDepartment].map(([departmentId, of]) => {
      const department = departmentById.get(departmentId);
      const part = partsOf.get(departmentId);
      const earliest = Math.min(...of.map((g) => g.earliestDue.getTime()), part?.earliestDue.getTime() ?? Infinity);
      return {
        department: { code: department?.code ?? '', name: department?.name ?? '已撤销的部门' },
        // Its late appeals and its late parts: each a piece of work the department owes.
        count: of.reduce((n, g) => n + g.count, 0) + (part?.count ?? 0),
        coHandling: part?.count ?? 0,
        longestHoursLate: Math.max(0, Math.floor((now.getTime() - earliest) / 3_600_000)),
        people: of
          .map((g) => ({ name: g.assigneeId ? (nameById.get(g.assigneeId) ?? '未留姓名的工作人员') : null, count: g.count }))
          .sort((a, b) => b.count - a.count || (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, 'zh'))),
      };
    });
    rows.sort((a, b) => b.count - a.count || b.longestHoursLate - a.longestHoursLate);
    return { at: now.toISOString(), total: rows.reduce((n, r) => n + r.count, 0), departments: rows };
  }
}

@ApiTags('appeals')
@ApiBearerAuth()
@Controller('api/overdue-board')
export class OverdueBoardController {
  constructor(@Inject(OverdueBoardService) private readonly board: OverdueBoardService) {}

  @Get()
  @RequireRole('coordinator', 'leader', 'handler')
  @ApiOperation({ summary: '督办看板: the appeals past their deadline now, by department and by the person on the sheet' })
  @ApiContract({ response: overdueBoardView })
  read(@CurrentUser() auth: AuthUser): Promise<OverdueBoardView> {
    return this.board.read(auth);
  }
}
