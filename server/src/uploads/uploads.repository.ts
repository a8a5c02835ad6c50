import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { Upload } from './entities/upload.entity.js';

@Injectable()
export class UploadsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async insert(upload: Upload): Promise<void> {
    await this.db.createQueryBuilder().insert().into(Upload).values(upload).updateEntity(false).execute();
  }

  findById(id: string): Promise<Upload | null> {
    return this.db.getRepository(Upload).findOneBy({ id });
  }

  /** The owner's uploads among `ids` that no appeal carries yet. */
  findAttachable(manager: EntityManager, ownerId: string, ids: string[]): Promise<Upload[]> {
    if (!ids.length) return Promise.resolve([]);
    return manager.getRepository(Upload).findBy(ids.map((id) => ({ id, ownerId, appealId: IsNull() })));
  }

  async attach(manager: EntityManager, appealId: string, ids: string[]): Promise<void> {
    for (const [position, id] of ids.entries()) {
      await manager.getRepository(Upload).update({ id }, { appealId, position });
    }
  }

  listForAppeals(appealIds: string[]): Promise<Upload[]> {
    if (!appealIds.length) return Promise.resolve([]);
    return this.db.getRepository(Upload).find({ where: appealIds.map((appealId) => ({ appealId })), order: { position: 'ASC' } });
  }
}
