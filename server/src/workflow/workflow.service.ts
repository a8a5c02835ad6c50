// The staff's side of the closed loop, as one pipeline for every transition: who may act now (the
// status machine in the contract), the body (the contract's rules), the version the person saw, what
// the action's handler plans, and one transaction that writes the appeal with an optimistic version
// check, the dispatch sheet, the timeline and — through the appeal events — every reaction of other
// modules (deadline steps, inbox notices, WeChat messages, staff news).
import { Inject, Injectable } from '@nestjs/common';
import { RATING_WINDOW_DAYS, decideActor, nextStatus, validateActionBody, type ActionBodies, type Actor, type AppealView } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import { accessTo } from '../appeals/appeal-access.js';
import { AppealEvents, type AppealEventMap, type TransitionAction } from '../appeals/appeal-events.js';
import { AppealTallies } from '../appeals/appeal-tallies.js';
import { appealState } from '../appeals/appeal-state.js';
import { AppealViewBuilder } from '../appeals/appeal-view.builder.js';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import { AppealsService } from '../appeals/appeals.service.js';
import { SheetDepartmentsRepository } from '../appeals/sheet-departments.repository.js';
import { TimelineRepository } from '../appeals/timeline.repository.js';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { ConflictError, DomainError } from '../common/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { OrgRepository } from '../org/org.repository.js';
import { UploadsRepository } from '../uploads/uploads.repository.js';
import type { AuthUser } from '../users/auth-user.js';
import { HANDLERS } from './handlers/index.js';
import type { PlannedEvent, TransitionContext, TransitionPlan } from './transition.js';
import { MergedAppeals } from './merged-appeals.js';
import { WorkflowLookups } from './workflow-lookups.js';

const HOUR = 3600_000;

@Injectable()
export class WorkflowService {
  constructor(
    @Inject(AppealsService) private readonly appealsService: AppealsService,
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(AppealViewBuilder) private readonly views: AppealViewBuilder,
    @Inject(TimelineRepository) private readonly timeline: TimelineRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(WorkflowLookups) private readonly lookups: WorkflowLookups,
    @Inject(AppealEvents) private readonly events: AppealEvents,
    @Inject(AppealTallies) private readonly tallies: AppealTallies,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MergedAppeals) private readonly merged: MergedAppeals,
    @Inject(SheetDepartmentsRepository) private readonly sheetDepartments: SheetDepartmentsRepository,
    @Inject(UploadsRepository) private readonly uploads: UploadsRepository,
  ) {}

  async act<A extends TransitionAction>(auth: AuthUser, id: string, action: A, body: unknown): Promise<AppealView> {
    // Who may act comes first: someone the appeal is not for learns nothing from a validation answer.
    const { appeal, access } = await this.appealsService.readable(auth, id);
    const [org, [category], department, coDepartments] = await Promise.all([
      this.orgs.findOrgById(appeal.orgId),
      this.orgs.findCategoriesByIds([appeal.categoryId]),
      appeal.departmentId ? this.orgs.findDepartmentById(appeal.departmentId) : Promise.resolve(null),
      appeal.departmentId ? this.sheetDepartments.active([appeal.id]) : Promise.resolve([]),
    ]);
    const coAnswered = coDepartments.some((row) => row.departmentId === access.departmentId && row.answeredAt !== null);
    const now = this.clock.now();
    const state = appealState(appeal, category, department?.code ?? null, coAnswered, now);
    const decision = decideActor(action, state, access.actors);
    if ('refused' in decision) {
      if (decision.refused === 'forbidden') throw DomainError.forbidden();
      throw new ConflictError(decision.code, appeal.status);
    }
    const errors = validateActionBody(action, body ?? {});
    if (errors.length) throw DomainError.invalid(errors);
    const input = (body ?? {}) as ActionBodies[A] & { version?: number };
    if (input.version !== undefined && input.version !== appeal.version) throw new ConflictError('APPEAL_VERSION_CONFLICT', appeal.status);

    const context: TransitionContext<A> = {
      appeal,
      org: org!,
      category,
      department,
      coDepartments,
      actingDepartmentId: access.departmentId ?? null,
      actor: decision.actor,
      body: input,
      to: nextStatus(action, state, input),
      now,
      lookups: this.lookups,
    };
    const plan = await HANDLERS[action](context);
    const status = plan.resolved ? nextStatus(action, state, { ...input, ...plan.resolved }) : context.to;
    const changes: Partial<Appeal> = { status, ...plan.changes };
    const after: Appeal = { ...appeal, ...changes, version: appeal.version + 1, updatedAt: now };
    const event = { type: action, before: appeal, after, org: org!, category, actorId: auth.user.id, facts: plan.facts, now } as AppealEventMap[A];
    await this.write(
      appeal,
      changes,
      decision.actor,
      auth.user.id,
      plan,
      now,
      async (tx) => {
        await this.events.publish(tx, event);
        // The appeals merged into this one, or the one this was merged into (merged-appeals.ts).
        await this.merged.carry(tx, event, { role: decision.actor, id: auth.user.id });
      },
      (tx) => this.merged.lockFirst(tx, action, appeal),
    );
    const fresh = (await this.appeals.findById(appeal.id))!;
    return this.views.view(fresh, accessTo(auth, fresh, await this.appealsService.coDepartmentsFor(auth, fresh)) ?? access);
  }

  /**
   * Replied appeals the worker did not rate within 7 days close by themselves. Safe to run on every
   * instance at once: each close is a version-checked write, so a second runner changes nothing.
   */
  async closeUnrated(now = this.clock.now()): Promise<number> {
    const due = await this.appeals.findUnratedRepliedBefore(new Date(now.getTime() - RATING_WINDOW_DAYS * 24 * HOUR), 500);
    let closed = 0;
    for (const appeal of due) {
      const changes: Partial<Appeal> = { status: 'closed' };
      const after: Appeal = { ...appeal, ...changes, version: appeal.version + 1, updatedAt: now };
      const events: PlannedEvent[] = [{ type: 'auto_closed', text: `${RATING_WINDOW_DAYS} 天内未评价,诉求自动办结`, visibleToWorker: true }];
      try {
        await this.write(appeal, changes, 'system', null, { events }, now, (tx) => this.events.publish(tx, { type: 'auto_closed', before: appeal, after, now }));
        closed++;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return closed;
  }

  /** One transaction: the version-checked update, the sheet, the timeline, the event's reactions. */
  private async write(
    appeal: Appeal,
    changes: Partial<Appeal>,
    actor: Actor | 'system',
    actorId: string | null,
    plan: Pick<TransitionPlan<TransitionAction>, 'events' | 'sheet' | 'coDepartmentIds' | 'clearCoDepartments' | 'coAnswer' | 'photos'>,
    now: Date,
    publish: (tx: EntityManager) => Promise<void>,
    lockFirst?: (tx: EntityManager) => Promise<void>,
  ): Promise<void> {
    try {
      await this.transactions.run(async (tx) => {
        await lockFirst?.(tx);
        // What the appeal counts for in its month's figures, read first: the version-checked update
        // below fails for any change committed since, so this is the state the transition leaves behind.
        const counted = await this.tallies.read(tx, appeal.id);
        if (!(await this.appeals.updateIfVersion(tx, appeal, changes, now))) throw new ConflictError('APPEAL_VERSION_CONFLICT', appeal.status);
        if (plan.sheet) {
          const version = await this.appeals.insertSheet(tx, { ...plan.sheet, issuedBy: actorId ?? 'system' });
          await this.sheetDepartments.replace(tx, appeal, version, plan.coDepartmentIds ?? [], now);
        }
        if (plan.clearCoDepartments) await this.sheetDepartments.deactivate(tx, appeal.id);
        if (plan.coAnswer && !(await this.sheetDepartments.answer(tx, appeal.id, plan.coAnswer.departmentId, plan.coAnswer.text, actorId!, now))) {
          throw new ConflictError('CO_ANSWER_DONE', appeal.status);
        }
        let events = plan.events;
        if (plan.photos?.length && actorId) {
          // The photos name the line they go with: taken first (each once, the acting person's own), then the line.
          const [first, ...rest] = events;
          events = [{ ...first, id: newId() }, ...rest];
          await this.uploads.attachToEvent(tx, { appealId: appeal.id, eventId: events[0].id!, ownerId: actorId }, { photos: plan.photos });
        }
        await this.timeline.append(tx, appeal, events, { role: actor, id: actorId }, now);
        await publish(tx);
        // …and moved to what it counts for now, after every reaction (the deadline steps) has written.
        await this.tallies.move(tx, counted, await this.tallies.read(tx, appeal.id));
      });
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'APPEAL_VERSION_CONFLICT') {
        const current = await this.appeals.findById(appeal.id);
        throw new ConflictError('APPEAL_VERSION_CONFLICT', current?.status ?? appeal.status);
      }
      throw error;
    }
  }
}
