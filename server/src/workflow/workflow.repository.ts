import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Appeal } from '../appeals/entities/appeal.entity.js';
import { StaffRole } from '../users/entities/staff-role.entity.js';
import { DispatchSheet } from './entities/dispatch-sheet.entity.js';

@Injectable()
export class WorkflowRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * The optimistic write of a transition: it changes the appeal only if nobody changed it since it
   * was read. False means a concurrent action won; the caller's transaction must roll back.
   */
  async updateIfVersion(manager: EntityManager, appeal: Appeal, changes: Partial<Appeal>, now: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Appeal)
      .set({ ...changes, version: appeal.version + 1, updatedAt: now })
      .where('id = :id AND version = :version', { id: appeal.id, version: appeal.version })
      .execute();
    return result.affected === 1;
  }

  async lastSheetVersion(manager: EntityManager, appealId: string): Promise<number> {
    const row = await manager.getRepository(DispatchSheet).findOne({ where: { appealId }, order: { version: 'DESC' } });
    return row?.version ?? 0;
  }

  async insertSheet(manager: EntityManager, sheet: DispatchSheet): Promise<void> {
    await manager.createQueryBuilder().insert().into(DispatchSheet).values(sheet).updateEntity(false).execute();
  }

  /** Staff of an organisation by role, e.g. the party secretary, or a department's handlers. */
  findStaff(orgId: string, where: { role?: StaffRole['role']; departmentId?: string; isSecretary?: boolean }): Promise<StaffRole[]> {
    return this.db.getRepository(StaffRole).findBy({ orgId, ...where });
  }

  findHandler(orgId: string, userId: string, departmentId: string): Promise<StaffRole | null> {
    return this.db.getRepository(StaffRole).findOneBy({ orgId, userId, departmentId, role: In(['handler']) });
  }

  /** An appeal of the organisation by id or by serial, to merge into. */
  findMergeTarget(orgId: string, ref: string): Promise<Appeal | null> {
    const repo = this.db.getRepository(Appeal);
    return /^[0-9a-f-]{36}$/i.test(ref) ? repo.findOneBy({ orgId, id: ref }) : repo.findOneBy({ orgId, serial: ref.toUpperCase() });
  }
}
