import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** One administrative change: who, when, what, and the record before and after (JSON). */
@Index('ix_audit_org_created', ['orgId', 'createdAt'])
@Entity('audit_log')
export class AuditEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @IdColumn({ name: 'actor_id', nullable: true })
  actorId: string | null;

  /** e.g. place.create, category.update, role.remove */
  @Column({ type: 'varchar', length: 48 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  entity: string;

  /** The record's code or id. */
  @Column({ name: 'entity_key', type: 'varchar', length: 64, nullable: true })
  entityKey: string | null;

  @Column({ type: 'text', nullable: true })
  before: string | null;

  @Column({ type: 'text', nullable: true })
  after: string | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
