import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Category } from './entities/category.entity.js';
import { Department } from './entities/department.entity.js';
import { Organization } from './entities/organization.entity.js';
import { Place } from './entities/place.entity.js';

/** The parts of an organisation's setup an administrator creates and changes, each by its code. */
export interface SetupRows {
  place: Place;
  department: Department;
  category: Category;
}

const TABLES = { place: Place, department: Department, category: Category } as const;

/**
 * The administrator's writes to the organisation's setup (organizations, places, departments,
 * categories), always in the transaction that records them in the audit log.
 */
@Injectable()
export class OrgSetupRepository {
  async insertOrg(manager: EntityManager, org: Organization): Promise<void> {
    await manager.insert(Organization, org);
  }

  /** Puts the organisation of this code under a group. */
  async setParent(manager: EntityManager, code: string, parentId: string): Promise<void> {
    await manager.update(Organization, { code }, { parentId });
  }

  async updateOrg(manager: EntityManager, orgId: string, changes: Partial<Organization>): Promise<void> {
    await manager.update(Organization, { id: orgId }, changes);
  }

  findByCode<K extends keyof SetupRows>(manager: EntityManager, kind: K, orgId: string, code: string): Promise<SetupRows[K] | null> {
    return manager.getRepository<SetupRows[K]>(TABLES[kind]).findOneBy({ orgId, code } as never);
  }

  /** How many the organisation has: the next one's position. */
  count(manager: EntityManager, kind: 'place' | 'category', orgId: string): Promise<number> {
    return manager.count(TABLES[kind], { where: { orgId } });
  }

  async insert<K extends keyof SetupRows>(manager: EntityManager, kind: K, rows: SetupRows[K] | Array<SetupRows[K]>): Promise<void> {
    await manager.insert(TABLES[kind], rows);
  }

  async update<K extends keyof SetupRows>(manager: EntityManager, kind: K, id: string, changes: Partial<SetupRows[K]>): Promise<void> {
    await manager.update(TABLES[kind], { id }, changes as never);
  }
}
