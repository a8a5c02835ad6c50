import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimeColumn } from '../../common/columns.js';

/** How many one-time subscription messages of a template the user has allowed (each tap of 允许 allows one message). */
@Entity('subscription_credits')
export class SubscriptionCredit {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'integer' })
  credits: number;

  @TimeColumn({ name: 'updated_at' })
  updatedAt: Date;
}
