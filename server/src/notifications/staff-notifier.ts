// Tells staff of news about an appeal, in the transaction of the event that caused it: an inbox
// notice for each person, a WeChat to-do message through the outbox (sent if they granted a credit),
// and a post to the department's 企业微信 group robot when the organisation has turned robots on.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { newId } from '../common/columns.js';
import { NoticesRepository } from '../notices/notices.repository.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { sectionOf } from '../org/org-settings.js';
import { OutboxRepository, pendingMessage } from './outbox.repository.js';
import { robotMarkdown, staffPage, staffTodoData, type StaffNews } from './staff-messages.js';

export interface StaffAudience {
  userIds: string[];
  /** The department whose group robot hears of it, if any. */
  departmentId?: string | null;
}

@Injectable()
export class StaffNotifier {
  constructor(
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(NoticesRepository) private readonly notices: NoticesRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `eventKey` names the event once (e.g. `appeal:<id>:v3:dispatch`): a retried event sends nothing twice. */
  async notify(
    manager: EntityManager,
    appeal: { id: string; orgId: string; serial: string },
    org: Pick<Organization, 'settings' | 'timeZone'>,
    audience: StaffAudience,
    news: StaffNews,
    eventKey: string,
    now: Date,
  ): Promise<void> {
    const userIds = [...new Set(audience.userIds)];
    const users = userIds.length ? await this.users.findByIds(userIds, manager) : [];
    for (const user of users) {
      await this.notices.insert(manager, { id: newId(), userId: user.id, appealId: appeal.id, title: news.title, body: news.body, readAt: null, createdAt: now });
      const message = pendingMessage(
        {
          channel: 'wechat',
          orgId: appeal.orgId,
          appealId: appeal.id,
          userId: user.id,
          touser: user.openid,
          dedupeKey: `${eventKey}:${user.id}`,
          templateId: this.config.wechat.templates.todo,
          page: staffPage(appeal.id),
          data: JSON.stringify(staffTodoData(news, appeal.serial, now, org.timeZone, this.config.wechat.templateKeys.todo)),
        },
        now,
      );
      await this.outbox.enqueue(manager, message);
    }
    if (!audience.departmentId || !sectionOf(org, 'notifications').robot) return;
    const department = await this.orgs.findDepartmentById(audience.departmentId, manager);
    if (!department?.robotKey) return;
    const link = `${this.config.publicBaseUrl}/#/${staffPage(appeal.id)}`;
    const post = pendingMessage(
      {
        channel: 'robot',
        orgId: appeal.orgId,
        appealId: appeal.id,
        userId: null,
        touser: department.robotKey,
        dedupeKey: `${eventKey}:robot`,
        templateId: '',
        page: link,
        data: JSON.stringify({ markdown: robotMarkdown(news, appeal.serial, link) }),
      },
      now,
    );
    await this.outbox.enqueue(manager, post);
  }
}
