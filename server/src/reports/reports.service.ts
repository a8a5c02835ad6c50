// The monthly report's life: drafted (by the job on the 1st, or by the office), curated item by item,
// published as an immutable version; a correction is a new draft that carries the curation over and
// needs a note to be published. The public only ever reads published versions.
import { Inject, Injectable } from '@nestjs/common';
import {
  isBlank,
  isReportMonth,
  monthOf,
  reportItemEditBody,
  type PublicReportItemPage,
  type PublicReportView,
  type PublicResolvedItem,
  type ReportExclusion,
  type ReportExclusionPage,
  type ReportFigures,
  type ReportItemPage,
  type ReportItemView,
  type ReportVersionFigures,
  type ReportView,
  stripBidiControls,
} from '@minqing/shared';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import { Transactions, isUniqueViolation } from '../database/transactions.js';
import type { Organization } from '../org/entities/organization.entity.js';
import type { MonthlyReport } from './entities/monthly-report.entity.js';
import type { ReportItem } from './entities/report-item.entity.js';
import type { ExclusionRow, ItemRow, ReportVersion } from './reports.repository.js';
import { ReportFiguresBuilder } from './report-figures.js';
import { ReportsRepository } from './reports.repository.js';

/**
 * What the office's views of a version need of the organisation: its id (the staff's role says which),
 * not its row — the controller need not read it first (a round trip of every look at a report).
 */
export type OrgRef = Pick<Organization, 'id'>;

@Injectable()
export class ReportsService {
  constructor(
    @Inject(ReportsRepository) private readonly reports: ReportsRepository,
    @Inject(ReportFiguresBuilder) private readonly figures: ReportFiguresBuilder,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Drafts the month: refreshes an open draft's figures (keeping the office's edits), or starts the
   * next version after a published one, or the first. Only for a month that is over.
   */
  async draft(org: Organization, month: string): Promise<string> {
    const now = this.clock.now();
    checkMonth(month);
    if (month >= monthOf(now, org.timeZone)) throw new DomainError('REPORT_MONTH_NOT_OVER');
    const built = await this.figures.build(org, month, now);
    const { items } = built;
    // The 核减 list goes to rows of its own (paged when read); the figures keep how many there are.
    const { exclusions, ...rest } = built.figures;
    const figures: ReportVersionFigures = { ...rest, exclusionCount: exclusions.length };
    const write = () =>
      this.transactions.run(async (manager) => {
        const versions = await this.reports.versions(org.id, month, manager);
        const latest = versions.at(-1);
        // The office's curation (summaries, dropped items) carries over to the refreshed list.
        const curated = new Map((latest ? await this.reports.items(latest.id, manager) : []).map((i) => [i.appealId, i]));
        let report: MonthlyReport;
        if (latest?.state === 'draft') {
          report = { ...latest, figures: JSON.stringify(figures), computedAt: now };
          // Published since it was read: it must not change; the caller starts the next version instead.
          if (!(await this.reports.refreshDraft(manager, latest.id, { figures: report.figures, computedAt: now }))) return false;
        } else {
          report = {
            id: newId(),
            orgId: org.id,
            month,
            version: (latest?.version ?? 0) + 1,
            state: 'draft',
            figures: JSON.stringify(figures),
            note: null,
            computedAt: now,
            publishedAt: null,
            publishedBy: null,
            createdAt: now,
          };
          await this.reports.insertReport(manager, report);
        }
        const rows: ReportItem[] = items.map((item, position) => {
          const before = curated.get(item.appealId);
          const summary = before ? before.summary : item.summary;
          return { id: newId(), reportId: report.id, position, ...item, summary, included: before ? before.included : summary !== null };
        });
        await this.reports.replaceItems(manager, report.id, rows);
        await this.reports.replaceExclusions(manager, report.id, exclusions);
        return true;
      });
    // Again, on what there is now, when another request drafted the same version at once (the unique
    // index: that draft stands, refresh it) or the draft was published between the read and the write.
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        if (await write()) break;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt === 3) throw error;
      }
    }
    return this.view(org, month);
  }

  /** The office edits one item of the open draft: its public summary, and whether it is listed. */
  async editItem(org: Organization, month: string, itemId: string, body: unknown): Promise<string> {
    checkMonth(month);
    // An array always passed for an object with nothing to change.
    const input = parseOrThrow(reportItemEditBody, Array.isArray(body) ? {} : body, { code: 'REPORT_ITEM_INVALID' });
    const draft = (await this.reports.versions(org.id, month)).find((r) => r.state === 'draft');
    if (!draft) throw new DomainError('REPORT_NO_DRAFT');
    const changes: Partial<ReportItem> = {};
    if (input.summary !== undefined) changes.summary = typeof input.summary === 'string' && !isBlank(input.summary) ? stripBidiControls(input.summary).trim() : null;
    if (input.included !== undefined) changes.included = input.included as boolean;
    // Nothing to change still has to name an item of the draft.
    const found = await this.transactions.run(async (manager) => {
      // The draft's row first, locked: published since it was read above, it takes no more edits.
      if (!(await this.reports.lockDraft(manager, draft.id))) throw new DomainError('REPORT_NO_DRAFT');
      return Object.keys(changes).length ? this.reports.updateItem(manager, draft.id, itemId, changes) : this.reports.hasItem(manager, draft.id, itemId);
    });
    if (!found) throw DomainError.notFound();
    return this.view(org, month, undefined, itemId);
  }

  /** Publishes the open draft as it stands; from then on that version never changes. */
  async publish(org: Organization, month: string, userId: string, body: unknown): Promise<string> {
    checkMonth(month);
    const note = typeof (body as { note?: unknown } | null)?.note === 'string' ? (body as { note: string }).note.trim().slice(0, 500) : '';
    await this.transactions.run(async (manager) => {
      const draft = (await this.reports.versions(org.id, month, manager)).find((r) => r.state === 'draft');
      if (!draft) throw new DomainError('REPORT_NO_DRAFT');
      if (draft.version > 1 && !note) throw new DomainError('REPORT_NOTE_REQUIRED');
      const unwritten = (await this.reports.items(draft.id, manager)).filter((i) => i.included && !i.summary);
      if (unwritten.length) throw new DomainError('REPORT_ITEM_SUMMARY_REQUIRED', { serials: unwritten.map((i) => i.serial) });
      // Still a draft when written, or another publish of this one won: then there is none left to publish.
      if (!(await this.reports.publishDraft(manager, draft.id, { note: note || null, publishedAt: this.clock.now(), publishedBy: userId })))
        throw new DomainError('REPORT_NO_DRAFT');
    });
    return this.view(org, month);
  }

  /**
   * The office's view: the open draft if there is one, else the latest published version (or `version`),
   * as JSON text, with the first REPORT_PAGE items and 核减 entries and the cursors of their next pages; `edited`: that item of
   * the version too (the screen puts it in its place, wherever in the list it is). Its cost does not grow
   * with the month: the versions are read without their figures, the shown version's figures go out as
   * stored (JSON written by JSON.stringify when drafted: parsing and writing them again would only cost a
   * megabyte's passes on the event loop), and the items and the 核减 entries are one index range of a page each.
   */
  async view(org: OrgRef, month: string, version?: number, edited?: string): Promise<string> {
    checkMonth(month);
    const versions = await this.reports.versionList(org.id, month);
    const report = version ? versions.find((r) => r.version === version) : versions.at(-1);
    if (!report) throw new DomainError('REPORT_NOT_FOUND');
    const [figures, rows, excluded, item] = await Promise.all([
      this.reports.figuresText(report.id),
      this.reports.itemsPage(report.id, -1, REPORT_PAGE + 1),
      this.reports.exclusionsPage(report.id, -1, REPORT_PAGE + 1),
      edited ? this.reports.itemsById(report.id, [edited]) : Promise.resolve([]),
    ]);
    const page = pageOf(report, rows, REPORT_PAGE, itemView);
    const exclusions = pageOf(report, excluded, REPORT_PAGE, exclusionView);
    const head: Omit<ReportView, 'figures'> = {
      ...versionInfo(report),
      month,
      ...page,
      exclusions: exclusions.items,
      exclusionsNext: exclusions.next,
      versions: versions.map(versionInfo),
      ...(item[0] ? { edited: itemView(item[0]) } : {}),
    };
    return `${JSON.stringify(head).slice(0, -1)},"figures":${figures}}`;
  }

  /** The page of the office's list after `cursor` (the first page of the shown version without one). */
  async itemPage(org: OrgRef, month: string, cursor: string | undefined, limit: number, version?: number): Promise<ReportItemPage> {
    return this.officePage(org, month, cursor, version, async (report, after) => pageOf(report, await this.reports.itemsPage(report.id, after, limit + 1), limit, itemView));
  }

  /** The page of the shown version's 核减 entries after `cursor` (the first page without one): the view holds the first. */
  async exclusionPage(org: OrgRef, month: string, cursor: string | undefined, limit: number, version?: number): Promise<ReportExclusionPage> {
    return this.officePage(org, month, cursor, version, async (report, after) =>
      pageOf(report, await this.reports.exclusionsPage(report.id, after, limit + 1), limit, exclusionView),
    );
  }

  /** The office's version a page is of (the cursor's, else `version`, else the latest) and the position to read after. */
  private async officePage<T>(
    org: OrgRef,
    month: string,
    cursor: string | undefined,
    version: number | undefined,
    read: (report: ReportVersion, afterPosition: number) => Promise<T>,
  ): Promise<T> {
    checkMonth(month);
    const at = cursor === undefined ? null : parseCursor(cursor);
    const versions = await this.reports.versionList(org.id, month);
    const wanted = at?.version ?? version;
    const report = wanted ? versions.find((r) => r.version === wanted) : versions.at(-1);
    if (!report) throw at ? new DomainError('LIST_CURSOR_INVALID') : new DomainError('REPORT_NOT_FOUND');
    return read(report, at?.position ?? -1);
  }

  /** The page of a published version's public list after `cursor` (the first page of the latest, or `version`, without one). */
  async publicItemPage(org: Organization, month: string, cursor: string | undefined, limit: number, version?: number): Promise<PublicReportItemPage> {
    checkMonth(month);
    const at = cursor === undefined ? null : parseCursor(cursor);
    const published = (await this.reports.versionList(org.id, month)).filter((r) => r.state === 'published');
    const wanted = at?.version ?? version;
    const report = wanted ? published.find((r) => r.version === wanted) : published.at(-1);
    if (!report) throw at ? new DomainError('LIST_CURSOR_INVALID') : new DomainError('REPORT_NOT_FOUND');
    return pageOf(report, await this.reports.itemsPage(report.id, at?.position ?? -1, limit + 1, true), limit, publicItem);
  }

  /** A published version as the public reads it (the latest unless `version` is asked for). */
  async publicReport(org: Organization, month: string, version?: number, published36?: MonthlyReport[], options: { page?: number } = {}): Promise<PublicReportView> {
    checkMonth(month);
    const published = (await this.reports.versions(org.id, month)).filter((r) => r.state === 'published');
    const report = version ? published.find((r) => r.version === version) : published.at(-1);
    if (!report) throw new DomainError('REPORT_NOT_FOUND');
    // The trend needs the published history; a caller that already holds it passes it in.
    // The pages print every item (the sheet on the wall lists the month); the app reads `page` at a time.
    const [items, history] = await Promise.all([
      options.page ? this.reports.itemsPage(report.id, -1, options.page + 1, true) : this.reports.publishedItems([report.id]),
      published36 ?? this.reports.latestPublished(org.id, 36),
    ]);
    const listed = options.page ? pageOf(report, items as ItemRow[], options.page, publicItem) : { items: items.filter((i) => i.summary).map(publicItem), next: null };
    // Staff only: the 核减 list (an old JSON's) and its count; the public reads the counts.
    const { exclusions: _staffOnly, exclusionCount: _count, ...figures } = JSON.parse(report.figures) as ReportVersionFigures & Partial<Pick<ReportFigures, 'exclusions'>>;
    const trend = history
      .filter((r) => r.month <= month)
      .slice(0, 12)
      .reverse()
      .map((r) => {
        const f = JSON.parse(r.figures) as ReportVersionFigures;
        return { month: r.month, rates: f.rates, total: f.counts.total };
      });
    return {
      org: figures.org,
      month,
      version: report.version,
      note: report.note,
      publishedAt: report.publishedAt!.toISOString(),
      figures,
      ...listed,
      versions: published.map((r) => ({ version: r.version, note: r.note, publishedAt: r.publishedAt!.toISOString() })),
      trend,
    };
  }

  publishedMonths(org: Organization): Promise<MonthlyReport[]> {
    return this.reports.latestPublished(org.id, 36);
  }

  /** The official account's page in one read of the published history: resolved items, months, the latest report. */
  /** Changes exactly when something is published for the organisation: the public pages' cache key. */
  async publishedVersionIds(org: Organization): Promise<string[]> {
    return this.reports.publishedVersionIds(org.id);
  }

  async publicHome(org: Organization): Promise<{ items: PublicResolvedItem[]; months: string[]; latest: PublicReportView | null }> {
    const history = await this.reports.latestPublished(org.id, 36);
    const [items, latest] = await Promise.all([
      this.publicResolved(org, 100, history),
      history[0] ? this.publicReport(org, history[0].month, undefined, history) : Promise.resolve(null),
    ]);
    return { items, months: history.map((r) => r.month), latest };
  }

  /** Published resolved appeals of the last 12 published months, newest month first. */
  async publicResolved(org: Organization, limit = 100, published36?: MonthlyReport[]): Promise<PublicResolvedItem[]> {
    const reports = (published36 ?? (await this.reports.latestPublished(org.id, 12))).slice(0, 12);
    const items = await this.reports.publishedItems(reports.map((r) => r.id));
    const monthOfReport = new Map(reports.map((r) => [r.id, r.month]));
    return items
      .filter((i) => i.summary)
      .sort((a, b) => monthOfReport.get(b.reportId)!.localeCompare(monthOfReport.get(a.reportId)!) || a.position - b.position)
      .slice(0, limit)
      .map((i) => ({ month: monthOfReport.get(i.reportId)!, ...publicItem(i), summary: i.summary! }));
  }
}

function checkMonth(month: string): void {
  if (!isReportMonth(month)) throw new DomainError('REPORT_MONTH_INVALID');
}

const versionInfo = (r: Pick<MonthlyReport, 'version' | 'state' | 'note' | 'publishedAt'>) => ({
  version: r.version,
  state: r.state,
  note: r.note,
  publishedAt: r.publishedAt?.toISOString() ?? null,
});

/** The office's screen shows this many items at once; 加载更多 asks for the next page. */
export const REPORT_PAGE = 50;

/** A page's cursor: the version it lists and the last position shown, so later pages come from the same version. */
const cursorOf = (version: number, position: number) => `${version}.${position}`;

function parseCursor(cursor: string): { version: number; position: number } {
  const match = /^(\d{1,9})\.(\d{1,9})$/.exec(cursor);
  if (!match || Number(match[1]) < 1) throw new DomainError('LIST_CURSOR_INVALID');
  return { version: Number(match[1]), position: Number(match[2]) };
}

/** `rows` read one past `limit`: the page, and the cursor after it when there is more. */
function pageOf<R extends { position: number }, T>(report: { version: number }, rows: R[], limit: number, view: (row: R) => T): { items: T[]; next: string | null } {
  const shown = rows.slice(0, limit);
  return { items: shown.map(view), next: rows.length > limit ? cursorOf(report.version, shown.at(-1)!.position) : null };
}

function exclusionView(e: ExclusionRow): ReportExclusion {
  return { serial: e.serial, kind: e.kind, reason: e.reason };
}

function itemView(i: ItemRow): ReportItemView {
  return { id: i.id, ...publicItem(i), included: i.included };
}

function publicItem(i: Pick<ReportItem, 'serial' | 'categoryName' | 'placeName' | 'outcome' | 'departmentName' | 'daysTaken' | 'summary'>) {
  return { serial: i.serial, category: i.categoryName, place: i.placeName, outcome: i.outcome, department: i.departmentName, daysTaken: i.daysTaken, summary: i.summary };
}
