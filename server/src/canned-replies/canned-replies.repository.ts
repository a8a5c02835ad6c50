import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { insertRows } from '../database/insert-rows.js';
import { CannedReply } from './entities/canned-reply.entity.js';

/** The only reader and writer of canned_replies. */
@Injectable()
export class CannedRepliesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The organisation's replies, oldest first: those of one category and those for every category, or all. */
  list(orgId: string, categoryId?: string): Promise<CannedReply[]> {
    const where =
      categoryId === undefined
        ? [{ orgId }]
        : [
            { orgId, categoryId },
            { orgId, categoryId: IsNull() },
          ];
    return this.db.getRepository(CannedReply).find({ where, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  find(orgId: string, id: string, manager: EntityManager = this.db.manager): Promise<CannedReply | null> {
    return manager.getRepository(CannedReply).findOneBy({ orgId, id });
  }

  async insert(manager: EntityManager, reply: CannedReply): Promise<void> {
    await insertRows(manager, CannedReply, [reply]);
  }

  async update(manager: EntityManager, id: string, changes: Partial<Pick<CannedReply, 'categoryId' | 'text' | 'updatedAt'>>): Promise<void> {
    await manager.update(CannedReply, { id }, changes);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(CannedReply, { id });
  }
}
