import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { insertRows } from '../database/insert-rows.js';
import { isUniqueViolation } from '../database/transactions.js';
import { AppealSupport } from './entities/appeal-support.entity.js';

/** The only reader and writer of appeal_supports. Nothing here answers who supported: only how many. */
@Injectable()
export class SupportsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Adds the worker's 同感; false when they had already (the unique key decides, whatever ran at the same time). */
  async add(row: AppealSupport): Promise<boolean> {
    try {
      await insertRows(this.db.manager, AppealSupport, [row]);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** How many workers added 同感 to each of these appeals (absent: none). */
  async counts(appealIds: readonly string[]): Promise<Map<string, number>> {
    if (!appealIds.length) return new Map();
    const rows: Array<{ appealId: string; n: string | number }> = await this.db
      .getRepository(AppealSupport)
      .createQueryBuilder('s')
      .select('s.appeal_id', 'appealId')
      .addSelect('COUNT(*)', 'n')
      .where('s.appeal_id IN (:...ids)', { ids: [...new Set(appealIds)] })
      .groupBy('s.appeal_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.appealId, Number(r.n)]));
  }

  /** Of these appeals, those this person added 同感 to. */
  async mine(userId: string, appealIds: readonly string[]): Promise<Set<string>> {
    if (!appealIds.length) return new Set();
    const rows = await this.db
      .getRepository(AppealSupport)
      .createQueryBuilder('s')
      .select('s.appeal_id', 'appealId')
      .where('s.user_id = :userId AND s.appeal_id IN (:...ids)', { userId, ids: [...new Set(appealIds)] })
      .getRawMany<{ appealId: string }>();
    return new Set(rows.map((r) => r.appealId));
  }
}
