// What staff hear of an appeal's transitions, as reactions to its events: 特事特办 goes straight to the
// party secretary, a dispatch sheet to the department, an extension request to the leader who decides,
// the decision back to the department. Each reaches the person's inbox, a WeChat to-do message and, for
// a department, its 企业微信 group robot (StaffNotifier). Built from serials, department names and
// times only, so no staff channel can carry a protected identity.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { formatLocal } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import { AppealEvents, eventKey, type AppealEventMap } from '../appeals/appeal-events.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import type { StaffNews as News } from './staff-messages.js';
import { StaffNotifier, type StaffAudience } from './staff-notifier.js';

type Told = Array<{ audience: StaffAudience; news: News }>;

@Injectable()
export class StaffNews implements OnModuleInit {
  constructor(
    @Inject(AppealEvents) private readonly events: AppealEvents,
    @Inject(StaffRolesRepository) private readonly staffRoles: StaffRolesRepository,
    @Inject(StaffNotifier) private readonly notifier: StaffNotifier,
  ) {}

  onModuleInit(): void {
    this.events.on('accept', (tx, event) => this.send(tx, event, this.urgentAccepted(tx, event)));
    this.events.on('dispatch', (tx, event) => this.send(tx, event, this.dispatched(tx, event)));
    this.events.on('extension', (tx, event) => this.send(tx, event, this.extensionRequested(tx, event)));
    this.events.on('extension-decision', (tx, event) => this.send(tx, event, this.extensionDecided(tx, event)));
    this.events.on('respond', (tx, event) => this.send(tx, event, this.responded(tx, event)));
    this.events.on('send-back', (tx, event) => this.send(tx, event, this.sentBack(tx, event)));
    this.events.on('co-answer', (tx, event) => this.send(tx, event, this.coAnswered(tx, event)));
    this.events.on('message', (tx, event) => this.workerWrote(tx, event));
  }

  /** A department's answer waits for the office's review: the office hears of it at once. */
  private async responded(tx: EntityManager, { before, after }: AppealEventMap['respond']): Promise<Told> {
    return [
      {
        audience: { userIds: await this.coordinators(tx, after.orgId) },
        news: { title: '部门已答复,待复核', body: `诉求 ${before.serial} 承办部门已答复,请复核后回复职工。`, note: '部门已答复,待复核' },
      },
    ];
  }

  /**
   * 退单: whoever dispatched the sheet hears that it came back, and why — the leader who issued it, or, for a
   * sheet the office issued by standing rule, the office (any clerk there may issue the next one). Without a
   * sheet on record, the party secretary, who dispatches anything.
   */
  private async sentBack(tx: EntityManager, { before, after, facts: { department, reason, dispatcher } }: AppealEventMap['send-back']): Promise<Told> {
    const userIds = !dispatcher ? await this.secretaries(tx, after.orgId) : dispatcher.role === 'coordinator' ? await this.coordinators(tx, after.orgId) : [dispatcher.id];
    const name = department?.name ?? '承办部门';
    return [
      {
        audience: { userIds },
        news: { title: '批办单被退回', body: `诉求 ${before.serial} 的批办单被${name}退回:${reason}。请重新批办。`, note: `${name}退单` },
      },
    ];
  }

  /** 协办意见: the lead department (主办) hears that a co-handling one has given its part. */
  private async coAnswered(tx: EntityManager, { before, after, facts: { department } }: AppealEventMap['co-answer']): Promise<Told> {
    if (!after.departmentId) return [];
    return [
      {
        audience: { userIds: await this.handlers(tx, after.orgId, after.departmentId), departmentId: after.departmentId },
        news: { title: '协办意见已提出', body: `诉求 ${before.serial}:${department.name}已提出协办意见,请查看后一并答复。`, note: `${department.name}协办意见` },
      },
    ];
  }

  /**
   * The worker's 补充说明: the office, and the department while the sheet is with it, hear that there is
   * one (never its words: staff channels carry serials and names of departments only).
   */
  private async workerWrote(tx: EntityManager, event: AppealEventMap['message']): Promise<void> {
    if (event.by !== 'owner') return;
    const { after, org, now, messageId } = event;
    const handling = after.departmentId && (after.status === 'dispatched' || after.status === 'in_progress');
    const userIds = [...(await this.coordinators(tx, after.orgId)), ...(handling ? await this.handlers(tx, after.orgId, after.departmentId!) : [])];
    const news: News = { title: '职工补充了说明', body: `诉求 ${after.serial} 的职工补充了说明,请查看。`, note: '职工补充说明' };
    await this.notifier.notify(tx, after, org, { userIds, departmentId: handling ? after.departmentId : null }, news, `appeal:${after.id}:message:${messageId}`, now);
  }

  private async urgentAccepted(tx: EntityManager, { before, after, facts }: AppealEventMap['accept']): Promise<Told> {
    if (!facts.urgent) return [];
    return [
      {
        audience: { userIds: await this.secretaries(tx, after.orgId) },
        news: { title: '特事特办诉求待批办', body: `诉求 ${before.serial} 标为特事特办,请尽快批办。`, note: '特事特办,请尽快批办' },
      },
    ];
  }

  private async dispatched(tx: EntityManager, { before, after, facts }: AppealEventMap['dispatch']): Promise<Told> {
    const { department } = facts;
    const dueAt = after.dueAt!;
    // A sheet amended while its department handles it is not a new one; one moved to another department is
    // new there, and the department it left is told it need not go on.
    const amended = before.status !== 'accepted' && before.departmentId === department.id;
    const told: Told = [
      {
        audience: { userIds: await this.handlers(tx, after.orgId, department.id), departmentId: department.id },
        news: amended
          ? { title: '批办单已修改', body: `诉求 ${before.serial} 的批办单已修改,请按新的批办单办理,在 ${formatLocal(dueAt)} 前答复。`, note: `${department.name}办理`, dueAt }
          : {
              title: before.urgent ? '特事特办:新的批办单' : '新的批办单',
              body: `诉求 ${before.serial} 已批办给${department.name},请在 ${formatLocal(dueAt)} 前答复。`,
              note: `${department.name}办理`,
              dueAt,
            },
      },
    ];
    // The department it left is told it need not go on — unless the new sheet names it as co-handling (told below).
    if (before.status !== 'accepted' && before.departmentId && before.departmentId !== department.id && !facts.coDepartments.some((d) => d.id === before.departmentId)) {
      told.push({
        audience: { userIds: await this.handlers(tx, after.orgId, before.departmentId), departmentId: before.departmentId },
        news: { title: '批办单已改派', body: `诉求 ${before.serial} 已改派给${department.name},本部门不用再办理。`, note: `改派${department.name}` },
      });
    }
    // 协办: a department newly on the sheet as co-handling hears of it as its own new work.
    const lead = department.name;
    for (const co of facts.coDepartments.filter((d) => d.added)) {
      told.push({
        audience: { userIds: await this.handlers(tx, after.orgId, co.id), departmentId: co.id },
        news: {
          title: before.urgent ? '特事特办:新的协办单' : '新的协办单',
          body: `诉求 ${before.serial} 由${lead}主办,请${co.name}协办,在 ${formatLocal(dueAt)} 前提出协办意见。`,
          note: `${co.name}协办`,
          dueAt,
        },
      });
    }
    // …and one the amended sheet leaves off, that it need not give its part (any part it gave stays on record).
    for (const co of facts.coDropped) {
      told.push({
        audience: { userIds: await this.handlers(tx, after.orgId, co.id), departmentId: co.id },
        news: { title: '协办已取消', body: `诉求 ${before.serial} 的批办单已修改,不再需要${co.name}协办,不用再提出协办意见。`, note: `${co.name}不再协办` },
      });
    }
    if (before.urgent) {
      told.push({
        audience: { userIds: await this.secretaries(tx, after.orgId) },
        news: { title: '特事特办批办单已下发', body: `诉求 ${before.serial} 已批办给${department.name}。`, note: `${department.name}办理`, dueAt },
      });
    }
    return told;
  }

  /** The leader in charge of the department decides; without one, the party secretary. */
  private async extensionRequested(tx: EntityManager, { before, after, facts: { until, reason, department } }: AppealEventMap['extension']): Promise<Told> {
    const deciders = department?.leaderId ? [department.leaderId] : await this.secretaries(tx, after.orgId);
    return [
      {
        audience: { userIds: deciders },
        news: {
          title: '延期申请待审批',
          body: `诉求 ${before.serial} 申请延期至 ${formatLocal(until)}:${reason}`,
          note: department ? `${department.name}申请延期` : '申请延期',
          dueAt: until,
        },
      },
    ];
  }

  private async extensionDecided(tx: EntityManager, { before, facts: { approved, until, text } }: AppealEventMap['extension-decision']): Promise<Told> {
    const handlers = before.departmentId ? await this.handlers(tx, before.orgId, before.departmentId) : [];
    return [
      {
        audience: { userIds: handlers, departmentId: before.departmentId },
        news: {
          title: approved ? '延期已批准' : '延期未批准',
          body: `诉求 ${before.serial}:${text}`,
          note: approved ? `延期至 ${formatLocal(until)}` : '仍按原时限办结',
          dueAt: approved ? until : before.dueAt,
        },
      },
    ];
  }

  private async send(
    tx: EntityManager,
    event: AppealEventMap['accept' | 'dispatch' | 'extension' | 'extension-decision' | 'respond' | 'send-back' | 'co-answer'],
    told: Promise<Told>,
  ): Promise<void> {
    for (const [i, { audience, news }] of (await told).entries()) {
      await this.notifier.notify(tx, event.before, event.org, audience, news, eventKey(event, i), event.now);
    }
  }

  private async coordinators(tx: EntityManager, orgId: string): Promise<string[]> {
    return (await this.staffRoles.staffWithRole(orgId, { role: 'coordinator' }, tx)).map((s) => s.userId);
  }

  private async secretaries(tx: EntityManager, orgId: string): Promise<string[]> {
    return (await this.staffRoles.staffWithRole(orgId, { role: 'leader', isSecretary: true }, tx)).map((s) => s.userId);
  }

  private async handlers(tx: EntityManager, orgId: string, departmentId: string): Promise<string[]> {
    return (await this.staffRoles.staffWithRole(orgId, { role: 'handler', departmentId }, tx)).map((s) => s.userId);
  }
}
