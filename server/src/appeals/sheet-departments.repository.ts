// The only writer of `sheet_departments`: the co-handling departments (协办) of each dispatch sheet and
// their answers. Written in the transaction of the transition that changes them (dispatch, 退单, 协办意见).
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { newId } from '../common/columns.js';
import { insertRows } from '../database/insert-rows.js';
import { SheetDepartment } from './entities/sheet-department.entity.js';

@Injectable()
export class SheetDepartmentsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * The co-handling departments of a new sheet version: the earlier sheet's rows stop being in force, and a
   * department that stays on keeps the answer it already gave. Returns the rows in force now.
   */
  async replace(manager: EntityManager, appeal: { id: string; orgId: string }, sheetVersion: number, departmentIds: readonly string[], now: Date): Promise<SheetDepartment[]> {
    const repo = manager.getRepository(SheetDepartment);
    const earlier = new Map((await repo.find({ where: { appealId: appeal.id, active: true } })).map((row) => [row.departmentId, row]));
    await this.deactivate(manager, appeal.id);
    const rows = departmentIds.map((departmentId): SheetDepartment => {
      const kept = earlier.get(departmentId);
      return {
        id: newId(),
        appealId: appeal.id,
        orgId: appeal.orgId,
        sheetVersion,
        departmentId,
        active: true,
        answer: kept?.answer ?? null,
        answeredBy: kept?.answeredBy ?? null,
        answeredAt: kept?.answeredAt ?? null,
        createdAt: now,
      };
    });
    if (rows.length) await insertRows(manager, SheetDepartment, rows);
    return rows;
  }

  /** No co-handling department is on the appeal any more (退单: the sheet went back). */
  async deactivate(manager: EntityManager, appealId: string): Promise<void> {
    await manager.getRepository(SheetDepartment).update({ appealId, active: true }, { active: false });
  }

  /**
   * 协办意见, once per department and sheet in force: a conditional update, so of two answers of the same
   * department at once only one is kept. False: none in force for it, or it has answered.
   */
  async answer(manager: EntityManager, appealId: string, departmentId: string, text: string, userId: string, now: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(SheetDepartment)
      .set({ answer: text, answeredBy: userId, answeredAt: now })
      .where('appeal_id = :appealId AND department_id = :departmentId AND active = :yes AND answered_at IS NULL', { appealId, departmentId, yes: true })
      .execute();
    return result.affected === 1;
  }

  /** The co-handling departments in force on these appeals (with `manager`, inside a transaction). */
  active(appealIds: readonly string[], manager: EntityManager = this.db.manager): Promise<SheetDepartment[]> {
    return appealIds.length
      ? manager.getRepository(SheetDepartment).find({ where: { appealId: In([...appealIds]), active: true }, order: { createdAt: 'ASC', id: 'ASC' } })
      : Promise.resolve([]);
  }

  /** Every sheet version's co-handling departments of one appeal, for the sheets' views. */
  ofAppeal(appealId: string): Promise<SheetDepartment[]> {
    return this.db.getRepository(SheetDepartment).find({ where: { appealId }, order: { sheetVersion: 'ASC', id: 'ASC' } });
  }
}
