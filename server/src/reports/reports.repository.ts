import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MonthlyReport } from './entities/monthly-report.entity.js';
import { ReportItem } from './entities/report-item.entity.js';
import { ReportExclusionRow } from './entities/report-exclusion.entity.js';
import { hydrate, selectList } from '../database/select-rows.js';

/** A report's version without its figures (the figures of a big month are a megabyte: read only the one shown). */
export type ReportVersion = Omit<MonthlyReport, 'figures'>;
const WITHOUT_FIGURES = ['figures'] as const;

/** One item as the screens read it: the row as stored, no entity built. */
export type ItemRow = Omit<ReportItem, 'reportId' | 'appealId'>;

/** One 核减 entry as read: its place in the version's list, the appeal's serial, the kind and the reason. */
export type ExclusionRow = Omit<ReportExclusionRow, 'reportId'>;

const ITEM_COLUMNS =
  'id, position, serial, category_name AS categoryName, place_name AS placeName, outcome, department_name AS departmentName, days_taken AS daysTaken, summary, included';

/**
 * What the office's view reads besides the version list, as it runs (bench/reports-scale.mjs runs the same
 * raw): the shown version's figures, and a page of its items and of its 核减 entries (? report id, ? position after).
 */
export const VIEW_SQL = {
  // As text: MariaDB marks a JSON column so, and mysql2 would parse it only for the view to write it again.
  figures: 'SELECT CAST(figures AS CHAR) AS figures FROM monthly_reports WHERE id = ?',
  itemsPage: (limit: number, listed = false) =>
    `SELECT ${ITEM_COLUMNS} FROM report_items WHERE report_id = ? AND position > ?${listed ? " AND included = 1 AND summary IS NOT NULL AND summary <> ''" : ''} ORDER BY position LIMIT ${Math.trunc(limit)}`,
  exclusionsPage: (limit: number) =>
    `SELECT position, serial, kind, reason FROM report_exclusions WHERE report_id = ? AND position > ? ORDER BY position LIMIT ${Math.trunc(limit)}`,
};

@Injectable()
export class ReportsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  versions(orgId: string, month: string, manager: EntityManager = this.db.manager): Promise<MonthlyReport[]> {
    return manager.getRepository(MonthlyReport).find({ where: { orgId, month }, order: { version: 'ASC' } });
  }

  /** The month's versions in order, without their figures. */
  async versionList(orgId: string, month: string): Promise<ReportVersion[]> {
    // Without the query builder (select-rows.ts): the office's every look at a report begins here.
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${selectList(this.db, MonthlyReport, 'r', WITHOUT_FIGURES)} FROM monthly_reports r WHERE r.org_id = ? AND r.month = ? ORDER BY r.version ASC`,
      [orgId, month],
    );
    return rows.map((row) => hydrate(this.db, MonthlyReport, row, 'r', WITHOUT_FIGURES)!);
  }

  /**
   * A version's figures as stored: the JSON text, read raw (through the entity the driver would parse it,
   * the transformer stringify it, and the caller parse it again — three passes over a megabyte).
   */
  async figuresText(reportId: string): Promise<string> {
    const [row] = await this.db.query<Array<{ figures: unknown }>>(VIEW_SQL.figures, [reportId]);
    return typeof row.figures === 'string' ? row.figures : JSON.stringify(row.figures);
  }

  /**
   * A page of a report's items after `afterPosition`, in order (the index (report_id, position): a range
   * read of `limit` entries whatever the list's size); `listed`: only what the public reads (included,
   * with a summary). Raw rows: one object each, no entity built.
   */
  async itemsPage(reportId: string, afterPosition: number, limit: number, listed = false): Promise<ItemRow[]> {
    return this.rows(VIEW_SQL.itemsPage(limit, listed), [reportId, afterPosition]);
  }

  private async rows(sql: string, values: unknown[]): Promise<ItemRow[]> {
    const rows = await this.db.query<Array<Record<string, unknown>>>(sql, values);
    return rows.map((r) => ({
      id: String(r.id),
      position: Number(r.position),
      serial: String(r.serial),
      categoryName: String(r.categoryName),
      placeName: String(r.placeName),
      outcome: String(r.outcome),
      departmentName: r.departmentName === null ? null : String(r.departmentName),
      daysTaken: Number(r.daysTaken),
      summary: r.summary === null ? null : String(r.summary),
      included: Boolean(Number(r.included)),
    }));
  }

  /**
   * A page of a version's 核减 entries after `afterPosition`, in order: one range of the primary key
   * (report_id, position), `limit` rows whatever the list's size.
   */
  async exclusionsPage(reportId: string, afterPosition: number, limit: number): Promise<ExclusionRow[]> {
    const rows = await this.db.query<Array<Record<string, unknown>>>(VIEW_SQL.exclusionsPage(limit), [reportId, afterPosition]);
    return rows.map((r) => ({ position: Number(r.position), serial: String(r.serial), kind: r.kind as ExclusionRow['kind'], reason: String(r.reason) }));
  }

  /** A version's 核减 list, written anew in the draft's transaction (in slices, like the items). */
  async replaceExclusions(manager: EntityManager, reportId: string, exclusions: Array<Omit<ExclusionRow, 'position'>>): Promise<void> {
    await manager.getRepository(ReportExclusionRow).delete({ reportId });
    await insertSlices(
      manager,
      ReportExclusionRow,
      exclusions.map((e, position) => ({ reportId, position, serial: e.serial, kind: e.kind, reason: e.reason })),
    );
  }

  /** These items of a report, as the screens read them. */
  async itemsById(reportId: string, ids: string[]): Promise<ItemRow[]> {
    if (!ids.length) return [];
    return this.rows(`SELECT ${ITEM_COLUMNS} FROM report_items WHERE report_id = ? AND id IN (${ids.map(() => '?').join(', ')})`, [reportId, ...ids]);
  }

  items(reportId: string, manager: EntityManager = this.db.manager): Promise<ReportItem[]> {
    return manager.getRepository(ReportItem).find({ where: { reportId }, order: { position: 'ASC' } });
  }

  async insertReport(manager: EntityManager, report: MonthlyReport): Promise<void> {
    await manager.createQueryBuilder().insert().into(MonthlyReport).values(report).updateEntity(false).execute();
  }

  async replaceItems(manager: EntityManager, reportId: string, items: ReportItem[]): Promise<void> {
    await manager.getRepository(ReportItem).delete({ reportId });
    await insertSlices(manager, ReportItem, items);
  }

  /**
   * A draft's row under a write lock until the transaction ends (MySQL/MariaDB: SELECT … FOR UPDATE, which
   * reads the latest committed row): true while it is still a draft. An edit of its items takes it first,
   * so it cannot land in a version published meanwhile. SQLite runs one write transaction at a time.
   */
  async lockDraft(manager: EntityManager, id: string): Promise<boolean> {
    const query = manager.getRepository(MonthlyReport).createQueryBuilder('r').select(['r.id', 'r.state']).where('r.id = :id', { id });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return (await query.getOne())?.state === 'draft';
  }

  /** A draft's figures recomputed: false when it was published since it was read (then it must not change). */
  async refreshDraft(manager: EntityManager, id: string, changes: Pick<MonthlyReport, 'figures' | 'computedAt'>): Promise<boolean> {
    const result = await manager.getRepository(MonthlyReport).update({ id, state: 'draft' }, changes);
    return result.affected === 1;
  }

  /**
   * Publishes a draft: an atomic conditional UPDATE, so of several publishes at once (a double tap, two
   * offices) exactly one finds the row still a draft; false for the others.
   */
  async publishDraft(manager: EntityManager, id: string, changes: Pick<MonthlyReport, 'note' | 'publishedAt' | 'publishedBy'>): Promise<boolean> {
    const result = await manager.getRepository(MonthlyReport).update({ id, state: 'draft' }, { ...changes, state: 'published' });
    return result.affected === 1;
  }

  hasItem(manager: EntityManager, reportId: string, id: string): Promise<boolean> {
    return manager.getRepository(ReportItem).existsBy({ id, reportId });
  }

  async updateItem(manager: EntityManager, reportId: string, id: string, changes: Partial<ReportItem>): Promise<boolean> {
    const result = await manager.getRepository(ReportItem).update({ id, reportId }, changes);
    return result.affected === 1;
  }

  /** The ids of every published version of the organisation's reports: what its public pages are drawn from. */
  async publishedVersionIds(orgId: string): Promise<string[]> {
    const rows = await this.db.getRepository(MonthlyReport).find({ select: { id: true }, where: { orgId, state: 'published' }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /** The latest published version of each of the organisation's months, newest month first. */
  async latestPublished(orgId: string, limit: number): Promise<MonthlyReport[]> {
    const rows = await this.db.getRepository(MonthlyReport).find({ where: { orgId, state: 'published' }, order: { month: 'DESC', version: 'DESC' } });
    const latest = new Map<string, MonthlyReport>();
    for (const row of rows) if (!latest.has(row.month)) latest.set(row.month, row);
    return [...latest.values()].slice(0, limit);
  }

  /** Included items of these reports (the public list). */
  async publishedItems(reportIds: string[]): Promise<ReportItem[]> {
    if (!reportIds.length) return [];
    return this.db
      .getRepository(ReportItem)
      .createQueryBuilder('i')
      .where('i.report_id IN (:...reportIds) AND i.included = :yes', { reportIds, yes: true })
      .orderBy('i.position', 'ASC')
      .getMany();
  }
}

/** Rows inserted in slices: one statement per few hundred rows keeps within SQLite's and MySQL's limits. */
async function insertSlices<T extends object>(manager: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + 200) as never)
      .updateEntity(false)
      .execute();
  }
}
