import { Inject, Injectable } from '@nestjs/common';
import type { DeadlineStep } from '@minqing/shared';
import { DataSource, In, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { AppealStep } from './entities/appeal-step.entity.js';
import { StepAction } from './entities/step-action.entity.js';
import { insertRows } from '../database/insert-rows.js';
import { aggregateTime } from '../appeals/overdue-board.js';

@Injectable()
export class DeadlinesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async insertStep(manager: EntityManager, step: AppealStep, actions: StepAction[]): Promise<void> {
    await insertRows(manager, AppealStep, [step]);
    await insertRows(manager, StepAction, actions);
  }

  openSteps(manager: EntityManager, appealId: string, steps: readonly DeadlineStep[]): Promise<AppealStep[]> {
    return manager.getRepository(AppealStep).findBy({ appealId, step: In([...steps]), metAt: IsNull(), cancelledAt: IsNull() });
  }

  /** Ends open steps (met, or cancelled when superseded) and cancels what was still to be sent for them. */
  async endSteps(manager: EntityManager, steps: AppealStep[], how: 'met' | 'cancelled', now: Date): Promise<void> {
    if (!steps.length) return;
    const ids = steps.map((s) => s.id);
    await manager.getRepository(AppealStep).update({ id: In(ids) }, how === 'met' ? { metAt: now } : { cancelledAt: now });
    await manager.getRepository(StepAction).update({ stepId: In(ids), doneAt: IsNull(), cancelledAt: IsNull() }, { cancelledAt: now });
  }

  listSteps(appealId: string): Promise<AppealStep[]> {
    return this.db.getRepository(AppealStep).find({ where: { appealId }, order: { startedAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Due actions, locked for this runner: on MySQL/MariaDB `FOR UPDATE SKIP LOCKED`, so runners on
   * other instances pass over them; on SQLite the transactions are queued in one process anyway.
   */
  lockDueActions(manager: EntityManager, now: Date, limit: number): Promise<StepAction[]> {
    const query = manager
      .getRepository(StepAction)
      .createQueryBuilder('a')
      .where('a.done_at IS NULL AND a.cancelled_at IS NULL AND a.run_at <= :now', { now })
      .orderBy('a.run_at', 'ASC')
      .take(limit);
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write').setOnLocked('skip_locked');
    return query.getMany();
  }

  findStep(manager: EntityManager, id: string): Promise<AppealStep | null> {
    return manager.getRepository(AppealStep).findOneBy({ id });
  }

  async markAction(manager: EntityManager, id: string, how: 'done' | 'cancelled', now: Date): Promise<void> {
    await manager.getRepository(StepAction).update({ id }, how === 'done' ? { doneAt: now } : { cancelledAt: now });
  }

  /** The answer steps met (not superseded) on the organisation's valid appeals of a month: the answer times. */
  metAnswerSteps(orgId: string, month: string): Promise<Array<Pick<AppealStep, 'id' | 'startedAt' | 'metAt'>>> {
    return this.db
      .getRepository(AppealStep)
      .createQueryBuilder('s')
      .select(['s.id', 's.startedAt', 's.metAt'])
      .where("s.appeal_id IN (SELECT a.id FROM appeals a WHERE a.org_id = :orgId AND a.month = :month AND a.status NOT IN ('rejected', 'merged'))", { orgId, month })
      .andWhere("s.step = 'answer' AND s.met_at IS NOT NULL AND s.cancelled_at IS NULL")
      .getMany();
  }

  /**
   * 督办看板: the co-handling departments' parts (协办意见) past their own deadline on appeals still being
   * handled (`handling`: those statuses), counted per department owing them — another department's answer
   * step than the appeal's lead's. From the open steps' index (org, open, due), then each appeal by its key.
   */
  latePartsQuery(orgId: string, departmentId: string | null, now: Date, handling: readonly string[]) {
    const query = this.db
      .getRepository(AppealStep)
      .createQueryBuilder('s')
      .innerJoin('appeals', 'a', 'a.id = s.appeal_id')
      .select('s.department_id', 'departmentId')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MIN(s.due_at)', 'earliest')
      .where("s.org_id = :orgId AND s.met_at IS NULL AND s.cancelled_at IS NULL AND s.due_at < :now AND s.step = 'answer'", { orgId, now })
      .andWhere('s.department_id <> a.department_id AND a.status IN (:...handling)', { handling: [...handling] })
      .groupBy('s.department_id');
    if (departmentId) query.andWhere('s.department_id = :departmentId', { departmentId });
    return query;
  }

  async lateParts(orgId: string, departmentId: string | null, now: Date, handling: readonly string[]): Promise<Array<{ departmentId: string; count: number; earliestDue: Date }>> {
    const rows = await this.latePartsQuery(orgId, departmentId, now, handling).getRawMany<{ departmentId: string; n: number | string; earliest: unknown }>();
    return rows.map((r) => ({ departmentId: r.departmentId, count: Number(r.n), earliestDue: aggregateTime(r.earliest) }));
  }

  /** For tests and views: what is still to be sent before `until`. */
  pendingActions(until: Date): Promise<StepAction[]> {
    return this.db.getRepository(StepAction).findBy({ doneAt: IsNull(), cancelledAt: IsNull(), runAt: LessThanOrEqual(until) });
  }
}
