import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { Upload, type UploadKind } from './entities/upload.entity.js';

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

  /** The owner's uploads of this kind among `ids` that no appeal carries yet (a voice note is never taken for a photo, nor the reverse). */
  findAttachable(manager: EntityManager, ownerId: string, ids: string[], kind: UploadKind = 'photo'): Promise<Upload[]> {
    if (!ids.length) return Promise.resolve([]);
    return manager.getRepository(Upload).findBy(ids.map((id) => ({ id, ownerId, kind, appealId: IsNull() })));
  }

  /**
   * Attaches the photos (or the voice note), each only while still unattached: one the cleanup deleted (or another
   * appeal took) since it was looked up refuses the whole submission rather than leaving it without the photo.
   */
  async attach(manager: EntityManager, appealId: string, ids: string[], kind: UploadKind = 'photo'): Promise<void> {
    for (const [position, id] of ids.entries()) {
      const { affected } = await manager.getRepository(Upload).update({ id, kind, appealId: IsNull() }, { appealId, position });
      if (affected !== 1) throw new DomainError(kind === 'voice' ? 'APPEAL_VOICE_UNKNOWN' : 'APPEAL_PHOTO_UNKNOWN');
    }
  }

  /**
   * A timeline line's uploads — the voice note and photos of a 补充说明, the photos of a staff answer — go with that line,
   * each only if it is the sender's own and still unattached. The conditional update takes the row's lock: of parallel
   * claims of one upload (two messages, two appeals), the first to commit wins and the others find it taken and are
   * refused, with their whole transaction. Called before the line is written, so a loser holds no other lock meanwhile.
   */
  async attachToEvent(
    manager: EntityManager,
    line: { appealId: string; eventId: string; ownerId: string },
    uploads: { voice?: string | null; photos?: string[] | null },
  ): Promise<void> {
    const wanted: Array<[string, UploadKind]> = [
      ...(uploads.voice ? [[uploads.voice, 'voice'] as [string, UploadKind]] : []),
      ...[...new Set(uploads.photos ?? [])].map((id): [string, UploadKind] => [id, 'photo']),
    ];
    let position = 0;
    for (const [id, kind] of wanted) {
      const { affected } = await manager
        .getRepository(Upload)
        .update({ id, kind, ownerId: line.ownerId, appealId: IsNull() }, { appealId: line.appealId, eventId: line.eventId, position: kind === 'voice' ? 0 : position++ });
      if (affected === 1) continue;
      // Why not: the sender's own upload of this kind failed the update only by being taken (said so, whatever this
      // transaction's snapshot still shows); any other is not theirs, not of this kind, or gone.
      const found = await manager.getRepository(Upload).findOneBy({ id });
      const taken = found !== null && found.ownerId === line.ownerId && found.kind === kind;
      if (kind === 'voice') throw new DomainError('APPEAL_VOICE_UNKNOWN');
      throw new DomainError(taken ? 'APPEAL_PHOTO_TAKEN' : 'APPEAL_PHOTO_UNKNOWN');
    }
  }

  /**
   * Deletes every voice note of this person (删除我的个人信息: a voice tells who spoke); the storage keys of the files
   * to remove once the erasure has committed.
   */
  async removeVoicesOf(manager: EntityManager, ownerId: string): Promise<string[]> {
    const voices = await manager.getRepository(Upload).find({ select: { id: true, storageKey: true }, where: { ownerId, kind: 'voice' } });
    if (voices.length) await manager.getRepository(Upload).delete(voices.map((v) => v.id));
    return voices.map((v) => v.storageKey);
  }

  listForAppeals(appealIds: string[]): Promise<Upload[]> {
    if (!appealIds.length) return Promise.resolve([]);
    return this.db.getRepository(Upload).find({ where: appealIds.map((appealId) => ({ appealId })), order: { position: 'ASC' } });
  }
}
