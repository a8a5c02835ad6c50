import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { newId } from '../common/columns.js';
import { isUniqueViolation } from '../database/transactions.js';
import { OutboxMessage, type OutboxState } from './entities/outbox-message.entity.js';

/** What a caller says of a new message; the rest is how every message starts its life in the outbox. */
export type OutboxDraft = Pick<OutboxMessage, 'channel' | 'orgId' | 'userId' | 'touser' | 'appealId' | 'dedupeKey' | 'templateId' | 'page' | 'data'>;

/** A new message, pending from `now`: no attempt yet, no lease, no credit spent. */
export function pendingMessage(draft: OutboxDraft, now: Date): OutboxMessage {
  return { ...draft, id: newId(), state: 'pending', creditSpent: false, attempts: 0, nextAttemptAt: now, leaseUntil: null, lastError: null, createdAt: now, sentAt: null };
}

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

  /** Is there a message whose key starts so (a range of the unique key's index)? Read with the caller's transaction. */
  async anyWithKeyPrefix(manager: EntityManager, prefix: string): Promise<boolean> {
    const row = await manager
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .where('m.dedupe_key LIKE :prefix', { prefix: `${prefix}%` })
      .limit(1)
      .getRawOne();
    return row !== undefined;
  }

  /** Pending rows that are due, and 'sending' rows whose sender died, locked for this dispatcher. */
  lockDue(manager: EntityManager, now: Date, limit: number): Promise<OutboxMessage[]> {
    const query = manager
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .where(new Brackets((w) => w.where("m.state = 'pending' AND m.next_attempt_at <= :now", { now }).orWhere("m.state = 'sending' AND m.lease_until < :now", { now })))
      .orderBy('m.next_attempt_at', 'ASC')
      .take(limit);
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write').setOnLocked('skip_locked');
    return query.getMany();
  }

  /** Every WeChat message to the person (their openid is in each), sent or not, gone with their data. */
  async removeAllTo(manager: EntityManager, userId: string): Promise<void> {
    await manager.getRepository(OutboxMessage).delete({ userId });
  }

  async update(manager: EntityManager, id: string, changes: Partial<OutboxMessage>): Promise<void> {
    await manager.getRepository(OutboxMessage).update({ id }, changes);
  }

  findByKey(dedupeKey: string): Promise<OutboxMessage | null> {
    return this.db.getRepository(OutboxMessage).findOneBy({ dedupeKey });
  }

  /** Of these appeals, those whose latest reply to the worker could not be pushed (no credit, or refused for good). */
  async unpushedReplies(appealIds: string[]): Promise<Set<string>> {
    if (!appealIds.length) return new Set();
    const rows: Array<{ appealId: string; state: string }> = await this.db
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .select('m.appeal_id', 'appealId')
      .addSelect('m.state', 'state')
      .where("m.appeal_id IN (:...appealIds) AND m.channel = 'wechat' AND m.dedupe_key LIKE :reply", { appealIds, reply: '%:reply' })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getRawMany();
    const latest = new Map(rows.map((r) => [r.appealId, r.state]));
    return new Set([...latest].filter(([, state]) => state === 'no_credit' || state === 'dead').map(([id]) => id));
  }

  countByState(orgId?: string): Promise<Array<{ state: OutboxState; n: number | string }>> {
    const query = this.db.getRepository(OutboxMessage).createQueryBuilder('m').select('m.state', 'state').addSelect('COUNT(*)', 'n').groupBy('m.state');
    if (orgId) query.where('m.org_id = :orgId', { orgId });
    return query.getRawMany();
  }

  /** One organisation's messages in a state, newest first. */
  listByState(orgId: string, state: OutboxState, limit: number): Promise<OutboxMessage[]> {
    return this.db.getRepository(OutboxMessage).find({ where: { orgId, state }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** Puts a dead letter back to be sent now. */
  async requeueDead(orgId: string, id: string, now: Date): Promise<'requeued' | 'missing' | 'not_dead'> {
    const repository = this.db.getRepository(OutboxMessage);
    const result = await repository.update({ id, orgId, state: 'dead' }, { state: 'pending', attempts: 0, nextAttemptAt: now, lastError: null });
    if (result.affected === 1) return 'requeued';
    return (await repository.existsBy({ id, orgId })) ? 'not_dead' : 'missing';
  }
}
