import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last serial number handed out per organisation and month; its row lock orders concurrent submissions. */
@Entity('serial_counters')
export class SerialCounter {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 36 })
  orgId: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @Column({ name: 'last_value', type: 'integer' })
  lastValue: number;
}
