// Writes an administrative change to the audit log, in the transaction of the change itself.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { newId } from '../common/columns.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

export interface AuditChange {
  orgId: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityKey: string | null;
  before: unknown;
  after: unknown;
}

/** The audit log (audit_entries): written and read here only. */
@Injectable()
export class AuditLog {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The organisation's latest entries, newest first. */
  latest(orgId: string, limit: number): Promise<AuditEntry[]> {
    return this.db.getRepository(AuditEntry).find({ where: { orgId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** A change made outside the database (the official account's menu, at WeChat): recorded on its own once it is made. */
  recordOutside(change: AuditChange, now: Date): Promise<void> {
    return this.record(this.db.manager, change, now);
  }

  async record(manager: EntityManager, change: AuditChange, now: Date): Promise<void> {
    const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
    await manager.insert(AuditEntry, {
      id: newId(),
      orgId: change.orgId,
      actorId: change.actorId,
      action: change.action,
      entity: change.entity,
      entityKey: change.entityKey,
      before: json(change.before),
      after: json(change.after),
      createdAt: now,
    });
  }
}
