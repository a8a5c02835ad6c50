import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, MoreThan, type EntityManager } from 'typeorm';
import { RevealRequest } from './entities/reveal-request.entity.js';

/** The office's requests to see a confidential worker's contact (reveal_requests), read and written here only. */
@Injectable()
export class RevealRequestsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async insert(manager: EntityManager, request: RevealRequest): Promise<void> {
    await manager.insert(RevealRequest, request);
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<RevealRequest | null> {
    return manager.findOneBy(RevealRequest, { id });
  }

  /** The organisation's requests, newest first: pending ones for the approvers, the rest for the record. */
  listOfOrg(orgId: string, limit: number): Promise<RevealRequest[]> {
    return this.db.getRepository(RevealRequest).find({ where: { orgId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** Whether the person already has a request on the appeal that is pending or approved and not expired. */
  async openFor(manager: EntityManager, appealId: string, requestedBy: string, now: Date): Promise<RevealRequest | null> {
    const pending = await manager.findOneBy(RevealRequest, { appealId, requestedBy, state: 'pending' });
    return pending ?? manager.findOneBy(RevealRequest, { appealId, requestedBy, state: 'approved', expiresAt: MoreThan(now) });
  }

  /** Of these appeals, those the person holds an approved, unexpired request on. */
  async grantedAppealIds(requestedBy: string, appealIds: string[], now: Date): Promise<Map<string, RevealRequest>> {
    if (!appealIds.length) return new Map();
    const rows = await this.db.getRepository(RevealRequest).findBy({ requestedBy, appealId: In(appealIds), state: 'approved', expiresAt: MoreThan(now) });
    return new Map(rows.map((r) => [r.appealId, r]));
  }

  /** The decision, once: only a pending request changes (false when someone decided first). */
  async decide(manager: EntityManager, id: string, changes: Pick<RevealRequest, 'state' | 'decidedBy' | 'decidedAt' | 'expiresAt'>): Promise<boolean> {
    const result = await manager.update(RevealRequest, { id, state: 'pending' }, changes);
    return result.affected === 1;
  }

  /** Marks the first read; false when it was read before. */
  async markFirstUse(manager: EntityManager, id: string, now: Date): Promise<boolean> {
    const result = await manager.update(RevealRequest, { id, usedAt: IsNull() }, { usedAt: now });
    return result.affected === 1;
  }
}
