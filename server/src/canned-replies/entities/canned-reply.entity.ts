import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** 常用回复: a sentence the office keeps for a category's answers and replies (no category: for every one). */
@Index('ix_canned_replies_org_category', ['orgId', 'categoryId'])
@Entity('canned_replies')
export class CannedReply {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  /** Null: offered for every category. */
  @IdColumn({ name: 'category_id', nullable: true })
  categoryId: string | null;

  @Column({ type: 'text' })
  text: string;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;

  @TimeColumn({ name: 'updated_at' })
  updatedAt: Date;
}
