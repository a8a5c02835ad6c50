import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/**
 * 同感: one worker's "me too" on an appeal. The unique key (appeal, user) makes it once per worker however
 * many taps arrive at once; the count is what anyone else ever learns — the user is kept only for that key.
 */
@Index('uq_appeal_supports_appeal_user', ['appealId', 'userId'], { unique: true })
@Entity('appeal_supports')
export class AppealSupport {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @IdColumn({ name: 'user_id' })
  userId: string;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
