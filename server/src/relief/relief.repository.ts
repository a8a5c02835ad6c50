import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { ReliefRecord, type ReliefState } from './entities/relief-record.entity.js';

/** The relief records (relief_records), read and written here only, always in the caller's transaction. */
@Injectable()
export class ReliefRepository {
  async insert(manager: EntityManager, record: ReliefRecord): Promise<void> {
    await manager.insert(ReliefRecord, record);
  }

  findById(manager: EntityManager, id: string): Promise<ReliefRecord | null> {
    return manager.findOneBy(ReliefRecord, { id });
  }

  /**
   * The record of a bill, under a write lock until the transaction ends (MySQL/MariaDB: SELECT … FOR
   * UPDATE, which also reads the latest committed row, not the transaction's snapshot): WeChat Pay's
   * notices, the answer and the reconciliation job settling one bill at once queue here, so each sees
   * what the one before wrote. SQLite runs its write transactions one after another and needs none.
   */
  lockByOutBillNo(manager: EntityManager, outBillNo: string): Promise<ReliefRecord | null> {
    const query = manager.getRepository(ReliefRecord).createQueryBuilder('r').where('r.out_bill_no = :outBillNo', { outBillNo });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Whether the appeal has a record in one of these states. */
  existsForAppeal(manager: EntityManager, appealId: string, states: ReliefState[]): Promise<boolean> {
    return manager.existsBy(ReliefRecord, { appealId, state: In(states) });
  }

  listInStates(manager: EntityManager, states: ReliefState[]): Promise<ReliefRecord[]> {
    return manager.find(ReliefRecord, { where: { state: In(states) } });
  }

  listForAppeal(manager: EntityManager, appealId: string): Promise<ReliefRecord[]> {
    return manager.find(ReliefRecord, { where: { appealId }, order: { createdAt: 'ASC' } });
  }

  /** The amounts of the organisation's month's records in these states. */
  async amountsOfMonth(manager: EntityManager, orgId: string, month: string, states: ReliefState[]): Promise<Array<ReliefRecord['amountFen']>> {
    const rows = await manager.find(ReliefRecord, { where: { orgId, month, state: In(states) }, select: { amountFen: true } });
    return rows.map((r) => r.amountFen);
  }

  /** The optimistic write: changes the record only at the version read; false when someone else changed it first. */
  async updateIfVersion(manager: EntityManager, record: ReliefRecord, changes: Partial<ReliefRecord>, now: Date): Promise<boolean> {
    const result = await manager.update(ReliefRecord, { id: record.id, version: record.version }, { ...changes, version: record.version + 1, updatedAt: now });
    return result.affected === 1;
  }
}
