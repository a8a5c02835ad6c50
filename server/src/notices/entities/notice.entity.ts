import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** The worker's in-app inbox: every notification lands here, pushed or not. */
@Index('ix_notices_user_created', ['userId', 'createdAt'])
@Entity('notices')
export class Notice {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'user_id' })
  userId: string;

  @IdColumn({ name: 'appeal_id', nullable: true })
  appealId: string | null;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @TimeColumn({ name: 'read_at', nullable: true })
  readAt: Date | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
