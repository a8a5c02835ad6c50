// The lists of appeals — the staff's inbox and search, the worker's 我的诉求 — read a page at a time off
// the indexes of migration 1765700000000: every order ends in the row's id, so a cursor (the last row's
// sort key and id) continues exactly where the page ended, whatever arrived meanwhile.
//
// Which statuses a queue holds comes from the status machine (shared/src/status-machine.ts): 新诉求 and
// 待复核 are the appeals the office may still accept; 待回访 those it may log a call on; 逾期 those a
// department is answering (where it may ask for more time) past the answer's due time; 延期审批 those
// where a leader may decide a request for more time.
//
// The lists' statements run through a ThreadReader of the appeals module's own: on a SQLite file, on a
// thread with a read-only connection of its own (database/thread-reader.ts). better-sqlite3 is synchronous and
// TypeORM's promise around it resolves at once, so ten offices' lists read on the app's connection ran
// their statements back to back in microtasks: a /api/health waited 0.9–1.4 s for the event loop at
// 100,000 appeals. A read of the last committed state is what a list shows (an action's commit comes
// before its answer, so the list read after it sees it).
import { Inject, Injectable } from '@nestjs/common';
import { INBOX_COUNT_CAP, TRANSITIONS, type AppealListSort, type AppealQueue, type AppealStatus, type Identity } from '@minqing/shared';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { hydrate, hydrateValue } from '../database/select-rows.js';
import { ThreadReader } from '../database/thread-reader.js';
import { Appeal } from './entities/appeal.entity.js';

const TRIAGE: readonly AppealStatus[] = TRANSITIONS.accept.from;
const CALLS: readonly AppealStatus[] = TRANSITIONS.calls.from;
const HANDLING: readonly AppealStatus[] = TRANSITIONS.extension.from;
const DECIDING: readonly AppealStatus[] = TRANSITIONS['extension-decision'].from;

/**
 * How many appeals one request of a search tests at most (the text is matched by LIKE '%…%', which no
 * index serves). At 100,000 appeals in a month, a word found nowhere cost 1.7 s a request on MariaDB and
 * 0.3 s on SQLite unbounded; bounded, 147 ms and 9 ms (medians, on a shared two-core machine). A search
 * goes on from where the previous request stopped, through `next`.
 */
export const SEARCH_SCAN_ROWS = 5000;

/** Whose appeals: an organisation's, or one department's of it. */
export interface ListScope {
  orgId: string;
  departmentId?: string;
}

/**
 * What the search box asks, already cut to what this viewer may search: `nameIdentities` and
 * `phoneIdentities` are the identities whose worker's name (phone) the viewer may see — empty, the
 * name (phone) is not searched at all.
 */
export interface ListSearch {
  /** The text, its LIKE wildcards escaped with '!'. */
  escaped: string;
  nameIdentities: Identity[];
  /** The keyed hash of four digits (phone-tail.ts), when the text is four digits. */
  phoneTail: string | null;
  phoneIdentities: Identity[];
}

export interface ListFilters {
  status?: AppealStatus;
  categoryId?: string;
  departmentId?: string;
  placeId?: string;
  month?: string;
  urgent?: boolean;
  overdue?: boolean;
  identity?: Identity;
  queue?: AppealQueue;
  /** Only the appeals whose sheet names this person responsible. */
  assigneeId?: string;
  search?: ListSearch;
}

/** Where a page ended: the phase of the order (the due sort has two) and the last row's key. */
export interface ListPosition {
  phase: number;
  at: Date;
  id: string;
}

/** One part of an order: the rows it holds, the column it orders by and which way (the id breaks ties the same way). */
interface Phase {
  where?: string;
  column: 'created_at' | 'due_at';
  direction: 'ASC' | 'DESC';
}

const NEWEST: Phase = { column: 'created_at', direction: 'DESC' };
export const LIST_ORDERS: Record<AppealListSort, Phase[]> = {
  newest: [NEWEST],
  oldest: [{ column: 'created_at', direction: 'ASC' }],
  // The soonest deadline first; the appeals with none (not dispatched) after them, newest first.
  due: [
    { where: 'a.due_at IS NOT NULL', column: 'due_at', direction: 'ASC' },
    { where: 'a.due_at IS NULL', ...NEWEST },
  ],
};

export interface ListPage {
  rows: Appeal[];
  /** Where the next page starts; null: this page is the last. */
  next: ListPosition | null;
}

@Injectable()
export class AppealListRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ThreadReader) private readonly reader: ThreadReader,
  ) {}

  /** A page of the staff's list: `limit` rows after `after` (from the start without it). */
  staffPage(scope: ListScope, filters: ListFilters, sort: AppealListSort, after: ListPosition | null, now: Date, limit: number): Promise<ListPage> {
    const { search, ...plain } = filters;
    return this.page(
      (phase, position, take, until) => this.staffQuery(scope, filters, sort, phase, position, now, take, until),
      LIST_ORDERS[sort],
      after,
      limit,
      // A search tests each appeal's text (LIKE '%…%', which no index serves): at most SEARCH_SCAN_ROWS of them a request.
      search ? (phase, position) => this.scanBound(scope, plain, sort, phase, position, now) : undefined,
    );
  }

  /**
   * The SEARCH_SCAN_ROWS-th appeal after `after` in the order, without the search (read off the index), or
   * null when fewer remain: how far one request of a search goes.
   */
  private async scanBound(scope: ListScope, filters: ListFilters, sort: AppealListSort, phase: number, after: ListPosition | null, now: Date): Promise<ListPosition | null> {
    const column = LIST_ORDERS[sort][phase].column;
    const [row] = await this.read(this.scanBoundQuery(scope, filters, sort, phase, after, now));
    if (!row) return null;
    const at = hydrateValue(this.db, Appeal, column === 'due_at' ? 'dueAt' : 'createdAt', row[`a_${column}`]) as Date;
    return { phase, at, id: row.a_id as string };
  }

  /** The query of a search's bound (the plan test explains it): the order's columns only, off the index. */
  scanBoundQuery(scope: ListScope, filters: ListFilters, sort: AppealListSort, phase: number, after: ListPosition | null, now: Date): SelectQueryBuilder<Appeal> {
    return this.ordered(this.filtered(scope, filters, now), LIST_ORDERS[sort][phase], after, 1)
      .select(['a.id', LIST_ORDERS[sort][phase].column === 'due_at' ? 'a.dueAt' : 'a.createdAt'])
      .offset(SEARCH_SCAN_ROWS - 1);
  }

  /** A page of the worker's own appeals, newest first. */
  minePage(submitterId: string, after: ListPosition | null, limit: number): Promise<ListPage> {
    return this.page((_phase, position, take) => this.mineQuery(submitterId, position, take), [NEWEST], after, limit);
  }

  /** The query of a page of the worker's own appeals (the plan test explains it). */
  mineQuery(submitterId: string, after: ListPosition | null, limit: number): SelectQueryBuilder<Appeal> {
    return this.ordered(this.db.getRepository(Appeal).createQueryBuilder('a').where('a.submitter_id = :submitterId', { submitterId }), NEWEST, after, limit);
  }

  /**
   * The query of one phase of a staff page (the plan test explains it). `after`: the position to continue
   * from, in this phase.
   */
  staffQuery(
    scope: ListScope,
    filters: ListFilters,
    sort: AppealListSort,
    phase: number,
    after: ListPosition | null,
    now: Date,
    limit: number,
    until: ListPosition | null = null,
  ): SelectQueryBuilder<Appeal> {
    return this.ordered(this.filtered(scope, filters, now), LIST_ORDERS[sort][phase], after, limit, until);
  }

  /**
   * How many appeals each of the given queries holds (the inbox's tabs), up to INBOX_COUNT_CAP + 1, in one
   * statement: a COUNT per tab over at most that many of its rows, each served by its own index, joined by
   * UNION ALL. Uncapped, the 逾期 tab of a 100,000-appeal month counted some 30,000 index entries per page
   * view.
   */
  async counts(scope: ListScope, tabs: Array<{ code: string; filters: ListFilters }>, now: Date): Promise<Record<string, number>> {
    if (!tabs.length) return {};
    const parts = tabs.map(({ code, filters }) => this.countQuery(scope, code, filters, now));
    const rows = await this.reader.positional<{ tab: string; n: number | string }>(
      parts.map(([sql]) => sql).join(' UNION ALL '),
      parts.flatMap(([, parameters]) => parameters),
    );
    return Object.fromEntries(tabs.map(({ code }) => [code, Number(rows.find((r) => r.tab === code)?.n ?? 0)]));
  }

  /** One tab's count, up to INBOX_COUNT_CAP + 1 (the plan test explains it): its SQL and positional parameters. */
  countQuery(scope: ListScope, code: string, filters: ListFilters, now: Date): [string, unknown[]] {
    // Each part's parameters are positional in the SQL it gives, so the parts join without renaming.
    const [rows, parameters] = this.filtered(scope, filters, now)
      .select('1', 'one')
      .limit(INBOX_COUNT_CAP + 1)
      .getQueryAndParameters();
    return [`SELECT ? AS tab, COUNT(*) AS n FROM (${rows}) capped`, [code, ...parameters]];
  }

  /**
   * Fills a page from the order's phases in turn, one query per phase it reaches (one, but where a phase
   * ends). With `bound` (a search), each phase is read only up to its bound: a page that ends there
   * continues after it, so it may hold fewer than `limit` appeals and still have a next page.
   */
  private async page(
    query: (phase: number, after: ListPosition | null, take: number, until: ListPosition | null) => SelectQueryBuilder<Appeal>,
    phases: Phase[],
    after: ListPosition | null,
    limit: number,
    bound?: (phase: number, after: ListPosition | null) => Promise<ListPosition | null>,
  ): Promise<ListPage> {
    const found: Array<{ row: Appeal; phase: number }> = [];
    for (let phase = after?.phase ?? 0; phase < phases.length && found.length <= limit; phase++) {
      const from = after && after.phase === phase ? after : null;
      const until = bound ? await bound(phase, from) : null;
      const rows = (await this.read(query(phase, from, limit + 1 - found.length, until))).map((row) => hydrate(this.db, Appeal, row, 'a')!);
      found.push(...rows.map((row) => ({ row, phase })));
      // Searched as far as one request goes, and the page is not full: the next one starts after the bound.
      if (until && found.length <= limit) return { rows: found.map((f) => f.row), next: until };
    }
    const page = found.slice(0, limit);
    const last = page.at(-1);
    const next = found.length > limit && last ? { phase: last.phase, at: phases[last.phase].column === 'due_at' ? last.row.dueAt! : last.row.createdAt, id: last.row.id } : null;
    return { rows: page.map((f) => f.row), next };
  }

  /** A query's rows, read through the list's reader: the columns as the builder names them (alias_column). */
  private read(query: SelectQueryBuilder<Appeal>): Promise<Array<Record<string, unknown>>> {
    const [sql, values] = query.getQueryAndParameters();
    return this.reader.positional(sql, values);
  }

  private ordered(query: SelectQueryBuilder<Appeal>, phase: Phase, after: ListPosition | null, limit: number, until: ListPosition | null = null): SelectQueryBuilder<Appeal> {
    const column = `a.${phase.column}`;
    if (phase.where) query.andWhere(phase.where);
    const descending = phase.direction === 'DESC';
    if (after) {
      // Written as a range on the column and a tie-break, which both engines read off the index.
      const [to, past] = descending ? ['<=', '<'] : ['>=', '>'];
      query.andWhere(`${column} ${to} :afterAt AND (${column} ${past} :afterAt OR a.id ${past} :afterId)`, { afterAt: after.at, afterId: after.id });
    }
    if (until) {
      // Up to and including the bound row.
      const [to, past] = descending ? ['>=', '>'] : ['<=', '<'];
      query.andWhere(`${column} ${to} :untilAt AND (${column} ${past} :untilAt OR a.id ${to} :untilId)`, { untilAt: until.at, untilId: until.id });
    }
    return query.orderBy(column, phase.direction).addOrderBy('a.id', phase.direction).limit(limit);
  }

  private filtered(scope: ListScope, filters: ListFilters, now: Date): SelectQueryBuilder<Appeal> {
    // Where a subquery of another table finds the appeals (协办's sheets, 即将到期's steps), that subquery must
    // drive, not the organisation's index: SQLite's planner chose to scan every appeal of the organisation and
    // probe the subquery's list (9.5 ms at 100,000 appeals for an empty 即将到期 tab, 0.03 ms driven by the
    // steps). A unary + keeps a term out of SQLite's index choice ("Disqualifying WHERE Clause Terms using
    // Unary-'+'", sqlite.org/optoverview.html); MariaDB's and MySQL's planners read it as the plain column.
    const bySubquery = filters.queue === 'co_handling' || filters.queue === 'due_soon';
    const query = this.db
      .getRepository(Appeal)
      .createQueryBuilder('a')
      .where(`${bySubquery ? '+' : ''}a.org_id = :orgId`, { orgId: scope.orgId });
    const where = (sql: string, parameters: Record<string, unknown> = {}) => query.andWhere(sql, parameters);
    if (filters.queue === 'co_handling') {
      // 协办: the sheets in force that name the department (or, for the office and leaders, any department) as
      // co-handling — in place of the department's own scope, which is the sheets it leads.
      const co = scope.departmentId ? 'sd.department_id = :scopeDepartment' : 'sd.org_id = :orgId';
      where(`a.id IN (SELECT sd.appeal_id FROM sheet_departments sd WHERE ${co} AND sd.active = :coActive)`, { scopeDepartment: scope.departmentId, coActive: true });
    } else if (scope.departmentId) where('a.department_id = :scopeDepartment', { scopeDepartment: scope.departmentId });
    if (filters.status) where('a.status = :status', { status: filters.status });
    if (filters.categoryId) where('a.category_id = :categoryId', { categoryId: filters.categoryId });
    if (filters.departmentId) where('a.department_id = :filterDepartment', { filterDepartment: filters.departmentId });
    if (filters.placeId) where('a.place_id = :placeId', { placeId: filters.placeId });
    if (filters.month) where('a.month = :month', { month: filters.month });
    if (filters.urgent) where('a.urgent = :urgent', { urgent: true });
    if (filters.identity) where('a.identity = :identity', { identity: filters.identity });
    if (filters.assigneeId) where('a.assignee_id = :assigneeId', { assigneeId: filters.assigneeId });
    if (filters.overdue || filters.queue === 'overdue') where('a.status IN (:...handling) AND a.due_at < :now', { handling: HANDLING, now });
    switch (filters.queue) {
      case 'new':
        where('a.status IN (:...triage)', { triage: TRIAGE });
        break;
      case 'review':
        // Flagged by the content check and not yet decided: once accepted, rejected or merged it has been looked at.
        where('a.status IN (:...triage) AND a.under_review = :yes', { triage: TRIAGE, yes: true });
        break;
      case 'calls':
        // A merged appeal owes no call until a reply reaches it: call_logged stands set till then (merged-appeals.ts).
        where('a.status IN (:...calls) AND a.call_logged = :no', { calls: CALLS, no: false });
        break;
      case 'supervised':
        where('a.supervised = :yes', { yes: true });
        break;
      case 'due_soon':
        // An open step of the appeal falls due within the next 24 hours (the deadlines module's steps, by their org and due index).
        where(
          'a.id IN (SELECT s.appeal_id FROM appeal_steps s WHERE s.org_id = :stepOrg AND s.due_at >= :now AND s.due_at < :soon AND s.met_at IS NULL AND s.cancelled_at IS NULL)',
          { stepOrg: scope.orgId, now, soon: new Date(now.getTime() + 24 * 3600_000) },
        );
        break;
      case 'extensions':
        // A request for more time waits only where a leader may decide it: the status index finds them.
        where('a.status IN (:...deciding) AND a.extension_until IS NOT NULL', { deciding: DECIDING });
        break;
      case 'overdue':
      case undefined:
        break;
    }
    const search = filters.search;
    if (search) {
      const like = `%${search.escaped}%`;
      query.andWhere(
        new Brackets((any) => {
          any.where("a.serial LIKE :serialLike ESCAPE '!'", { serialLike: like.toUpperCase() });
          any.orWhere("a.content LIKE :contentLike ESCAPE '!'", { contentLike: like });
          // The worker's name only where this viewer may see it: a protected worker is never found by it.
          // A read of the users module's table, in a subquery so that a name many workers share needs no list in between.
          if (search.nameIdentities.length)
            any.orWhere("(a.identity IN (:...nameIdentities) AND a.submitter_id IN (SELECT u.id FROM users u WHERE u.name LIKE :nameLike ESCAPE '!'))", {
              nameIdentities: search.nameIdentities,
              nameLike: like,
            });
          if (search.phoneTail && search.phoneIdentities.length)
            any.orWhere('(a.identity IN (:...phoneIdentities) AND a.phone_tail = :phoneTail)', { phoneIdentities: search.phoneIdentities, phoneTail: search.phoneTail });
        }),
      );
    }
    return query;
  }
}
