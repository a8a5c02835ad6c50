import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/transactions.js';
import { AppealEvent } from './entities/appeal-event.entity.js';
import { Appeal } from './entities/appeal.entity.js';
import { SerialCounter } from './entities/serial-counter.entity.js';

@Injectable()
export class AppealsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  findById(id: string): Promise<Appeal | null> {
    return this.db.getRepository(Appeal).findOneBy({ id });
  }

  findBySubmitterAndKey(submitterId: string, idempotencyKey: string, manager: EntityManager = this.db.manager): Promise<Appeal | null> {
    return manager.getRepository(Appeal).findOneBy({ submitterId, idempotencyKey });
  }

  countSubmittedSince(submitterId: string, since: Date): Promise<number> {
    return this.db.getRepository(Appeal).countBy({ submitterId, createdAt: MoreThanOrEqual(since) });
  }

  /** Makes sure the month's counter row exists, outside the submitting transaction (first submission of a month). */
  async ensureSerialCounter(orgId: string, month: string): Promise<void> {
    const exists = await this.db.getRepository(SerialCounter).existsBy({ orgId, month });
    if (exists) return;
    try {
      await this.db.createQueryBuilder().insert().into(SerialCounter).values({ orgId, month, lastValue: 0 }).updateEntity(false).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /**
   * The next serial of the month. The UPDATE takes the counter row's lock until the transaction
   * ends, so concurrent submissions get consecutive, unique numbers and a rolled-back one frees its number.
   */
  async nextSerial(manager: EntityManager, orgId: string, month: string): Promise<number> {
    await manager
      .createQueryBuilder()
      .update(SerialCounter)
      .set({ lastValue: () => 'last_value + 1' })
      .where('org_id = :orgId AND month = :month', { orgId, month })
      .execute();
    const row = await manager.getRepository(SerialCounter).findOneByOrFail({ orgId, month });
    return row.lastValue;
  }

  async insertAppeal(manager: EntityManager, appeal: Appeal): Promise<void> {
    await manager.createQueryBuilder().insert().into(Appeal).values(appeal).updateEntity(false).execute();
  }

  async insertEvents(manager: EntityManager, events: AppealEvent[]): Promise<void> {
    if (events.length) await manager.createQueryBuilder().insert().into(AppealEvent).values(events).updateEntity(false).execute();
  }

  async touch(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.getRepository(Appeal).update({ id }, { updatedAt: now });
  }

  listBySubmitter(submitterId: string, limit: number): Promise<Appeal[]> {
    return this.db.getRepository(Appeal).find({ where: { submitterId }, order: { createdAt: 'DESC' }, take: limit });
  }

  listByOrg(orgId: string, filters: { status?: string }, limit: number): Promise<Appeal[]> {
    return this.db.getRepository(Appeal).find({
      where: { orgId, ...(filters.status ? { status: filters.status as Appeal['status'] } : {}) },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  listEvents(appealId: string): Promise<AppealEvent[]> {
    return this.db.getRepository(AppealEvent).find({ where: { appealId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
