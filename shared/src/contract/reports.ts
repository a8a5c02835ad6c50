// The monthly report: the office's draft and its edits, publication, the figures, the public pages'
// JSON and the group's ranking. The hand-written types in ../reports.ts are proved equal to these.
import * as v from 'valibot';
import {
  RATE_NAMES,
  type GroupRankingsView,
  type PublicReportItemPage,
  type PublicReportView,
  type ReportItemPage,
  type ReportExclusionPage,
  type PublicResolvedItem,
  type ReportFigures,
  type ReportView,
} from '../reports.js';
import { assertType, type Same } from './rules.js';

/** PATCH /api/reports/:month/items/:item: the public summary (at most 200 characters; null or '' clears it), and whether it is listed. */
export const reportItemEditBody = v.looseObject({
  summary: v.nullish(
    v.pipe(
      v.string('REPORT_ITEM_INVALID'),
      v.check((s: string) => s.trim().length <= 200, 'REPORT_ITEM_INVALID'),
    ),
  ),
  included: v.optional(v.boolean('REPORT_ITEM_INVALID')),
});
/** POST /api/reports/:month/publish: a correction of a published month needs a note. */
export const reportPublishBody = v.looseObject({ note: v.optional(v.string()) });
/** ?version=N: one published version of the month. */
export const reportVersionQuery = v.object({ version: v.optional(v.string()) });
export const publicReportQuery = v.object({ version: v.optional(v.string()), print: v.optional(v.string()) });

const n = v.number();
const rateCounts = v.object({
  total: n,
  valid: n,
  rejected: n,
  merged: n,
  triageDue: n,
  triagedOnTime: n,
  replied: n,
  answerDue: n,
  answeredOnTime: n,
  resolved: n,
  explained: n,
  rated: n,
  satisfied: n,
  unsatisfied: n,
  called: n,
  answers: n,
  returned: n,
  closed: n,
  reopened: n,
});
const rate = v.object({ numerator: n, denominator: n, value: v.nullable(n) });
const rateSet = v.object(Object.fromEntries(RATE_NAMES.map((name) => [name, rate])) as Record<(typeof RATE_NAMES)[number], typeof rate>);
const groupFigures = v.object({ code: v.nullable(v.string()), name: v.string(), counts: rateCounts, rates: rateSet, coParts: v.optional(n) });
const durations = v.object({ n, averageHours: v.nullable(n), p90Hours: v.nullable(n) });
const orgHeader = v.object({ code: v.string(), name: v.string(), slogan: v.string() });

const figureEntries = {
  org: orgHeader,
  month: v.string(),
  computedAt: v.string(),
  counts: rateCounts,
  rates: rateSet,
  byDepartment: v.array(groupFigures),
  byCategory: v.array(groupFigures),
  byStatus: v.record(v.string(), n),
  byOutcome: v.record(v.string(), n),
  byPlace: v.array(v.object({ name: v.string(), n })),
  times: v.object({ reply: durations, answer: durations }),
};
export const reportExclusionView = v.object({ serial: v.string(), kind: v.picklist(['rejected', 'merged']), reason: v.string() });
export const reportFiguresView = v.object({ ...figureEntries, exclusions: v.array(reportExclusionView) });
/** A version's figures as stored and shown: the 核减 entries' count, their rows paged apart. */
export const reportVersionFiguresView = v.object({ ...figureEntries, exclusionCount: n });

const itemEntries = {
  serial: v.string(),
  category: v.string(),
  place: v.string(),
  outcome: v.string(),
  department: v.nullable(v.string()),
  daysTaken: n,
  summary: v.nullable(v.string()),
};
export const reportItemView = v.object({ id: v.string(), ...itemEntries, included: v.boolean() });
const versionEntries = { version: n, state: v.picklist(['draft', 'published']), note: v.nullable(v.string()), publishedAt: v.nullable(v.string()) };
export const reportView = v.object({
  ...versionEntries,
  month: v.string(),
  figures: reportVersionFiguresView,
  exclusions: v.array(reportExclusionView),
  exclusionsNext: v.nullable(v.string()),
  items: v.array(reportItemView),
  next: v.nullable(v.string()),
  edited: v.optional(reportItemView),
  versions: v.array(v.object(versionEntries)),
});
/** GET /api/reports/:month/items and the public …/reports/:month/items: ?cursor= from the page before, ?limit= 1–100 (50). */
export const REPORT_ITEMS_DEFAULT_LIMIT = 50;
export const reportItemsQuery = v.object({
  /** The `next` of the previous page, as it came (it names the version it lists). */
  cursor: v.optional(v.pipe(v.string('LIST_CURSOR_INVALID'), v.regex(/^[1-9]\d{0,8}\.\d{1,9}$/, 'LIST_CURSOR_INVALID'))),
  limit: v.optional(
    v.pipe(
      v.string('LIST_LIMIT_INVALID'),
      v.regex(/^\d{1,3}$/, 'LIST_LIMIT_INVALID'),
      v.transform(Number),
      v.minValue(1, 'LIST_LIMIT_INVALID'),
      v.maxValue(100, 'LIST_LIMIT_INVALID'),
    ),
  ),
  version: v.optional(v.string()),
});
export const reportItemPageView = v.object({ items: v.array(reportItemView), next: v.nullable(v.string()) });
/** GET /api/reports/:month/exclusions: the same ?cursor=, ?limit=, ?version= as the items. */
export const reportExclusionsQuery = reportItemsQuery;
export const reportExclusionPageView = v.object({ items: v.array(reportExclusionView), next: v.nullable(v.string()) });
export const publicReportItemPageView = v.object({ items: v.array(v.object(itemEntries)), next: v.nullable(v.string()) });

export const publicReportView = v.object({
  org: orgHeader,
  month: v.string(),
  version: n,
  note: v.nullable(v.string()),
  publishedAt: v.string(),
  figures: v.object(figureEntries),
  items: v.array(v.object(itemEntries)),
  next: v.nullable(v.string()),
  versions: v.array(v.object({ version: n, note: v.nullable(v.string()), publishedAt: v.string() })),
  trend: v.array(v.object({ month: v.string(), rates: rateSet, total: n })),
});
export const publicResolvedItem = v.object({ month: v.string(), ...itemEntries, summary: v.string() });
export const publicResolvedListView = v.object({ items: v.array(publicResolvedItem) });
export const publicMonthsView = v.object({ months: v.array(v.object({ month: v.string(), version: n })) });

export const groupRankingsView = v.object({
  group: v.object({ code: v.string(), name: v.string() }),
  month: v.string(),
  mines: v.array(v.object({ code: v.string(), name: v.string(), total: n, valid: n, rates: rateSet })),
  rankings: v.object({ replyRate: v.array(v.string()), onTimeRate: v.array(v.string()), satisfactionRate: v.array(v.string()) }),
});

assertType<Same<v.InferOutput<typeof reportFiguresView>, ReportFigures>>();
assertType<Same<v.InferOutput<typeof reportView>, ReportView>>();
assertType<Same<v.InferOutput<typeof publicReportView>, PublicReportView>>();
assertType<Same<v.InferOutput<typeof publicResolvedItem>, PublicResolvedItem>>();
assertType<Same<v.InferOutput<typeof groupRankingsView>, GroupRankingsView>>();
assertType<Same<v.InferOutput<typeof reportItemPageView>, ReportItemPage>>();
assertType<Same<v.InferOutput<typeof reportExclusionPageView>, ReportExclusionPage>>();
assertType<Same<v.InferOutput<typeof publicReportItemPageView>, PublicReportItemPage>>();
