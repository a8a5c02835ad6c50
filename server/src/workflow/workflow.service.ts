// The staff's side of the closed loop (DESIGN §1): every transition is checked against the one status
// machine, written with an optimistic version check, and recorded as an immutable timeline event in
// the same transaction — with the inbox notices it causes.
import { Inject, Injectable } from '@nestjs/common';
import {
  maskMobilesInText,
  OUTCOME_LABELS,
  RATING_LABELS,
  RATING_WINDOW_DAYS,
  TRANSITIONS,
  addHours,
  canTransition,
  fieldError,
  formatLocal,
  nextStatus,
  validateActionBody,
  type Actor,
  type AppealAction,
  type AppealView,
  type ActionBodies,
  type TimelineEventType,
} from '@minqing/shared';
import type { AuthUser } from '../users/auth-user.js';
import { accessTo, type AppealAccess } from '../appeals/appeal-access.js';
import { AppealViewBuilder } from '../appeals/appeal-view.builder.js';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import { AppealsService } from '../appeals/appeals.service.js';
import type { AppealEvent } from '../appeals/entities/appeal-event.entity.js';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { ConflictError, DomainError } from '../common/domain-error.js';
import { policyOf } from '../deadlines/deadline-policy.js';
import { DeadlineTracker } from '../deadlines/deadline-tracker.js';
import { Transactions } from '../database/transactions.js';
import { NoticesRepository } from '../notices/notices.repository.js';
import { StaffNotifier, type StaffAudience } from '../notifications/staff-notifier.js';
import type { StaffNews } from '../notifications/staff-messages.js';
import { WorkerNotifier } from '../notifications/worker-notifier.js';
import { UsersRepository } from '../users/users.repository.js';
import type { Category } from '../org/entities/category.entity.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import type { DispatchSheet } from './entities/dispatch-sheet.entity.js';
import { WorkflowRepository } from './workflow.repository.js';

interface PlannedEvent {
  appealId?: string;
  type: TimelineEventType;
  text: string | null;
  visibleToWorker: boolean;
  data?: Record<string, unknown>;
}

interface AppealContext {
  org: Organization;
  category: Category;
}

/** What one transition writes, besides the status: computed first, written in one transaction. */
interface Plan {
  changes: Partial<Appeal>;
  events: PlannedEvent[];
  sheet?: Omit<DispatchSheet, 'version' | 'issuedBy'>;
  /** The news for the worker who submitted it: the inbox, and a WeChat message through the outbox. */
  workerNotice?: { title: string; body: string };
  /** News for staff: their inboxes, WeChat to-do messages and the department's group robot. */
  staffNews?: Array<{ audience: StaffAudience; news: StaffNews }>;
}

const HOUR = 3600_000;
/** A deadline the leader sets within this of the policy's needs no reason. */
const DUE_TOLERANCE_MS = HOUR;

@Injectable()
export class WorkflowService {
  constructor(
    @Inject(AppealsService) private readonly appealsService: AppealsService,
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(AppealViewBuilder) private readonly views: AppealViewBuilder,
    @Inject(WorkflowRepository) private readonly workflow: WorkflowRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(NoticesRepository) private readonly notices: NoticesRepository,
    @Inject(WorkerNotifier) private readonly notifier: WorkerNotifier,
    @Inject(StaffNotifier) private readonly staffNotifier: StaffNotifier,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(DeadlineTracker) private readonly deadlines: DeadlineTracker,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async act(auth: AuthUser, id: string, action: AppealAction, body: unknown): Promise<AppealView> {
    // Who may act comes first: someone the appeal is not for learns nothing from a validation answer.
    const { appeal, access } = await this.appealsService.readable(auth, id);
    const context = await this.contextOf(appeal);
    const { category } = context;
    const actor = this.actorFor(action, appeal, category, access);
    const errors = validateActionBody(action, body ?? {});
    if (errors.length) throw DomainError.invalid(errors);
    const input = (body ?? {}) as Record<string, unknown>;
    if (input.version !== undefined && input.version !== appeal.version) throw new ConflictError('APPEAL_VERSION_CONFLICT', appeal.status);

    const now = this.clock.now();
    const plan = await this.plan(action, appeal, context, actor, input, now);
    await this.write(appeal, action, actor, auth.user.id, plan, now, context);
    const fresh = (await this.appeals.findById(appeal.id))!;
    return this.views.view(fresh, accessTo(auth, fresh) ?? access);
  }

  /**
   * A leader's decision on a department's request for more time. Approved, the answer's deadline
   * moves (and counts as met on time against the new date); refused, the old one stands.
   */
  async decideExtension(auth: AuthUser, id: string, body: unknown): Promise<AppealView> {
    const input = (body ?? {}) as { approve?: unknown; reason?: unknown; version?: unknown };
    const { appeal, access } = await this.appealsService.readable(auth, id);
    if (!access.actors.includes('leader')) throw DomainError.forbidden();
    if (typeof input.approve !== 'boolean') throw DomainError.invalid([fieldError('approve', 'VALIDATION_FAILED')]);
    if (!appeal.extensionUntil) throw new DomainError('EXTENSION_NONE', 409);
    if (!['dispatched', 'in_progress'].includes(appeal.status)) throw new ConflictError('APPEAL_STATUS_CONFLICT', appeal.status);
    if (input.version !== undefined && input.version !== appeal.version) throw new ConflictError('APPEAL_VERSION_CONFLICT', appeal.status);
    const context = await this.contextOf(appeal);
    const now = this.clock.now();
    const until = appeal.extensionUntil;
    const note = typeof input.reason === 'string' && input.reason.trim() ? `:${input.reason.trim().slice(0, 500)}` : '';
    const handlers = appeal.departmentId ? await this.workflow.findStaff(appeal.orgId, { role: 'handler', departmentId: appeal.departmentId }) : [];
    const text = input.approve ? `同意延期至 ${formatLocal(until)}${note}` : `不同意延期,仍按 ${appeal.dueAt ? formatLocal(appeal.dueAt) : '原时限'} 办结${note}`;
    const plan: Plan = {
      changes: { extensionUntil: null, extensionReason: null, ...(input.approve ? { dueAt: until } : {}) },
      events: [{ type: 'extension_decided', text, visibleToWorker: false, data: { approved: input.approve, until: until.toISOString() } }],
      staffNews: [
        {
          audience: { userIds: handlers.map((h) => h.userId), departmentId: appeal.departmentId },
          news: { title: input.approve ? '延期已批准' : '延期未批准', body: `诉求 ${appeal.serial}:${text}`, note: input.approve ? `延期至 ${formatLocal(until)}` : '仍按原时限办结', dueAt: input.approve ? until : appeal.dueAt },
        },
      ],
    };
    await this.write(appeal, 'extension', 'leader', auth.user.id, plan, now, context);
    const fresh = (await this.appeals.findById(appeal.id))!;
    return this.views.view(fresh, accessTo(auth, fresh) ?? access);
  }

  /**
   * Replied appeals the worker did not rate within 7 days close by themselves. Safe to run on every
   * instance at once: each close is a version-checked write, so a second runner changes nothing.
   */
  async closeUnrated(now = this.clock.now()): Promise<number> {
    const due = await this.appeals.findUnratedRepliedBefore(new Date(now.getTime() - RATING_WINDOW_DAYS * 24 * HOUR), 500);
    let closed = 0;
    for (const appeal of due) {
      const plan: Plan = {
        changes: { status: 'closed' },
        events: [{ type: 'auto_closed', text: `${RATING_WINDOW_DAYS} 天内未评价,诉求自动办结`, visibleToWorker: true }],
      };
      try {
        await this.write(appeal, null, 'system', null, plan, now);
        closed++;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return closed;
  }

  /** The actor this person acts as; 409 when their role may do it but not now, 403 when never. */
  private actorFor(action: AppealAction, appeal: Appeal, category: Category, access: AppealAccess): Actor {
    const state = { status: appeal.status, supervised: appeal.supervised, reopenCount: appeal.reopenCount, standingRule: category.standingRule };
    const actor = access.actors.find((a) => canTransition(action, state, a));
    if (actor) return actor;
    const mayEver = access.actors.some((a) => TRANSITIONS[action].by.includes(a));
    // The office may dispatch only by a category's standing rule: that is a matter of role, not of time.
    if (mayEver && !(action === 'dispatch' && !access.actors.includes('leader') && !category.standingRule)) {
      throw new ConflictError('APPEAL_STATUS_CONFLICT', appeal.status);
    }
    throw DomainError.forbidden();
  }

  /** The appeal's organisation and category, loaded once per action for the rules, the policy and the deadlines. */
  private async contextOf(appeal: Appeal): Promise<AppealContext> {
    const [org, [category]] = await Promise.all([this.orgs.findOrgById(appeal.orgId), this.orgs.findCategoriesByIds([appeal.categoryId])]);
    return { org: org!, category };
  }

  private async write(appeal: Appeal, action: AppealAction | null, actor: Actor | 'system', actorId: string | null, plan: Plan, now: Date, context?: AppealContext): Promise<void> {
    const status = action ? nextStatus(action, appeal.status) : appeal.status;
    // The worker's news also goes out as a WeChat message, through the outbox, in this transaction.
    const { workerNotice, staffNews = [] } = plan;
    const worker = workerNotice ? await this.users.findById(appeal.submitterId) : null;
    try {
      await this.transactions.run(async (manager) => {
        const changes = { status, ...plan.changes };
        const won = await this.workflow.updateIfVersion(manager, appeal, changes, now);
        if (!won) throw new ConflictError('APPEAL_VERSION_CONFLICT', appeal.status);
        // The steps' due times move with the appeal, in the same transaction.
        if (action && context) await this.deadlines.onTransition(manager, action, appeal, { ...appeal, ...changes }, context.org, context.category, now);
        if (plan.sheet) {
          const version = (await this.workflow.lastSheetVersion(manager, appeal.id)) + 1;
          await this.workflow.insertSheet(manager, { ...plan.sheet, version, issuedBy: actorId ?? 'system' });
        }
        await this.appeals.insertEvents(manager, plan.events.map((e) => this.event(appeal, e, actor, actorId, now)));
        if (workerNotice) {
          await this.notices.insert(manager, { id: newId(), userId: appeal.submitterId, appealId: appeal.id, title: workerNotice.title, body: workerNotice.body, readAt: null, createdAt: now });
        }
        if (action && worker && workerNotice && context) {
          const replyText = action === 'reply' ? plan.events[0]?.text : null;
          await this.notifier.enqueue(manager, action, appeal, { ...appeal, ...changes }, worker, replyText ?? workerNotice.title, context.org.timeZone, now);
        }
        for (const [i, { audience, news }] of staffNews.entries()) {
          // The appeal's version before this write names the event: a retried request finds the key taken.
          await this.staffNotifier.notify(manager, appeal, context!.org, audience, news, `appeal:${appeal.id}:v${appeal.version}:${action}:${i}`, now);
        }
      });
    } catch (error) {
      if (error instanceof ConflictError) {
        const current = await this.appeals.findById(appeal.id);
        throw new ConflictError(error.code as 'APPEAL_VERSION_CONFLICT', current?.status ?? appeal.status);
      }
      throw error;
    }
  }

  private async plan(action: AppealAction, appeal: Appeal, { org, category }: AppealContext, actor: Actor, input: Record<string, unknown>, now: Date): Promise<Plan> {
    // The worker's inbox never shows a staff member's private mobile (a reason may quote one).
    const worker = (title: string, body: string) => ({ title, body: maskMobilesInText(body) });
    switch (action) {
      case 'accept': {
        const body = input as ActionBodies['accept'];
        const changes: Partial<Appeal> = {};
        let text = '党群工作部已受理';
        if (body.category && body.category !== category.code) {
          const recategorized = await this.orgs.findCategory(appeal.orgId, body.category);
          if (!recategorized) throw new DomainError('CATEGORY_UNKNOWN', 422);
          changes.categoryId = recategorized.id;
          text += `,类别调整为「${recategorized.name}」`;
        }
        const staffNews: Plan['staffNews'] = [];
        if (body.urgent) {
          changes.urgent = true;
          text += ',特事特办';
          // 特事特办: straight to the party secretary, at once.
          const secretaries = await this.workflow.findStaff(appeal.orgId, { role: 'leader', isSecretary: true });
          staffNews.push({
            audience: { userIds: secretaries.map((s) => s.userId) },
            news: { title: '特事特办诉求待批办', body: `诉求 ${appeal.serial} 标为特事特办,请尽快批办。`, note: '特事特办,请尽快批办' },
          });
        }
        return { changes, events: [{ type: 'accepted', text, visibleToWorker: true }], workerNotice: worker('诉求已受理', `您的诉求 ${appeal.serial} 已受理,我们会尽快办理。`), staffNews };
      }
      case 'reject': {
        const { reason } = input as ActionBodies['reject'];
        return {
          changes: {},
          events: [{ type: 'rejected', text: `不予受理:${reason.trim()}`, visibleToWorker: true }],
          workerNotice: worker('诉求未予受理', `您的诉求 ${appeal.serial} 未予受理,原因:${reason.trim()}`),
        };
      }
      case 'merge': {
        const { into } = input as ActionBodies['merge'];
        const target = await this.workflow.findMergeTarget(appeal.orgId, into.trim());
        if (!target || target.id === appeal.id || ['closed', 'rejected', 'merged'].includes(target.status)) throw new DomainError('MERGE_TARGET_INVALID', 422);
        return {
          changes: { mergedIntoId: target.id },
          events: [
            { type: 'merged', text: `与诉求 ${target.serial} 是同一件事,已合并办理,请关注 ${target.serial} 的进展`, visibleToWorker: true },
            { appealId: target.id, type: 'merged', text: `合并了诉求 ${appeal.serial}`, visibleToWorker: false, data: { from: appeal.id } },
          ],
          workerNotice: worker('诉求已合并办理', `您的诉求 ${appeal.serial} 与 ${target.serial} 是同一件事,已合并办理。`),
        };
      }
      case 'dispatch':
        return this.planDispatch(appeal, { org, category }, actor, input as ActionBodies['dispatch'], now);
      case 'acknowledge':
        return { changes: {}, events: [{ type: 'acknowledged', text: '承办部门已接单,正在办理', visibleToWorker: true }] };
      case 'progress': {
        const { text, done } = input as ActionBodies['progress'];
        const finishing = done === true && appeal.supervised;
        return {
          changes: finishing ? { supervised: false } : {},
          events: [{ type: 'progress', text: finishing ? `${text.trim()}(计划已完成)` : text.trim(), visibleToWorker: true, data: finishing ? { done: true } : undefined }],
          workerNotice: finishing ? worker('督办事项已完成', `您的诉求 ${appeal.serial} 计划办理的事项已完成。`) : undefined,
        };
      }
      case 'respond': {
        const { outcome, text, plannedAt } = input as ActionBodies['respond'];
        const planned = plannedAt ? new Date(plannedAt) : null;
        if (outcome === 'scheduled' && (!planned || planned <= now)) throw new DomainError('PLANNED_AT_REQUIRED', 422);
        return {
          changes: { outcome, supervised: outcome === 'scheduled', plannedAt: outcome === 'scheduled' ? planned : null },
          events: [{ type: 'responded', text: `【${OUTCOME_LABELS[outcome]}】${text.trim()}`, visibleToWorker: false, data: { outcome, plannedAt: planned?.toISOString() } }],
        };
      }
      case 'return': {
        const { reason } = input as ActionBodies['return'];
        return { changes: { outcome: null, supervised: false, plannedAt: null }, events: [{ type: 'returned', text: `退回重办:${reason.trim()}`, visibleToWorker: false }] };
      }
      case 'reply': {
        const { text, publicSummary } = input as ActionBodies['reply'];
        return {
          changes: { repliedAt: now, callLogged: false },
          events: [{ type: 'replied', text: text.trim(), visibleToWorker: true, data: publicSummary ? { publicSummary: publicSummary.trim() } : undefined }],
          workerNotice: worker('诉求有答复了', `您的诉求 ${appeal.serial} 有了答复,请查看并评价。`),
        };
      }
      case 'calls': {
        const { result, summary, attempts } = input as ActionBodies['calls'];
        const reached = result === 'reached';
        return {
          // Only a call that reached the worker takes the appeal out of the call queue.
          changes: reached ? { callLogged: true } : {},
          events: [{ type: 'call_logged', text: `${reached ? '回访电话已接通' : '回访电话未接通'}${attempts ? `(第 ${attempts} 次)` : ''}:${summary.trim()}`, visibleToWorker: false, data: { result, attempts } }],
        };
      }
      case 'extension': {
        const { reason, until } = input as ActionBodies['extension'];
        const date = new Date(until);
        if (date <= now || (appeal.dueAt && date <= appeal.dueAt)) throw new DomainError('DUE_AT_INVALID', 422);
        // The leader in charge of the department decides; without one, the party secretary.
        const department = appeal.departmentId ? await this.orgs.findDepartmentById(appeal.departmentId) : null;
        const deciders = department?.leaderId ? [department.leaderId] : (await this.workflow.findStaff(appeal.orgId, { role: 'leader', isSecretary: true })).map((s) => s.userId);
        return {
          changes: { extensionUntil: date, extensionReason: reason.trim() },
          events: [{ type: 'extension_requested', text: `申请延期至 ${formatLocal(date)}:${reason.trim()}`, visibleToWorker: false, data: { until: date.toISOString() } }],
          staffNews: [
            {
              audience: { userIds: deciders },
              news: { title: '延期申请待审批', body: `诉求 ${appeal.serial} 申请延期至 ${formatLocal(date)}:${reason.trim()}`, note: department ? `${department.name}申请延期` : '申请延期', dueAt: date },
            },
          ],
        };
      }
      case 'rate': {
        const { rating, comment } = input as ActionBodies['rate'];
        const text = `${RATING_LABELS[rating]}${comment?.trim() ? `:${comment.trim()}` : ''}`;
        const events: PlannedEvent[] = [{ type: 'rated', text, visibleToWorker: true, data: { rating } }];
        // 不满意 reopens the appeal to the office, once.
        if (rating === 'unsatisfied' && appeal.reopenCount === 0) {
          events.push({ type: 'reopened', text: '职工不满意,诉求重新交党群工作部办理', visibleToWorker: true });
          return { changes: { rating, status: 'accepted', reopenCount: 1, repliedAt: null, outcome: null, supervised: false }, events };
        }
        return { changes: { rating }, events };
      }
      case 'reopen': {
        const { reason } = input as ActionBodies['reopen'];
        return {
          changes: { reopenCount: appeal.reopenCount + 1, repliedAt: null, outcome: null, supervised: false },
          events: [{ type: 'reopened', text: `重新办理:${reason.trim()}`, visibleToWorker: true }],
          workerNotice: worker('诉求重新办理', `您的诉求 ${appeal.serial} 将重新办理。`),
        };
      }
      case 'messages':
        throw new DomainError('NOT_FOUND', 404);
    }
  }

  private async planDispatch(appeal: Appeal, { org, category }: AppealContext, actor: Actor, body: ActionBodies['dispatch'], now: Date): Promise<Plan> {
    const department = await this.orgs.findDepartment(appeal.orgId, body.department);
    if (!department) throw new DomainError('DEPARTMENT_UNKNOWN', 422);
    let assigneeId: string | null = null;
    if (body.assignee) {
      const handler = await this.workflow.findHandler(appeal.orgId, body.assignee, department.id);
      if (!handler) throw new DomainError('ASSIGNEE_INVALID', 422);
      assigneeId = handler.userId;
    }
    // The category's time to answer (特事特办: the organisation's urgent time), in its calendar.
    const policy = policyOf(org);
    const policyDue = addHours(now, appeal.urgent ? policy.urgentAnswerHours : category.answerHours, policy.calendar);
    const dueAt = body.dueAt ? new Date(body.dueAt) : policyDue;
    if (dueAt <= now) throw new DomainError('DUE_AT_INVALID', 422);
    const overridden = Math.abs(dueAt.getTime() - policyDue.getTime()) > DUE_TOLERANCE_MS;
    if (overridden && !body.reason?.trim()) throw new DomainError('DUE_AT_REASON_REQUIRED', 422);
    const amended = appeal.status !== 'accepted';
    const handlers = await this.workflow.findStaff(appeal.orgId, { role: 'handler', departmentId: department.id });
    const staffNews: Plan['staffNews'] = [
      {
        audience: { userIds: handlers.map((h) => h.userId), departmentId: department.id },
        news: {
          title: appeal.urgent ? '特事特办:新的批办单' : '新的批办单',
          body: `诉求 ${appeal.serial} 已批办给${department.name},请在 ${formatLocal(dueAt)} 前答复。`,
          note: `${department.name}办理`,
          dueAt,
        },
      },
    ];
    if (appeal.urgent) {
      const secretaries = await this.workflow.findStaff(appeal.orgId, { role: 'leader', isSecretary: true });
      staffNews.push({
        audience: { userIds: secretaries.map((s) => s.userId) },
        news: { title: '特事特办批办单已下发', body: `诉求 ${appeal.serial} 已批办给${department.name}。`, note: `${department.name}办理`, dueAt },
      });
    }
    // A sheet moved to another department waits for that department to acknowledge it.
    const handedOver = amended && appeal.departmentId !== department.id;
    return {
      changes: { departmentId: department.id, assigneeId, dueAt, ...(handedOver ? { status: 'dispatched' as const } : {}) },
      sheet: {
        id: newId(),
        appealId: appeal.id,
        orgId: appeal.orgId,
        departmentId: department.id,
        assigneeId,
        instructions: body.instructions.trim(),
        measures: body.measures?.trim() || null,
        dueAt,
        dueReason: overridden ? body.reason!.trim() : null,
        issuedRole: actor,
        createdAt: now,
      },
      events: [
        {
          type: 'dispatched',
          text: `${amended ? '批办单已修改' : '已批办'}:由${department.name}办理,${formatLocal(dueAt)} 前答复`,
          visibleToWorker: true,
          data: { department: department.code, instructions: body.instructions.trim(), measures: body.measures?.trim() ?? null, dueAt: dueAt.toISOString() },
        },
      ],
      staffNews,
    };
  }

  private event(appeal: Appeal, planned: PlannedEvent, actor: Actor | 'system', actorId: string | null, now: Date): AppealEvent {
    return {
      id: newId(),
      appealId: planned.appealId ?? appeal.id,
      orgId: appeal.orgId,
      type: planned.type,
      actorId,
      actorRole: actor,
      text: planned.text,
      visibleToWorker: planned.visibleToWorker,
      data: planned.data ? JSON.stringify(planned.data) : null,
      createdAt: now,
    };
  }

}
