// Sends what is due: reminders to whoever must act, and escalations up the rungs when a step was
// missed. Each action row is locked, carried out and marked done in one transaction, so however many
// instances run this, every reminder goes exactly once, and a crash mid-way leaves it to be sent.
import { Inject, Injectable } from '@nestjs/common';
import { DEADLINE_STEP_LABELS, formatLocal } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Transactions } from '../database/transactions.js';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import { TimelineRepository } from '../appeals/timeline.repository.js';
import { StaffNotifier } from '../notifications/staff-notifier.js';
import { OrgRepository } from '../org/org.repository.js';
import { StaffRolesRepository, type StaffQuery } from '../users/staff-roles.repository.js';
import { DeadlinesRepository } from './deadlines.repository.js';
import type { AppealStep } from './entities/appeal-step.entity.js';
import type { StepAction } from './entities/step-action.entity.js';

const BATCH = 20;
const RUNG_LABELS = ['', '部门负责人', '分管领导', '党委书记'];

@Injectable()
export class DeadlineRunner {
  constructor(
    @Inject(DeadlinesRepository) private readonly deadlines: DeadlinesRepository,
    @Inject(TimelineRepository) private readonly timeline: TimelineRepository,
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(StaffRolesRepository) private readonly staff: StaffRolesRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(StaffNotifier) private readonly staffNotifier: StaffNotifier,
  ) {}

  /** Carries out everything due by now; returns how many actions were sent. */
  async runDue(now = this.clock.now()): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.transactions.run(async (manager) => {
        const due = await this.deadlines.lockDueActions(manager, now, BATCH);
        let done = 0;
        for (const action of due) done += (await this.carryOut(manager, action, now)) ? 1 : 0;
        return { seen: due.length, done };
      });
      sent += batch.done;
      if (batch.seen < BATCH) return sent;
    }
  }

  private async carryOut(manager: EntityManager, action: StepAction, now: Date): Promise<boolean> {
    const step = await this.deadlines.findStep(manager, action.stepId);
    const appeal = await this.appeals.findById(action.appealId, manager);
    if (!step || !appeal || step.metAt || step.cancelledAt) {
      await this.deadlines.markAction(manager, action.id, 'cancelled', now);
      return false;
    }
    const recipients = await this.recipients(manager, action, step);
    // A co-handling department's answer step is its part (协办意见), not the answer the lead owes: named
    // with the department, as the secretary and the timeline read it beside the lead's and the others'.
    const coPart = step.step === 'answer' && step.departmentId && step.departmentId !== appeal.departmentId;
    const label = coPart ? `${(await this.orgs.findDepartmentById(step.departmentId!, manager))?.name ?? ''}协办意见` : DEADLINE_STEP_LABELS[step.step];
    const due = formatLocal(step.dueAt);
    const rung = step.step === 'triage' || step.step === 'dispatch' ? '党委书记' : RUNG_LABELS[action.rung];
    const title = action.kind === 'reminder' ? `即将到期:${label}` : `已逾期:${label}`;
    const body =
      action.kind === 'reminder' ? `诉求 ${appeal.serial} 的${label}将于 ${due} 到期,请及时办理。` : `诉求 ${appeal.serial} 的${label}已于 ${due} 到期未完成,已督办至${rung}。`;
    const org = (await this.orgs.findOrgById(appeal.orgId, manager))!;
    // A reminder or escalation about a department's step goes to its group robot too.
    const news = { title, body, note: action.kind === 'reminder' ? `${label}即将到期` : `已督办至${rung}`, dueAt: step.dueAt };
    await this.staffNotifier.notify(manager, appeal, org, { userIds: recipients, departmentId: step.departmentId }, news, `step-action:${action.id}`, now);
    const entry = {
      type: action.kind === 'reminder' ? 'reminder' : 'escalated',
      text: body,
      visibleToWorker: false,
      data: { step: step.step, kind: action.kind, rung: action.rung, actionId: action.id },
    } as const;
    await this.timeline.append(manager, appeal, [entry], { role: 'system', id: null }, now);
    await this.deadlines.markAction(manager, action.id, 'done', now);
    return true;
  }

  /** Who hears of it: the people responsible for a reminder; the rung's person for an escalation. */
  private async recipients(manager: EntityManager, action: StepAction, step: AppealStep): Promise<string[]> {
    const staff = (where: StaffQuery) => this.staff.staffWithRole(step.orgId, where, manager).then((rows) => rows.map((r) => r.userId));
    const secretary = () => staff({ role: 'leader', isSecretary: true });
    if (action.kind === 'reminder') {
      if (step.step === 'triage') return staff({ role: 'coordinator' });
      if (step.step === 'dispatch') return step.urgent ? secretary() : staff({ role: 'leader' });
      return staff({ role: 'handler', departmentId: step.departmentId! });
    }
    if (step.step === 'triage' || step.step === 'dispatch') return secretary();
    if (action.rung === 1) {
      const heads = await staff({ role: 'handler', departmentId: step.departmentId!, isHead: true });
      return heads.length ? heads : secretary();
    }
    if (action.rung === 2) {
      const department = await this.orgs.findDepartmentById(step.departmentId!, manager);
      return department?.leaderId ? [department.leaderId] : secretary();
    }
    return secretary();
  }
}
