// The export's keyset pages of a month: its appeals by id, their step events and their workers, read
// through the reports' reader (database/thread-reader.ts). On SQLite that is its worker thread with a read-only
// connection of its own: the pages' reads, on the app's connection, were the export's longest blocks of
// the event loop beside the rows themselves (bench/export.mjs with --cpu-prof: better-sqlite3's query and
// TypeORM's entities made of each row). On both engines they come as plain rows, no entities made.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Appeal as AppealEntity, type Appeal } from '../../appeals/entities/appeal.entity.js';
import { AppealEvent as AppealEventEntity, type AppealEvent } from '../../appeals/entities/appeal-event.entity.js';
import { hydrateValue } from '../../database/select-rows.js';
import type { User } from '../../users/entities/user.entity.js';
import { ThreadReader } from '../../database/thread-reader.js';

/** What a row of 诉求明细 is made of (not the phone, the hashes or the staff's notes). */
export type ExportAppeal = Pick<
  Appeal,
  | 'id'
  | 'orgId'
  | 'serial'
  | 'createdAt'
  | 'categoryId'
  | 'placeId'
  | 'submitterId'
  | 'identity'
  | 'content'
  | 'status'
  | 'departmentId'
  | 'dueAt'
  | 'repliedAt'
  | 'outcome'
  | 'callLogged'
  | 'rating'
>;

/** One keyset page: the appeals after `afterId` (null: from the first) up to `lastId`. */
export interface PageRange {
  afterId: string | null;
  lastId: string;
}

const inPage = (alias: string, range: PageRange) =>
  `${alias}.org_id = :orgId AND ${alias}.month = :month AND ${alias}.id <= :lastId${range.afterId ? ` AND ${alias}.id > :afterId` : ''}`;

type Row = Record<string, unknown>;

@Injectable()
export class ExportPages {
  constructor(
    @Inject(ThreadReader) private readonly reader: ThreadReader,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  /** A time as the driver hydrates it (SQLite's UTC text, mysql2's Date). */
  private instant(entity: typeof AppealEntity | typeof AppealEventEntity, property: 'createdAt' | 'dueAt' | 'repliedAt', value: unknown): Date | null {
    return value === null || value === undefined ? null : (hydrateValue(this.db, entity, property, value) as Date);
  }

  /** The page's appeals in id order, served by ix_appeals_org_month_id however large the month (no OFFSET). */
  async appeals(orgId: string, month: string, range: PageRange, limit: number): Promise<ExportAppeal[]> {
    const sql =
      'SELECT a.id, a.org_id, a.serial, a.created_at, a.category_id, a.place_id, a.submitter_id, a.identity, a.content, a.status,' +
      ' a.department_id, a.due_at, a.replied_at, a.outcome, a.call_logged, a.rating' +
      ` FROM appeals a WHERE ${inPage('a', range)} ORDER BY a.id ASC LIMIT ${Math.floor(limit)}`;
    const rows = await this.reader.query<Row>(sql, { orgId, month, ...range });
    return rows.map((r) => ({
      id: r.id as string,
      orgId: r.org_id as string,
      serial: r.serial as string,
      createdAt: this.instant(AppealEntity, 'createdAt', r.created_at)!,
      categoryId: r.category_id as string,
      placeId: (r.place_id as string | null) ?? null,
      submitterId: r.submitter_id as string,
      identity: r.identity as Appeal['identity'],
      content: (r.content as string | null) ?? '',
      status: r.status as Appeal['status'],
      departmentId: (r.department_id as string | null) ?? null,
      dueAt: this.instant(AppealEntity, 'dueAt', r.due_at),
      repliedAt: this.instant(AppealEntity, 'repliedAt', r.replied_at),
      outcome: (r.outcome as Appeal['outcome']) ?? null,
      callLogged: Boolean(Number(r.call_logged)),
      rating: (r.rating as Appeal['rating']) ?? null,
    }));
  }

  /** The events of these kinds on the page's appeals, in time order; the page as an id range, not a list of ids. */
  async events(orgId: string, month: string, range: PageRange, types: readonly string[]): Promise<Array<Pick<AppealEvent, 'appealId' | 'type' | 'createdAt'>>> {
    const sql =
      'SELECT e.appeal_id, e.type, e.created_at FROM appeal_events e' +
      ` WHERE e.appeal_id IN (SELECT a.id FROM appeals a WHERE ${inPage('a', range)}) AND e.type IN (:...types)` +
      ' ORDER BY e.created_at ASC, e.id ASC';
    const rows = await this.reader.query<Row>(sql, { orgId, month, ...range, types });
    return rows.map((r) => ({ appealId: r.appeal_id as string, type: r.type as AppealEvent['type'], createdAt: this.instant(AppealEventEntity, 'createdAt', r.created_at)! }));
  }

  /** The workers of the page: the name and unit only. */
  async submitters(ids: string[]): Promise<Array<Pick<User, 'id' | 'name' | 'unit'>>> {
    if (!ids.length) return [];
    const rows = await this.reader.query<Row>('SELECT u.id, u.name, u.unit FROM users u WHERE u.id IN (:...ids)', { ids });
    return rows.map((r) => ({ id: r.id as string, name: (r.name as string | null) ?? null, unit: (r.unit as string | null) ?? null }));
  }
}
