// Every new appeal reaches the office — without a message per appeal. The first appeal of an
// organisation in a ten-minute window puts one to-do message per office clerk (sent only with their
// credit, like every WeChat message) and one post to the office's group robot (where robots are on) in
// the outbox, due when the window ends; later appeals of the window find them there and add nothing.
// The rows' keys name the organisation and the window, so the outbox's unique key keeps it to one
// digest however many instances take submissions at once. What the digest says is counted when it is
// sent: how many arrived in the window, and how many wait for triage now. In-app the office has the
// inbox's 待受理 count. Built from counts only: no text, no worker, nothing a staff channel must not carry.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { fitTemplateData } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import { AppealEvents, type AppealEventMap } from '../appeals/appeal-events.js';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { sectionOf } from '../org/org-settings.js';
import { OrgRepository } from '../org/org.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import type { OutboxMessage } from './entities/outbox-message.entity.js';
import { OutboxRepository, pendingMessage } from './outbox.repository.js';

export const DIGEST_WINDOW_MS = 10 * 60_000;
const PREFIX = 'digest:new-appeals';
/** The office's inbox, where the new appeals wait under 待受理. */
export const INBOX_PAGE = 'admin/inbox/index';

/** The key of one window's digest for one recipient (a person's id, or `robot:<department id>`). */
export const digestKey = (orgId: string, windowStart: number, recipient: string): string => `${PREFIX}:${orgId}:${windowStart}:${recipient}`;

function parseKey(key: string): { orgId: string; windowStart: number } | null {
  const match = /^digest:new-appeals:([^:]+):(\d+):/.exec(key);
  return match ? { orgId: match[1], windowStart: Number(match[2]) } : null;
}

@Injectable()
export class NewAppealDigest implements OnModuleInit {
  /**
   * Per organisation, the latest window this process has seen opened by a committed transaction (found in
   * the outbox): its later submissions need not ask again. Only what was found is kept — a window this
   * process opens itself may still roll back — and the rows stay until their window ends (they are due then).
   */
  private readonly seenOpen = new Map<string, number>();

  constructor(
    @Inject(AppealEvents) private readonly events: AppealEvents,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(StaffRolesRepository) private readonly staffRoles: StaffRolesRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // After the number: the month's counter row is held then, so one mine's submissions reach this one at a time.
    this.events.on('numbered', (tx, event) => this.open(tx, event));
  }

  /** Is this one of the digest's rows (its words are counted when it is sent)? */
  owns(message: Pick<OutboxMessage, 'dedupeKey'>): boolean {
    return message.dedupeKey.startsWith(`${PREFIX}:`);
  }

  private async open(tx: EntityManager, { after, org, now }: AppealEventMap['numbered']): Promise<void> {
    const windowStart = Math.floor(now.getTime() / DIGEST_WINDOW_MS) * DIGEST_WINDOW_MS;
    // Opened already (the rows are in the outbox): nothing to add. The unique key decides when two ask at once.
    if (this.seenOpen.get(after.orgId) === windowStart) return;
    if (await this.outbox.anyWithKeyPrefix(tx, `${PREFIX}:${after.orgId}:${windowStart}:`)) {
      this.seenOpen.set(after.orgId, windowStart);
      return;
    }
    const due = new Date(windowStart + DIGEST_WINDOW_MS);
    const office = await this.staffRoles.staffWithRole(after.orgId, { role: 'coordinator' }, tx);
    const { robot, newAppealsOff } = sectionOf(org, 'notifications');
    // The clerks the administrator left on (单位设置 → 提醒设置); each still needs their own WeChat consent.
    const people = await this.users.findByIds(
      [...new Set(office.map((r) => r.userId))].filter((id) => !newAppealsOff.includes(id)),
      tx,
    );
    const words = this.words(1, 1);
    for (const person of people) {
      const message = pendingMessage(
        {
          channel: 'wechat',
          orgId: after.orgId,
          appealId: null,
          userId: person.id,
          touser: person.openid,
          dedupeKey: digestKey(after.orgId, windowStart, person.id),
          templateId: this.config.wechat.templates.todo,
          page: INBOX_PAGE,
          data: JSON.stringify(this.todoData(words, after.serial, due, org.timeZone)),
        },
        now,
      );
      await this.outbox.enqueue(tx, { ...message, nextAttemptAt: due });
    }
    if (!robot) return;
    const departmentIds = [...new Set(office.map((r) => r.departmentId).filter((id): id is string => id !== null))];
    for (const departmentId of departmentIds) {
      const department = await this.orgs.findDepartmentById(departmentId, tx);
      if (!department?.robotKey) continue;
      const message = pendingMessage(
        {
          channel: 'robot',
          orgId: after.orgId,
          appealId: null,
          userId: null,
          touser: department.robotKey,
          dedupeKey: digestKey(after.orgId, windowStart, `robot:${department.id}`),
          templateId: '',
          page: this.link(),
          data: JSON.stringify({ markdown: this.markdown(words) }),
        },
        now,
      );
      await this.outbox.enqueue(tx, { ...message, nextAttemptAt: due });
    }
  }

  /** The digest's data as of now (the dispatcher asks just before it sends): the window's count, and those waiting. */
  async render(message: OutboxMessage): Promise<string> {
    const parsed = parseKey(message.dedupeKey);
    if (!parsed) return message.data;
    const { received, waiting } = await this.appeals.newAppealCounts(parsed.orgId, new Date(parsed.windowStart), new Date(parsed.windowStart + DIGEST_WINDOW_MS));
    const words = this.words(received, waiting);
    if (message.channel === 'robot') return JSON.stringify({ markdown: this.markdown(words) });
    const org = await this.orgs.findOrgById(parsed.orgId);
    const stored = JSON.parse(message.data) as Record<string, { value: string }>;
    // The serial field keeps the window's first appeal: the template has one, and the page is the inbox.
    const serial = stored[this.config.wechat.templateKeys.todo.serial]?.value ?? '';
    return JSON.stringify(this.todoData(words, serial, new Date(parsed.windowStart + DIGEST_WINDOW_MS), org?.timeZone));
  }

  private words(received: number, waiting: number): { title: string; body: string; note: string } {
    return {
      title: '新诉求待受理',
      body: `近 10 分钟收到 ${received} 件新诉求,现有 ${waiting} 件待受理,请及时受理。`,
      note: `新诉求 ${received} 件,待受理 ${waiting} 件`,
    };
  }

  private todoData(words: { title: string; note: string }, serial: string, at: Date, timeZone?: string): Record<string, { value: string }> {
    const keys = this.config.wechat.templateKeys.todo;
    return fitTemplateData({ [keys.title]: words.title, [keys.serial]: serial, [keys.due]: at, [keys.note]: words.note }, timeZone);
  }

  private link(): string {
    return `${this.config.publicBaseUrl}/#/${INBOX_PAGE}`;
  }

  private markdown(words: { title: string; body: string }): string {
    return [`**【民情一码通】${words.title}**`, `> ${words.body}`, `[打开工作台](${this.link()})`].join('\n');
  }
}
