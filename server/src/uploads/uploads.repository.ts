import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { Upload } from './entities/upload.entity.js';

@Injectable()
export class UploadsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async insert(manager: EntityManager, upload: Upload): Promise<void> {
    await manager.createQueryBuilder().insert().into(Upload).values(upload).updateEntity(false).execute();
  }

  /** How many photos, and how many bytes, the owner uploaded since `since` that no appeal carries. */
  async unattachedSince(ownerId: string, since: Date, manager: EntityManager = this.db.manager): Promise<{ count: number; bytes: number }> {
    const row = await manager
      .getRepository(Upload)
      .createQueryBuilder('u')
      .select('COUNT(*)', 'count')
      .addSelect('COALESCE(SUM(u.size), 0)', 'bytes')
      .where('u.owner_id = :ownerId AND u.appeal_id IS NULL AND u.created_at > :since', { ownerId, since })
      .getRawOne<{ count: string | number; bytes: string | number }>();
    return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  /** Uploads no appeal took, made before `before` (oldest first, at most `limit`). */
  findStale(before: Date, limit: number): Promise<Upload[]> {
    return this.db.getRepository(Upload).find({ where: { appealId: IsNull(), createdAt: LessThan(before) }, order: { createdAt: 'ASC' }, take: limit });
  }

  /** Deletes the row unless an appeal took it meanwhile; true when it was deleted. */
  async removeUnattached(id: string): Promise<boolean> {
    return ((await this.db.getRepository(Upload).delete({ id, appealId: IsNull() })).affected ?? 0) > 0;
  }

  findById(id: string): Promise<Upload | null> {
    return this.db.getRepository(Upload).findOneBy({ id });
  }

  /** The owner's uploads among `ids` that no appeal carries yet. */
  findAttachable(manager: EntityManager, ownerId: string, ids: string[]): Promise<Upload[]> {
    if (!ids.length) return Promise.resolve([]);
    return manager.getRepository(Upload).findBy(ids.map((id) => ({ id, ownerId, appealId: IsNull() })));
  }

  /**
   * Attaches the photos, each only while still unattached: one the cleanup deleted (or another appeal
   * took) since it was looked up refuses the whole submission rather than leaving it without the photo.
   */
  async attach(manager: EntityManager, appealId: string, ids: string[]): Promise<void> {
    for (const [position, id] of ids.entries()) {
      const { affected } = await manager.getRepository(Upload).update({ id, appealId: IsNull() }, { appealId, position });
      if (affected !== 1) throw new DomainError('APPEAL_PHOTO_UNKNOWN');
    }
  }

  listForAppeals(appealIds: string[]): Promise<Upload[]> {
    if (!appealIds.length) return Promise.resolve([]);
    return this.db.getRepository(Upload).find({ where: appealIds.map((appealId) => ({ appealId })), order: { position: 'ASC' } });
  }
}
