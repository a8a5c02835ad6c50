// Opens and ends the steps of an appeal as it moves through the loop, in the same transaction as the
// move (a reaction to the appeal's events), and schedules each step's reminders and escalation rungs
// when it opens. It also gives the appeal's staff view its steps.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TRANSITIONS, addHours, afterQuiet, reminderTimes, type DeadlinePolicy, type DeadlineStep } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import { AppealEvents, type AppealEventMap, type TransitionAction } from '../appeals/appeal-events.js';
import { AppealViewParts } from '../appeals/appeal-view-parts.js';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import { newId } from '../common/columns.js';
import type { Category } from '../org/entities/category.entity.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { DeadlinesRepository } from './deadlines.repository.js';
import { sectionOf } from '../org/org-settings.js';
import type { AppealStep } from './entities/appeal-step.entity.js';
import type { StepAction } from './entities/step-action.entity.js';

const HOUR = 3600_000;
const DEPARTMENT_STEPS: readonly DeadlineStep[] = ['acknowledge', 'answer', 'plan'];
/** How many rungs a step climbs: a department's steps go head → leader in charge → secretary. */
export const ESCALATION_RUNGS = (step: DeadlineStep): number => (DEPARTMENT_STEPS.includes(step) ? 3 : 1);

/** The transitions that open or end a step. */
const STEP_TRANSITIONS: readonly TransitionAction[] = [
  'accept',
  'reject',
  'merge',
  'dispatch',
  'acknowledge',
  'respond',
  'return',
  'send-back',
  'progress',
  'extension-decision',
  'rate',
  'reopen',
  'withdraw',
];

@Injectable()
export class DeadlineTracker implements OnModuleInit {
  constructor(
    @Inject(DeadlinesRepository) private readonly deadlines: DeadlinesRepository,
    @Inject(AppealEvents) private readonly events: AppealEvents,
    @Inject(AppealViewParts) private readonly viewParts: AppealViewParts,
  ) {}

  onModuleInit(): void {
    this.events.on('submitted', (tx, { after, org, now }) => this.onSubmitted(tx, after, org, now));
    this.events.onEach(STEP_TRANSITIONS, async (tx, event) => {
      const { type, before, after, org, category, now } = event;
      await this.onTransition(tx, type, before, after, org, category, now);
      // 协办: each co-handling department answers against its own step, reminded and escalated as its own.
      if (type === 'dispatch') await this.openCoAnswers(tx, after, (event as AppealEventMap['dispatch']).facts.coDepartments, org, now);
    });
    this.events.on('co-answer', async (tx, { after, facts, now }) => {
      const open = await this.deadlines.openSteps(tx, after.id, ['answer']);
      await this.deadlines.endSteps(
        tx,
        open.filter((s) => s.departmentId === facts.department.id),
        'met',
        now,
      );
    });
    this.viewParts.steps = (appealId) => this.deadlines.listSteps(appealId);
    // 督办看板: the co-handling parts late while the sheet is being handled (the statuses a department may ask for more time in).
    this.viewParts.lateParts = (orgId, departmentId, now) => this.deadlines.lateParts(orgId, departmentId, now, TRANSITIONS.extension.from);
  }

  async onSubmitted(manager: EntityManager, appeal: Appeal, org: Organization, now: Date): Promise<void> {
    const policy = sectionOf(org, 'deadlines');
    await this.open(manager, appeal, 'triage', null, addHours(now, policy.hours.triage.normal, policy.calendar), policy, now);
  }

  /** `after` is the appeal as the transition leaves it. */
  async onTransition(manager: EntityManager, action: TransitionAction, before: Appeal, after: Appeal, org: Organization, category: Category, now: Date): Promise<void> {
    const policy = sectionOf(org, 'deadlines');
    const end = async (steps: DeadlineStep[], how: 'met' | 'cancelled') => this.deadlines.endSteps(manager, await this.deadlines.openSteps(manager, after.id, steps), how, now);
    const hoursFor = (step: 'triage' | 'dispatch' | 'acknowledge') => policy.hours[step][after.urgent ? 'urgent' : 'normal'];
    switch (action) {
      case 'accept':
        await end(['triage'], 'met');
        await this.open(manager, after, 'dispatch', null, addHours(now, hoursFor('dispatch'), policy.calendar), policy, now);
        break;
      case 'reject':
      case 'merge':
        await end(['triage', 'dispatch'], 'met');
        break;
      case 'withdraw':
        // The worker took it back: nothing is owed any more, so no reminder or escalation comes of it.
        await end(['triage'], 'cancelled');
        break;
      case 'dispatch': {
        await end(['dispatch'], 'met');
        await end(['acknowledge', 'answer'], 'cancelled');
        if (after.status === 'dispatched') {
          await this.open(manager, after, 'acknowledge', after.departmentId, addHours(now, hoursFor('acknowledge'), policy.calendar), policy, now);
        }
        await this.open(manager, after, 'answer', after.departmentId, after.dueAt!, policy, now);
        break;
      }
      case 'acknowledge':
        await end(['acknowledge'], 'met');
        break;
      case 'respond': {
        // The lead's answer closes the department stage: its steps met; a co-handling department that has not
        // answered is no longer waited for (superseded, not missed).
        const open = await this.deadlines.openSteps(manager, after.id, ['acknowledge', 'answer']);
        const lead = open.filter((s) => s.step === 'acknowledge' || s.departmentId === before.departmentId);
        await this.deadlines.endSteps(manager, lead, 'met', now);
        await this.deadlines.endSteps(
          manager,
          open.filter((s) => !lead.includes(s)),
          'cancelled',
          now,
        );
        if (after.outcome === 'scheduled' && after.plannedAt) await this.open(manager, after, 'plan', after.departmentId, after.plannedAt, policy, now);
        break;
      }
      case 'return':
        await end(['plan'], 'cancelled');
        await this.open(
          manager,
          after,
          'answer',
          after.departmentId,
          after.dueAt && after.dueAt > now ? after.dueAt : addHours(now, category.answerHours, policy.calendar),
          policy,
          now,
        );
        break;
      case 'send-back':
        // 退单: the department's clock stops (its steps superseded, not missed, their reminders cancelled);
        // the dispatcher's starts again, as after acceptance.
        await end(['acknowledge', 'answer', 'plan'], 'cancelled');
        await this.open(manager, after, 'dispatch', null, addHours(now, hoursFor('dispatch'), policy.calendar), policy, now);
        break;
      case 'progress':
        if (before.supervised && !after.supervised) await end(['plan'], 'met');
        break;
      case 'extension-decision':
        // An approved extension moves the answer's due time: the old step is superseded, not missed.
        if (after.dueAt && before.dueAt?.getTime() !== after.dueAt.getTime()) {
          // The lead's answer only: the co-handling departments keep their own.
          const open = await this.deadlines.openSteps(manager, after.id, ['answer']);
          await this.deadlines.endSteps(
            manager,
            open.filter((s) => s.departmentId === after.departmentId),
            'cancelled',
            now,
          );
          await this.open(manager, after, 'answer', after.departmentId, after.dueAt, policy, now);
        }
        break;
      case 'rate':
      case 'reopen':
        if (after.status === 'accepted') {
          await end(['plan'], 'cancelled');
          await this.open(manager, after, 'dispatch', null, addHours(now, hoursFor('dispatch'), policy.calendar), policy, now);
        }
        break;
      default:
        break;
    }
  }

  /** The answer steps of the co-handling departments of a new sheet that have not answered yet, due when the lead's is. */
  private async openCoAnswers(manager: EntityManager, appeal: Appeal, departments: ReadonlyArray<{ id: string; answered: boolean }>, org: Organization, now: Date): Promise<void> {
    const policy = sectionOf(org, 'deadlines');
    for (const department of departments.filter((d) => !d.answered)) await this.open(manager, appeal, 'answer', department.id, appeal.dueAt!, policy, now);
  }

  private async open(manager: EntityManager, appeal: Appeal, step: DeadlineStep, departmentId: string | null, dueAt: Date, policy: DeadlinePolicy, now: Date): Promise<void> {
    const row: AppealStep = {
      id: newId(),
      appealId: appeal.id,
      orgId: appeal.orgId,
      step,
      departmentId,
      startedAt: now,
      dueAt,
      metAt: null,
      cancelledAt: null,
      urgent: appeal.urgent,
    };
    await this.deadlines.insertStep(manager, row, this.schedule(row, policy));
  }

  /** Reminders at 75% and on the due morning; escalation rungs from the due time, a delay apart. Non-urgent ones wait out quiet hours. */
  schedule(step: AppealStep, policy: DeadlinePolicy): StepAction[] {
    const tz = policy.calendar.timeZone;
    const when = (at: Date) => (step.urgent ? at : afterQuiet(at, policy.quietHours, tz));
    const action = (kind: StepAction['kind'], rung: number, runAt: Date): StepAction => ({
      id: newId(),
      stepId: step.id,
      appealId: step.appealId,
      orgId: step.orgId,
      kind,
      rung,
      runAt,
      doneAt: null,
      cancelledAt: null,
    });
    const reminders = reminderTimes(step.startedAt, step.dueAt, tz)
      .map((at) => when(at))
      .filter((at) => at < step.dueAt)
      .map((at, i) => action('reminder', i + 1, at));
    const escalations = Array.from({ length: ESCALATION_RUNGS(step.step) }, (_, i) =>
      action('escalation', i + 1, when(new Date(step.dueAt.getTime() + i * policy.escalationDelayHours * HOUR))),
    );
    return [...reminders, ...escalations];
  }
}
