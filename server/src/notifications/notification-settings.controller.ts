// The administrator turns the departments' 企业微信 group robots on or off and sets each robot's
// webhook key. The key is a secret: it is written, never read back (only whether one is set).
import { Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notificationSettingsBody, type NotificationSettingsRequest, notificationSettingsView, type NotificationSettingsView } from '@minqing/shared';
import { Transactions } from '../database/transactions.js';
import { DataSource } from 'typeorm';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { AuditLog } from '../audit/audit-log.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { Department } from '../org/entities/department.entity.js';
import { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { notificationSettingsOf } from './notification-settings.js';
import { ApiContract } from '../common/openapi.js';
import { ValidBody } from '../common/schema.pipe.js';

/** Department code → webhook key, or null to remove the department's robot. */
const NOTIFICATION_EXAMPLE = { robot: true, departments: { logistics: '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa', payroll: null } };

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/admin/notification-settings')
export class NotificationSettingsController {
  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether staff news also goes to the departments\' group robots, and which departments have one' })
  @ApiContract({ response: notificationSettingsView })
  async get(@CurrentUser() auth: AuthUser): Promise<NotificationSettingsView> {
    return this.view(orgWhereRole(auth, ['admin']));
  }

  @Put()
  @ApiOperation({ summary: 'Turn the group robots on or off; set or remove a department\'s robot key' })
  @ApiContract({ response: notificationSettingsView })
  async put(
    @CurrentUser() auth: AuthUser,
    @ValidBody(notificationSettingsBody, { code: 'NOTIFICATION_SETTINGS_INVALID', example: NOTIFICATION_EXAMPLE }) input: NotificationSettingsRequest,
  ): Promise<NotificationSettingsView> {
    const orgId = orgWhereRole(auth, ['admin']);
    const departments = await this.db.getRepository(Department).findBy({ orgId });
    const byCode = new Map(departments.map((d) => [d.code, d]));
    for (const code of Object.keys(input.departments ?? {})) {
      if (!byCode.has(code)) throw new DomainError('DEPARTMENT_UNKNOWN', 422, { department: code });
    }
    const org = (await this.orgs.findOrgById(orgId))!;
    const before = await this.view(orgId);
    await this.transactions.run(async (manager) => {
      for (const [code, key] of Object.entries(input.departments ?? {})) {
        await manager.getRepository(Department).update({ id: byCode.get(code)!.id }, { robotKey: key });
      }
      if (input.robot !== undefined) {
        const settings = { ...(org.settings ? JSON.parse(org.settings) : {}), notifications: { ...notificationSettingsOf(org), robot: input.robot } };
        await manager.getRepository(Organization).update({ id: orgId }, { settings: JSON.stringify(settings) });
      }
      // The keys themselves are secrets: the log says which departments changed, not the keys.
      const after = { robot: input.robot ?? before.robot, departments: Object.fromEntries(Object.entries(input.departments ?? {}).map(([code, key]) => [code, key ? '已设置' : '已移除'])) };
      await this.audit.record(manager, { orgId, actorId: auth.user.id, action: 'notifications.update', entity: 'organization', entityKey: org.code, before, after }, this.clock.now());
    });
    return this.view(orgId);
  }

  private async view(orgId: string): Promise<NotificationSettingsView> {
    const [org, departments] = await Promise.all([this.orgs.findOrgById(orgId), this.orgs.listDepartments(orgId)]);
    return {
      robot: notificationSettingsOf(org!).robot,
      departments: departments.map((d) => ({ code: d.code, name: d.name, robotKeySet: d.robotKey !== null })),
    };
  }
}
