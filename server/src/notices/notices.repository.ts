import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { Notice } from './entities/notice.entity.js';
import { insertRows } from '../database/insert-rows.js';

@Injectable()
export class NoticesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The person's inbox, gone with their data. */
  async removeAllOf(manager: EntityManager, userId: string): Promise<void> {
    await manager.getRepository(Notice).delete({ userId });
  }

  async insert(manager: EntityManager, notice: Notice): Promise<void> {
    await insertRows(manager, Notice, [notice]);
  }

  listForUser(userId: string, limit: number): Promise<Notice[]> {
    return this.db.getRepository(Notice).find({ where: { userId }, order: { createdAt: 'DESC' }, take: limit });
  }

  countUnread(userId: string): Promise<number> {
    return this.db.getRepository(Notice).countBy({ userId, readAt: IsNull() });
  }

  async markRead(userId: string, now: Date, appealId?: string): Promise<void> {
    await this.db.getRepository(Notice).update({ userId, readAt: IsNull(), ...(appealId ? { appealId } : {}) }, { readAt: now });
  }
}
