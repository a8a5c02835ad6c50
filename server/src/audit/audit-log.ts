// Writes an administrative change to the audit log, in the transaction of the change itself.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

@Injectable()
export class AuditLog {
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
