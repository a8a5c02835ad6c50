import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { Category } from './entities/category.entity.js';
import { Department } from './entities/department.entity.js';
import { Organization } from './entities/organization.entity.js';
import { Place } from './entities/place.entity.js';
import { findByIds, hydrate, selectList } from '../database/select-rows.js';

/** Reads of an organisation's setup: what a sticker, a form or a dispatch refers to. */
@Injectable()
export class OrgRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  findOrgByCode(code: string): Promise<Organization | null> {
    return this.db.getRepository(Organization).findOneBy({ code });
  }

  /**
   * What a submission names, in one query: the organisation by its code, with the category and the
   * place (not taken down) of those codes in it — each null when the organisation has none such.
   */
  async findSubmissionTarget(orgCode: string, categoryCode: string, placeCode?: string): Promise<{ org: Organization; category: Category | null; place: Place | null } | null> {
    const { db } = this;
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT ${selectList(db, Organization, 'o')}, ${selectList(db, Category, 'c')}${placeCode ? `, ${selectList(db, Place, 'p')}` : ''} FROM organizations o ` +
        'LEFT JOIN categories c ON c.org_id = o.id AND c.code = ? ' +
        (placeCode ? 'LEFT JOIN places p ON p.org_id = o.id AND p.code = ? AND p.archived_at IS NULL ' : '') +
        'WHERE o.code = ?',
      placeCode ? [categoryCode, placeCode, orgCode] : [categoryCode, orgCode],
    );
    const org = rows.length ? hydrate(db, Organization, rows[0], 'o') : null;
    if (!org) return null;
    return { org, category: hydrate(db, Category, rows[0], 'c'), place: placeCode ? hydrate(db, Place, rows[0], 'p') : null };
  }

  /** The organisation of a public URL; 404 ORG_UNKNOWN when there is none. */
  async requireOrgByCode(code: string): Promise<Organization> {
    const org = await this.findOrgByCode(code);
    if (!org) throw DomainError.notFound('ORG_UNKNOWN');
    return org;
  }

  /** By id, as most staff requests begin (select-rows.ts: without the query builder, whose cost was the statement's twice). */
  async findOrgById(id: string, manager: EntityManager = this.db.manager): Promise<Organization | null> {
    const db = manager.connection;
    const rows: Array<Record<string, unknown>> = await manager.query(`SELECT ${selectList(db, Organization, 'o')} FROM organizations o WHERE o.id = ?`, [id]);
    return rows.length ? hydrate(db, Organization, rows[0], 'o') : null;
  }

  /** Every organisation, groups included. */
  listOrgs(): Promise<Organization[]> {
    return this.db.getRepository(Organization).find();
  }

  /** The mines of a group, by code. */
  listMines(groupId: string): Promise<Organization[]> {
    return this.db.getRepository(Organization).find({ where: { parentId: groupId }, order: { code: 'ASC' } });
  }

  listCategories(orgId: string): Promise<Category[]> {
    return this.db.getRepository(Category).find({ where: { orgId }, order: { position: 'ASC' } });
  }

  /** Every place, taken-down ones included (past appeals and reports name them). */
  listPlaces(orgId: string): Promise<Place[]> {
    return this.db.getRepository(Place).find({ where: { orgId }, order: { position: 'ASC' } });
  }

  /** One scan of a place's sticker; nothing for an unknown or taken-down place. */
  async countScan(orgCode: string, placeCode: string): Promise<boolean> {
    const org = await this.findOrgByCode(orgCode);
    if (!org) return false;
    const result = await this.db
      .createQueryBuilder()
      .update(Place)
      .set({ scanCount: () => 'scan_count + 1' })
      .where('org_id = :orgId AND code = :code AND archived_at IS NULL', { orgId: org.id, code: placeCode })
      .execute();
    return result.affected === 1;
  }

  /** The places a sticker hangs in now: offered on the form, printed, counted. */
  listActivePlaces(orgId: string): Promise<Place[]> {
    return this.db.getRepository(Place).find({ where: { orgId, archivedAt: IsNull() }, order: { position: 'ASC' } });
  }

  findCategory(orgId: string, code: string): Promise<Category | null> {
    return this.db.getRepository(Category).findOneBy({ orgId, code });
  }

  findCategoriesByIds(ids: string[], manager: EntityManager = this.db.manager): Promise<Category[]> {
    return findByIds(manager, Category, ids);
  }

  findPlacesByIds(ids: string[]): Promise<Place[]> {
    return findByIds(this.db.manager, Place, ids);
  }

  findDepartmentById(id: string, manager: EntityManager = this.db.manager): Promise<Department | null> {
    return manager.getRepository(Department).findOneBy({ id });
  }

  findDepartment(orgId: string, code: string): Promise<Department | null> {
    return this.db.getRepository(Department).findOneBy({ orgId, code });
  }

  /** The organisation's departments by code (raw, select-rows.ts: every staff list and dashboard reads them). */
  async listDepartments(orgId: string, manager: EntityManager = this.db.manager): Promise<Department[]> {
    const { db } = this;
    const rows: Array<Record<string, unknown>> = await manager.query(`SELECT ${selectList(db, Department, 'd')} FROM departments d WHERE d.org_id = ? ORDER BY d.code ASC`, [
      orgId,
    ]);
    return rows.map((row) => hydrate(db, Department, row, 'd')!);
  }
}
