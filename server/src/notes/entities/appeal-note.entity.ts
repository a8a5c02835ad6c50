import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/**
 * 内部备注: one staff note on an appeal, never shown to its worker. Append-only (a note is never edited
 * or deleted, so the table is its own record of who wrote what, when). Kept apart from the timeline
 * (appeal_events) on purpose: nothing that reads a timeline for a worker, a message or a report can
 * come across a note, because none of it reads this table.
 */
@Index('ix_appeal_notes_appeal', ['appealId', 'createdAt'])
@Entity('appeal_notes')
export class AppealNote {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @IdColumn({ name: 'author_id' })
  authorId: string;

  /** How the author saw the appeal when writing: coordinator, leader or handler. */
  @Column({ name: 'author_role', type: 'varchar', length: 16 })
  authorRole: string;

  /** A handler's department (the one on the sheet when they wrote); null for the office and leaders. */
  @IdColumn({ name: 'department_id', nullable: true })
  departmentId: string | null;

  @Column({ type: 'text' })
  text: string;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
