import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SubscriptionCredit } from './entities/subscription-credit.entity.js';

@Injectable()
export class SubscriptionsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** One more credit for (user, template): update the row, or create it on the first accept. */
  async addCredit(manager: EntityManager, userId: string, templateId: string, now: Date): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(SubscriptionCredit)
      .set({ credits: () => 'credits + 1', updatedAt: now })
      .where('user_id = :userId AND template_id = :templateId', { userId, templateId })
      .execute();
    if (!result.affected) {
      await manager.createQueryBuilder().insert().into(SubscriptionCredit).values({ userId, templateId, credits: 1, updatedAt: now }).updateEntity(false).execute();
    }
  }

  async creditsOf(userId: string): Promise<Record<string, number>> {
    const rows = await this.db.getRepository(SubscriptionCredit).findBy({ userId });
    return Object.fromEntries(rows.map((row) => [row.templateId, row.credits]));
  }
}
