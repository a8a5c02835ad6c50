// GET /api/appeals: the worker's 我的诉求 and the staff's inbox and search, a page at a time. Who sees
// which appeals is appeal-access.ts's rule (the office and leaders their organisation's, a handler their
// department's); what the search box may match of the worker is visibility.ts's table, for the viewer
// the appeal page would show it to — so a search never tells whether a protected worker wrote an appeal.
import { Inject, Injectable } from '@nestjs/common';
import {
  APPEAL_LIST_DEFAULT_LIMIT,
  IDENTITIES,
  INBOX_TABS,
  appealListQuery,
  visibleFields,
  type AppealListQuery,
  type AppealListSort,
  type AppealListView,
  type IdentityField,
  type InboxRole,
} from '@minqing/shared';
import type { AuthUser } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import { OrgRepository } from '../org/org.repository.js';
import { AppealListRepository, type ListFilters, type ListPosition, type ListScope, type ListSearch } from './appeal-list.repository.js';
import { AppealViewBuilder } from './appeal-view.builder.js';
import { PhoneTail } from './phone-tail.js';

/** Roles that read the list, most entitled first: a person holding several sees it as the first (as appeal-access.ts shows an appeal). */
const LIST_ROLES: InboxRole[] = ['coordinator', 'leader', 'handler'];

@Injectable()
export class AppealListService {
  constructor(
    @Inject(AppealListRepository) private readonly lists: AppealListRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(AppealViewBuilder) private readonly views: AppealViewBuilder,
    @Inject(PhoneTail) private readonly phoneTail: PhoneTail,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(auth: AuthUser, raw: unknown): Promise<AppealListView> {
    // The first wrong parameter's own code and sentence (a query has no form to mark fields on).
    const query = parseOrThrow(appealListQuery, raw ?? {}, { code: 'first' });
    const limit = query.limit ?? APPEAL_LIST_DEFAULT_LIMIT;
    if (query.scope === 'mine') {
      const page = await this.lists.minePage(auth.user.id, decodeCursor(query.cursor, 'mine'), limit);
      return { items: await this.views.summaries(page.rows), next: encodeCursor('mine', page.next) };
    }
    return this.staffList(auth, query, limit);
  }

  private async staffList(auth: AuthUser, query: AppealListQuery, limit: number): Promise<AppealListView> {
    const role = LIST_ROLES.find((r) => auth.staff.some((s) => s.role === r && (r !== 'handler' || s.departmentId)));
    const staff = role && auth.staff.find((s) => s.role === role && (role !== 'handler' || s.departmentId));
    if (!role || !staff) throw DomainError.forbidden();
    const scope: ListScope = role === 'handler' ? { orgId: staff.orgId, departmentId: staff.departmentId! } : { orgId: staff.orgId };
    const sort: AppealListSort = query.sort ?? 'newest';
    const after = decodeCursor(query.cursor, sort);
    const now = this.clock.now();
    const filters = await this.filters(scope, query, role, auth.user.id);
    const page = await this.lists.staffPage(scope, filters, sort, after, now, limit);
    const items = await this.views.staffSummaries(page.rows, scope.orgId);
    const view: AppealListView = {
      // In the call queue, the workers whom no message reached come first within the page: only a call tells them.
      items: query.queue === 'calls' ? [...items].sort((a, b) => Number(b.needsCall) - Number(a.needsCall)) : items,
      next: encodeCursor(sort, page.next),
    };
    if (!after) {
      const tabs = INBOX_TABS[role].filter((tab) => tab.code !== 'all').map((tab) => ({ code: tab.code, filters: tabFilters(tab.query, auth.user.id) }));
      view.counts = await this.lists.counts(scope, tabs, now);
    }
    return view;
  }

  private async filters(scope: ListScope, query: AppealListQuery, role: InboxRole, userId: string): Promise<ListFilters> {
    const [category, department, place] = await Promise.all([
      query.category ? this.orgs.findCategory(scope.orgId, query.category) : null,
      query.department ? this.orgs.findDepartment(scope.orgId, query.department) : null,
      query.place ? this.orgs.listPlaces(scope.orgId).then((places) => places.find((p) => p.code === query.place) ?? null) : null,
    ]);
    // An unknown category, department or place filters everything out rather than nothing.
    const idOf = (code: string | undefined, found: { id: string } | null) => (code ? (found?.id ?? 'none') : undefined);
    return {
      ...tabFilters(query, userId),
      categoryId: idOf(query.category, category),
      departmentId: idOf(query.department, department),
      placeId: idOf(query.place, place),
      month: query.month,
      urgent: query.urgent || undefined,
      overdue: query.overdue || undefined,
      identity: query.identity,
      search: query.q ? this.search(scope.orgId, query.q, role) : undefined,
    };
  }

  /** The search box, cut to what this viewer may see of a worker (visibility.ts's `shown`; a reveal is personal and searches nothing). */
  private search(orgId: string, text: string, role: InboxRole): ListSearch {
    const identitiesShowing = (fields: IdentityField[]) => IDENTITIES.filter((identity) => fields.some((field) => visibleFields(identity, role).has(field)));
    const digits = /^\d{4}$/.test(text) ? text : null;
    return {
      // '!' escapes LIKE's wildcards the same way on SQLite and MySQL (a backslash does not).
      escaped: text.replace(/[!%_]/g, (c) => `!${c}`),
      nameIdentities: identitiesShowing(['name']),
      phoneTail: digits && this.phoneTail.ofDigits(orgId, digits),
      phoneIdentities: identitiesShowing(['phone', 'phoneLast4']),
    };
  }
}

/** A tab's own filters (INBOX_TABS' queries, or the caller's): queue, status, responsible person. */
function tabFilters(query: Pick<AppealListQuery, 'queue' | 'status' | 'assignee'>, userId: string): ListFilters {
  return { queue: query.queue, status: query.status, assigneeId: query.assignee === 'me' ? userId : undefined };
}

/**
 * The cursor is opaque to the client: the order it belongs to, the phase of that order and the last
 * row's sort key and id, as base64url JSON. One from another order, or altered, answers LIST_CURSOR_INVALID.
 */
export function encodeCursor(order: AppealListSort | 'mine', position: ListPosition | null): string | null {
  return position && Buffer.from(JSON.stringify([order, position.phase, position.at.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, order: AppealListSort | 'mine'): ListPosition | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new DomainError('LIST_CURSOR_INVALID');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw new DomainError('LIST_CURSOR_INVALID');
  const [of, phase, at, id] = parsed as unknown[];
  const time = typeof at === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(at) ? new Date(at) : null;
  if (of !== order || (phase !== 0 && !(phase === 1 && order === 'due')) || !time || Number.isNaN(time.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new DomainError('LIST_CURSOR_INVALID');
  }
  return { phase, at: time, id };
}
