import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import { BindCode } from './entities/bind-code.entity.js';

@Injectable()
export class StaffRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async insertCode(manager: EntityManager, code: BindCode): Promise<void> {
    await manager.createQueryBuilder().insert().into(BindCode).values(code).updateEntity(false).execute();
  }

  /** Spends a code: true only for the one caller that marked it used while it was still valid. */
  async spendCode(manager: EntityManager, code: string, userId: string, now: Date): Promise<BindCode | null> {
    const result = await manager.getRepository(BindCode).update({ code, usedBy: IsNull(), expiresAt: MoreThan(now) }, { usedBy: userId, usedAt: now });
    return result.affected === 1 ? manager.getRepository(BindCode).findOneBy({ code }) : null;
  }
}
