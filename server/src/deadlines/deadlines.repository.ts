import { Inject, Injectable } from '@nestjs/common';
import type { DeadlineStep } from '@minqing/shared';
import { DataSource, In, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { AppealStep } from './entities/appeal-step.entity.js';
import { StepAction } from './entities/step-action.entity.js';
import { insertRows } from '../database/insert-rows.js';

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

  /** For tests and views: what is still to be sent before `until`. */
  pendingActions(until: Date): Promise<StepAction[]> {
    return this.db.getRepository(StepAction).findBy({ doneAt: IsNull(), cancelledAt: IsNull(), runAt: LessThanOrEqual(until) });
  }
}
