import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SubscriptionCredit } from './entities/subscription-credit.entity.js';

/** The only writer of the subscription credit ledger: a worker's accepts add to it, the outbox's sends take from it. */
@Injectable()
export class SubscriptionsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * One more credit for (user, template), in one atomic upsert on the primary key: two first taps at
   * the same moment each add theirs (an UPDATE then an INSERT deadlocked on MariaDB when both found no
   * row). Plain SQL because TypeORM's upsert can only overwrite a column, not add to it.
   */
  async grant(manager: EntityManager, userId: string, templateId: string, now: Date): Promise<void> {
    const { driver } = manager.connection;
    const at = driver.preparePersistentValue(now, manager.connection.getMetadata(SubscriptionCredit).findColumnWithPropertyName('updatedAt')!);
    const onConflict = manager.connection.options.type === 'better-sqlite3' ? 'ON CONFLICT (user_id, template_id) DO UPDATE SET' : 'ON DUPLICATE KEY UPDATE';
    await manager.query(`INSERT INTO subscription_credits (user_id, template_id, credits, updated_at) VALUES (?, ?, 1, ?) ${onConflict} credits = credits + 1, updated_at = ?`, [
      userId,
      templateId,
      at,
      at,
    ]);
  }

  /** Takes one credit of (user, template) for a message about to be sent: false when there is none left. */
  async spend(manager: EntityManager, userId: string, templateId: string, now: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(SubscriptionCredit)
      .set({ credits: () => 'credits - 1', updatedAt: now })
      .where('user_id = :userId AND template_id = :templateId AND credits > 0', { userId, templateId })
      .execute();
    return result.affected === 1;
  }

  /** WeChat says the user holds no credit: our ledger was ahead of it. */
  async clear(manager: EntityManager, userId: string, templateId: string, now: Date): Promise<void> {
    await manager.getRepository(SubscriptionCredit).update({ userId, templateId }, { credits: 0, updatedAt: now });
  }

  /** Every credit the person gave, gone with their data. */
  async removeAllOf(manager: EntityManager, userId: string): Promise<void> {
    await manager.getRepository(SubscriptionCredit).delete({ userId });
  }

  async creditsOf(userId: string): Promise<Record<string, number>> {
    const rows = await this.db.getRepository(SubscriptionCredit).findBy({ userId });
    return Object.fromEntries(rows.map((row) => [row.templateId, row.credits]));
  }
}
