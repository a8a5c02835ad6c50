// The office's Excel file for the mine's leadership (定期分类汇总上报): every appeal of the month with
// its steps and times, the rates by department and by category, and a one-page leaders' summary.
// The rates come from the same SQL as the report, so the file and the report always agree.
//
// Written by exceljs's streaming writer from keyset pages of the month (a few hundred appeals at a
// time, by id), so the process holds one page whatever the size of the month; the pages are read through
// the reports' reader (on SQLite its worker thread: export/export-pages.ts) and written in slices of a few
// milliseconds, so other requests run between them. One writer for both deliveries:
// a small month straight in the answer of GET /api/reports/:month.xlsx, any month as a job (export/).
import { Inject, Injectable } from '@nestjs/common';
import {
  IDENTITY_LABELS,
  OUTCOME_LABELS,
  RATE_LABELS,
  RATE_NAMES,
  RATING_LABELS,
  STATUS_LABELS,
  formatLocal,
  localParts,
  formatRate,
  identityFor,
  WORKER_LABELS,
  VOICE_ONLY_TEXT,
  isReportMonth,
  ratesOf,
  type GroupFigures,
  type Outcome,
  type Rating,
} from '@minqing/shared';
import { once } from 'node:events';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { EntityManager } from 'typeorm';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import { RevealLedger } from '../appeals/reveal-ledger.js';
import { AuditLog } from '../audit/audit-log.js';
import { Transactions } from '../database/transactions.js';
import type { AuthUser } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import type { RevealRequest } from '../appeals/entities/reveal-request.entity.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { ReportFiguresBuilder } from './report-figures.js';
import { eachInSlices } from './in-slices.js';
import { ExportPages } from './export/export-pages.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0D47A1' } };

const PAGE_SIZE = 500;

/** GET /api/reports/:month.xlsx answers months up to this size at once; larger ones are made as a job. */
export const INLINE_EXPORT_ROWS = 2000;

/** The month's appeals fixed when an export starts: how many, and the last id the pages go up to. */
export interface ExportExtent {
  count: number;
  lastId: string | null;
}

/** Whom a written file names: counted named workers, and each confidential one read through an approved reveal. */
export interface ExportNames {
  named: number;
  uses: Array<{ grant: RevealRequest; appeal: Pick<Appeal, 'id' | 'orgId' | 'serial'> }>;
}

/** Called after each page with the rows written so far; it may throw to stop the export. */
export type ExportProgress = (rowsDone: number) => Promise<void>;

const STEP_EVENTS = ['accepted', 'dispatched', 'responded'] as const;

const DETAIL_COLUMNS: Array<Partial<ExcelJS.Column>> = [
  { header: '编号', width: 16 },
  { header: '提交时间', width: 17 },
  { header: '类别', width: 10 },
  { header: '地点', width: 12 },
  { header: '身份', width: 6 },
  { header: '职工', width: 10 },
  { header: '诉求内容', width: 48, style: { alignment: { wrapText: true, vertical: 'top' } } },
  { header: '状态', width: 10 },
  { header: '受理', width: 17 },
  { header: '批办', width: 17 },
  { header: '承办部门', width: 12 },
  { header: '办结时限', width: 17 },
  { header: '部门答复', width: 17 },
  { header: '反馈职工', width: 17 },
  { header: '办理结果', width: 10 },
  { header: '回访', width: 6 },
  { header: '评价', width: 8 },
  { header: '用时(天)', width: 8 },
];

@Injectable()
export class ReportExport {
  constructor(
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(ExportPages) private readonly pages: ExportPages,
    @Inject(ReportFiguresBuilder) private readonly figures: ReportFiguresBuilder,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(RevealLedger) private readonly reveals: RevealLedger,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Transactions) private readonly transactions: Transactions,
  ) {}

  /** Appeals per page: the reads are off the event loop on both engines (export-pages.ts), the rows are written in slices. */
  private readonly pageSize = PAGE_SIZE;

  extent(org: Organization, month: string): Promise<ExportExtent> {
    if (!isReportMonth(month)) throw new DomainError('REPORT_MONTH_INVALID');
    return this.appeals.monthExtent(org.id, month);
  }

  /** The file of a small month, in the answer; a larger month is refused with the way to make it as a job. */
  async workbook(org: Organization, month: string, viewer: AuthUser): Promise<Buffer> {
    const extent = await this.extent(org, month);
    if (extent.count > INLINE_EXPORT_ROWS) throw new DomainError('REPORT_EXPORT_TOO_LARGE');
    const now = this.clock.now();
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const names = await this.write(sink, org, month, viewer, now, extent, () => Promise.resolve());
    await this.transactions.run((manager) => this.recordExport(manager, org, month, viewer, names, now));
    return Buffer.concat(chunks);
  }

  /**
   * Writes the month's workbook into `out` (resolved once all of it is written): the summary and the
   * rate sheets from the month's figures, then every appeal up to `extent.lastId`, page by page.
   */
  async write(out: Writable, org: Organization, month: string, viewer: AuthUser, now: Date, extent: ExportExtent, progress: ExportProgress): Promise<ExportNames> {
    // The figures without the 核减 list (nor the draft's candidates): the list is written a page at a time below.
    const figures = await this.figures.figures(org, month, now, { latestExclusions: 0 });
    // Shared strings would keep every text of the month in memory until the end: inline strings instead.
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    book.creator = '民情一码通';
    book.created = now;

    const summary = book.addWorksheet('领导摘要');
    summary.columns = [{ width: 22 }, { width: 16 }, { width: 40 }];
    summary.addRow([`${org.name}职工诉求办理情况(${month})`]).font = { bold: true, size: 16 };
    summary.addRow([`统计截至 ${formatLocal(now, org.timeZone)}`]);
    summary.addRow([]);
    summary.addRow([
      '本月诉求',
      figures.counts.total,
      `有效 ${figures.counts.valid} 件(含合并办理 ${figures.counts.merged} 件),核减 ${figures.counts.rejected} 件,撤回 ${figures.byStatus.withdrawn ?? 0} 件`,
    ]);
    for (const name of RATE_NAMES) {
      const rate = figures.rates[name];
      summary.addRow([RATE_LABELS[name], formatRate(rate.value), `${rate.numerator} / ${rate.denominator}`]);
    }
    summary.addRow(['不满意', figures.counts.unsatisfied, '件']);
    summary.addRow(['平均答复用时', figures.times.reply.averageHours ?? '—', `小时;90% 在 ${figures.times.reply.p90Hours ?? '—'} 小时内`]);
    summary.addRow([]);
    summary.addRow(['诉求最多的类别', figures.byCategory[0]?.name ?? '—', figures.byCategory[0] ? `${figures.byCategory[0].counts.total} 件` : '']);
    // A month's 核减 list is thousands of rows (12,500 of 100,000 appeals): written as the appeals are, in slices.
    const shareSummaryStyles = styleSharer();
    for await (const page of this.figures.exclusionPages(org, month, this.pageSize)) {
      await eachInSlices(page, (e) => {
        const row = summary.addRow([`核减 ${e.serial}`, e.kind === 'rejected' ? '不予受理' : '合并办理', e.reason]);
        shareSummaryStyles(row);
        row.commit();
      });
      await zipCaughtUp(summary);
    }
    summary.commit();

    rateSheet(book.addWorksheet('按部门', FROZEN_HEADER), '承办部门', figures.byDepartment);
    rateSheet(book.addWorksheet('按类别', FROZEN_HEADER), '诉求类别', figures.byCategory);
    const names = await this.appealSheet(book.addWorksheet('诉求明细', FROZEN_HEADER), org, month, viewer, now, extent, progress);
    await book.commit();
    return names;
  }

  /**
   * A file of personal data that leaves the system: who took it, when, which month, how many named
   * workers it names and which confidential ones (each read through an approved reveal, recorded as a use).
   */
  async recordExport(manager: EntityManager, org: Organization, month: string, viewer: AuthUser, names: ExportNames, now: Date): Promise<void> {
    const { named, uses } = names;
    const after = { month, withIdentities: named + uses.length > 0, namedWorkers: named, confidentialRevealed: uses.map((u) => u.appeal.serial) };
    await this.audit.record(manager, { orgId: org.id, actorId: viewer.user.id, action: 'report.export', entity: 'report', entityKey: month, before: null, after }, now);
    for (const use of uses) await this.reveals.recordUse(manager, use.grant, use.appeal, 'export', now);
  }

  /**
   * Every appeal with its steps, one keyset page at a time; the worker's name only where shared/'s
   * identity table lets this viewer see it: named ones to the office, a confidential one only while the
   * exporter holds an approved reveal of it.
   */
  private async appealSheet(
    sheet: ExcelJS.Worksheet,
    org: Organization,
    month: string,
    viewer: AuthUser,
    now: Date,
    extent: ExportExtent,
    progress: ExportProgress,
  ): Promise<ExportNames> {
    const office = viewer.staff.some((s) => s.role === 'coordinator' && s.orgId === org.id);
    const [categories, departments, places] = await Promise.all([this.orgs.listCategories(org.id), this.orgs.listDepartments(org.id), this.orgs.listPlaces(org.id)]);
    const nameOf = (rows: Array<{ id: string; name: string }>) => new Map(rows.map((r) => [r.id, r.name]));
    const [category, department, place] = [nameOf(categories), nameOf(departments), nameOf(places)];
    const names: ExportNames = { named: 0, uses: [] };
    const local = minuteFormatter(org.timeZone);
    const time = (d: Date | null | undefined) => (d ? local(d) : '');
    const shareStyles = styleSharer();

    sheet.columns = DETAIL_COLUMNS;
    styleHeader(sheet);
    sheet.getRow(1).commit();
    let afterId: string | null = null;
    let done = 0;
    while (extent.lastId && afterId !== extent.lastId) {
      const page = await this.pages.appeals(org.id, month, { afterId, lastId: extent.lastId }, this.pageSize);
      if (!page.length) break;
      const range: { afterId: string | null; lastId: string } = { afterId, lastId: page[page.length - 1].id };
      const [events, submitters, grants] = await Promise.all([
        this.pages.events(org.id, month, range, STEP_EVENTS),
        this.pages.submitters([...new Set(page.map((a) => a.submitterId))]),
        office
          ? this.reveals.grants(
              viewer.user.id,
              page.filter((a) => a.identity === 'confidential').map((a) => a.id),
              now,
            )
          : new Map<string, RevealRequest>(),
      ]);
      // The first of each kind per appeal, by one pass over the page's events in time order.
      const firstEvent = new Map<string, Date>();
      for (const e of events) if (!firstEvent.has(`${e.appealId}|${e.type}`)) firstEvent.set(`${e.appealId}|${e.type}`, e.createdAt);
      const first = (appealId: string, type: (typeof STEP_EVENTS)[number]) => firstEvent.get(`${appealId}|${type}`);
      const person = new Map(submitters.map((u) => [u.id, u]));
      // A page's rows in slices: 1,000 rows were 100–175 ms in one block on MariaDB (bench/export.mjs).
      await eachInSlices(page, (a) => {
        const submitter = person.get(a.submitterId);
        const grant = grants.get(a.id);
        const seen = identityFor(a.identity, office ? 'coordinator' : 'leader', { name: submitter?.name ?? null, unit: submitter?.unit ?? null, phone: null }, grant !== undefined);
        const name = seen?.name ?? WORKER_LABELS[a.identity];
        if (seen?.name && !grant) names.named++;
        if (seen?.name && grant) names.uses.push({ grant, appeal: { id: a.id, orgId: a.orgId, serial: a.serial } });
        const row = sheet.addRow([
          a.serial,
          time(a.createdAt),
          category.get(a.categoryId) ?? '',
          a.placeId ? (place.get(a.placeId) ?? '') : '',
          IDENTITY_LABELS[a.identity],
          name,
          // An appeal said in a voice note: marked so, the voice itself never leaves the workbench.
          a.content || VOICE_ONLY_TEXT,
          STATUS_LABELS[a.status],
          time(first(a.id, 'accepted')),
          time(first(a.id, 'dispatched')),
          a.departmentId ? (department.get(a.departmentId) ?? '') : '',
          time(a.dueAt),
          time(first(a.id, 'responded')),
          time(a.repliedAt),
          a.outcome ? OUTCOME_LABELS[a.outcome as Outcome] : '',
          a.callLogged ? '是' : '',
          a.rating ? RATING_LABELS[a.rating as Rating] : '',
          a.repliedAt ? Math.max(1, Math.ceil((a.repliedAt.getTime() - a.createdAt.getTime()) / 86_400_000)) : '',
        ]);
        shareStyles(row);
        row.commit();
      });
      afterId = range.lastId;
      done += page.length;
      await progress(done);
      await zipCaughtUp(sheet);
      // Let the requests that queued behind this page run before the next one.
      await nextTurn();
    }
    sheet.commit();
    return names;
  }
}

const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = { views: [{ state: 'frozen', ySplit: 1 }] };

/**
 * exceljs's styles remember the id of each style object they were given (a WeakMap by the object), but each
 * new cell has its own copy of its column's style, so every cell's style XML was made and looked up anew:
 * half of a row's time and much of the export's garbage (bench/export.mjs's CPU profile, addStyleModel).
 * One object per column and kind of value — the style id depends on both — has it made once per export.
 * The row's own style (an empty one per row) likewise.
 */
function styleSharer(): (row: ExcelJS.Row) => void {
  const shared = new Map<number, Partial<ExcelJS.Style>>();
  const rowStyle: Partial<ExcelJS.Style> = {};
  return (row) => {
    // exceljs's typings leave the row's style out; it is the `{}` each row is made with.
    (row as unknown as { style: Partial<ExcelJS.Style> }).style = rowStyle;
    row.eachCell((cell, column) => {
      const key = column * 64 + cell.type;
      const style = shared.get(key);
      if (style) cell.style = style;
      else shared.set(key, cell.style);
    });
  };
}

/** How much of a sheet's XML may wait for the zip before the next page is made. */
const ZIP_BACKLOG_BYTES = 1 << 20;

/**
 * exceljs's streaming writer hands each 64 KB of a sheet's XML to the zip without waiting for it
 * (its StreamBuf ignores what write() answers), so a month made faster than it is compressed piles up
 * in memory whole (64 MB of 100,000 rows, measured). Between pages we wait until the zip's input — a
 * readable-stream Writable, whose queue is its `_writableState` — holds less than a megabyte. This
 * reaches into exceljs's insides; bench/export.mjs's memory figure is what shows it still works.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  type Queue = NodeJS.EventEmitter & { _writableState?: { length: number } };
  const pipes = (sheet as unknown as { stream?: { pipes?: Queue[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) while ((pipe._writableState?.length ?? 0) > ZIP_BACKLOG_BYTES) await Promise.race([once(pipe, 'drain'), sleep(1000)]);
}

/**
 * `YYYY-MM-DD HH:mm` in the zone, as formatLocal writes it, for the hundreds of thousands of times a
 * large month has: Intl's parts cost microseconds each, so the zone's offset is asked once per quarter
 * hour of UTC (no zone's offset changes between two quarters: Lord Howe's moves at half past) and the
 * rest is arithmetic.
 */
const QUARTER_MS = 15 * 60_000;

function minuteFormatter(timeZone: string): (d: Date) => string {
  const offsets = new Map<number, number>();
  const pad = (n: number) => String(n).padStart(2, '0');
  return (d) => {
    const quarter = Math.floor(d.getTime() / QUARTER_MS);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      const p = localParts(new Date(quarter * QUARTER_MS), timeZone);
      offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - quarter * QUARTER_MS;
      offsets.set(quarter, offset);
    }
    const l = new Date(d.getTime() + offset);
    return `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`;
  };
}

/** One row per group: its counts and every rate, as numbers Excel can sum and chart. */
function rateSheet(sheet: ExcelJS.Worksheet, groupLabel: string, groups: GroupFigures[]): void {
  sheet.columns = [
    { header: groupLabel, width: 14 },
    { header: '诉求', width: 8 },
    { header: '有效', width: 8 },
    { header: '已回复', width: 8 },
    // The rates' format is the columns': a streamed sheet's cells take their column's style when made.
    ...RATE_NAMES.map((name) => ({ header: RATE_LABELS[name], width: 11, style: { numFmt: '0.0%' } })),
  ];
  styleHeader(sheet);
  const totals = { total: 0, valid: 0, replied: 0 };
  for (const g of groups) {
    const rates = ratesOf(g.counts);
    sheet.addRow([g.name, g.counts.total, g.counts.valid, g.counts.replied, ...RATE_NAMES.map((name) => rates[name].value ?? '')]);
    totals.total += g.counts.total;
    totals.valid += g.counts.valid;
    totals.replied += g.counts.replied;
  }
  sheet.addRow(['合计', totals.total, totals.valid, totals.replied]).font = { bold: true };
  sheet.commit();
}

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = HEADER_FILL;
}
