import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/transactions.js';
import { SubscriptionCredit } from '../subscriptions/entities/subscription-credit.entity.js';
import { OutboxMessage } from './entities/outbox-message.entity.js';

@Injectable()
export class OutboxRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Adds a message unless one with its key exists (an event retried yields no second message). */
  async enqueue(manager: EntityManager, message: OutboxMessage): Promise<void> {
    const exists = await manager.getRepository(OutboxMessage).existsBy({ dedupeKey: message.dedupeKey });
    if (exists) return;
    try {
      await manager.createQueryBuilder().insert().into(OutboxMessage).values(message).updateEntity(false).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** Pending rows that are due, and 'sending' rows whose sender died, locked for this dispatcher. */
  lockDue(manager: EntityManager, now: Date, limit: number): Promise<OutboxMessage[]> {
    const query = manager
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .where(
        new Brackets((w) =>
          w.where("m.state = 'pending' AND m.next_attempt_at <= :now", { now }).orWhere("m.state = 'sending' AND m.lease_until < :now", { now }),
        ),
      )
      .orderBy('m.next_attempt_at', 'ASC')
      .take(limit);
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write').setOnLocked('skip_locked');
    return query.getMany();
  }

  async update(manager: EntityManager, id: string, changes: Partial<OutboxMessage>): Promise<void> {
    await manager.getRepository(OutboxMessage).update({ id }, changes);
  }

  /** Takes one credit of (user, template): false when there is none left. */
  async spendCredit(manager: EntityManager, userId: string, templateId: string, now: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(SubscriptionCredit)
      .set({ credits: () => 'credits - 1', updatedAt: now })
      .where('user_id = :userId AND template_id = :templateId AND credits > 0', { userId, templateId })
      .execute();
    return result.affected === 1;
  }

  /** WeChat says the user holds no credit: our ledger was ahead of it. */
  async clearCredits(manager: EntityManager, userId: string, templateId: string, now: Date): Promise<void> {
    await manager.getRepository(SubscriptionCredit).update({ userId, templateId }, { credits: 0, updatedAt: now });
  }

  findByKey(dedupeKey: string): Promise<OutboxMessage | null> {
    return this.db.getRepository(OutboxMessage).findOneBy({ dedupeKey });
  }

  countByState(): Promise<Array<{ state: string; n: number }>> {
    return this.db.getRepository(OutboxMessage).createQueryBuilder('m').select('m.state', 'state').addSelect('COUNT(*)', 'n').groupBy('m.state').getRawMany();
  }
}
