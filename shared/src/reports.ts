// The rates of the closed loop (回复率, 受理及时率, 按时办结率, 解决率, 满意率, 回访率, 退单率, 重办率), one definition for the dashboards, the monthly report and the exports.
// The server counts in SQL (one query per grouping); these functions turn the counts into rates.
//
// The month's cohort is the appeals submitted in that month (in the organisation's time zone), as
// they stand when the rates are computed. Rejected appeals are excluded from every denominator (核减)
// and listed with their reason; withdrawn ones (撤回) too, counted apart by status. A merged appeal counts:
// every worker is answered (回复率 100% means each of them), so it is replied once its primary's reply
// reaches it, called and rated on its own.

/** What SQL counts for one group (the organisation, a department or a category). */
export interface RateCounts {
  /** Every appeal submitted in the month. */
  total: number;
  /** Not rejected, not withdrawn (merged appeals included). */
  valid: number;
  rejected: number;
  merged: number;
  /** Valid appeals whose triage step is met or past due, and of those, met on time. */
  triageDue: number;
  triagedOnTime: number;
  /** Valid appeals replied to the worker with an outcome (resolved, scheduled or explained). */
  replied: number;
  /**
   * Valid appeals whose department answer (the lead's steps: 主办) is met or past due, and of those, every such
   * step on time; a department's group adds its co-handling parts (协办意见) against their own deadlines (GroupFigures.coParts).
   */
  answerDue: number;
  answeredOnTime: number;
  /** Replied with outcome resolved, or scheduled and then done; never explained. */
  resolved: number;
  explained: number;
  rated: number;
  /** 满意 + 基本满意 */
  satisfied: number;
  unsatisfied: number;
  /** Replied appeals with a feedback call that reached the worker. */
  called: number;
  /** Department answers given, and answers the office returned (退单). */
  answers: number;
  returned: number;
  closed: number;
  reopened: number;
}

export const RATE_NAMES = ['replyRate', 'triageOnTimeRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate', 'callRate', 'returnRate', 'reopenRate'] as const;
export type RateName = (typeof RATE_NAMES)[number];

export const RATE_LABELS: Record<RateName, string> = {
  replyRate: '回复率',
  triageOnTimeRate: '受理及时率',
  onTimeRate: '按时办结率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  callRate: '回访率',
  returnRate: '退单率',
  reopenRate: '重办率',
};

/** A rate with its numerator and denominator; `value` is null when there is nothing to divide by. */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export type RateSet = Record<RateName, Rate>;

const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, value: denominator > 0 ? numerator / denominator : null });

export function ratesOf(c: RateCounts): RateSet {
  return {
    replyRate: rate(c.replied, c.valid),
    triageOnTimeRate: rate(c.triagedOnTime, c.triageDue),
    onTimeRate: rate(c.answeredOnTime, c.answerDue),
    resolutionRate: rate(c.resolved, c.replied),
    satisfactionRate: rate(c.satisfied, c.rated),
    callRate: rate(c.called, c.replied),
    returnRate: rate(c.returned, c.answers),
    reopenRate: rate(c.reopened, c.closed),
  };
}

export const EMPTY_COUNTS: RateCounts = {
  total: 0,
  valid: 0,
  rejected: 0,
  merged: 0,
  triageDue: 0,
  triagedOnTime: 0,
  replied: 0,
  answerDue: 0,
  answeredOnTime: 0,
  resolved: 0,
  explained: 0,
  rated: 0,
  satisfied: 0,
  unsatisfied: 0,
  called: 0,
  answers: 0,
  returned: 0,
  closed: 0,
  reopened: 0,
};

/** 98.5% style, one decimal; a dash when there is nothing to measure. */
export function formatRate(value: number | null): string {
  if (value === null) return '—';
  const percent = Math.round(value * 1000) / 10;
  return `${percent}%`;
}

/** Categories whose appeals appear in a public report only as counts, never as items (the workers' rights and hardship matters are too personal to list). */
export const COUNT_ONLY_CATEGORIES: readonly string[] = ['rights', 'hardship'];

/** A place or unit with fewer appeals than this in the month is shown as 其他, so no one is singled out. */
export const MIN_PUBLIC_GROUP = 3;

/** `YYYY-MM`, a real month. */
export function isReportMonth(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month before `month` (`2026-01` → `2025-12`). */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** The 90th percentile (nearest rank) of a list of numbers; null for none. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface GroupFigures {
  /** The department's or category's code; null for appeals not yet given to a department. */
  code: string | null;
  name: string;
  counts: RateCounts;
  rates: RateSet;
  /**
   * A department's co-handling parts (协办意见) of the month, when it has any: counted in its answers due and
   * on time (按时办结率) against each part's own deadline, besides the answers of the appeals it leads (`total`).
   */
  coParts?: number;
}

export interface DurationFigures {
  /** How many appeals the times are over. */
  n: number;
  averageHours: number | null;
  p90Hours: number | null;
}

/** The figures of a month, as computed when the report was drafted. */
export interface ReportFigures {
  org: { code: string; name: string; slogan: string };
  month: string;
  computedAt: string;
  counts: RateCounts;
  rates: RateSet;
  byDepartment: GroupFigures[];
  byCategory: GroupFigures[];
  byStatus: Record<string, number>;
  byOutcome: Record<string, number>;
  /** Appeals per place, places with fewer than MIN_PUBLIC_GROUP folded into 其他. */
  byPlace: Array<{ name: string; n: number }>;
  times: { reply: DurationFigures; answer: DurationFigures };
  /**
   * 核减: each excluded appeal and why (staff only; the public sees the counts). The dashboard's live
   * figures carry the month's latest LIVE_EXCLUSIONS; a report's version stores them as rows of their own
   * (ReportVersionFigures has their count, the view a page of them).
   */
  exclusions: ReportExclusion[];
}

/** One 核减 entry: an excluded appeal and why. */
export interface ReportExclusion {
  serial: string;
  kind: 'rejected' | 'merged';
  reason: string;
}

/** A report version's figures as stored: without the 核减 list (its rows are paged), with how many there are. */
export type ReportVersionFigures = Omit<ReportFigures, 'exclusions'> & { exclusionCount: number };

export interface ReportItemView {
  id: string;
  serial: string;
  category: string;
  place: string;
  outcome: string;
  department: string | null;
  daysTaken: number;
  summary: string | null;
  included: boolean;
}

export interface ReportVersionInfo {
  version: number;
  state: 'draft' | 'published';
  note: string | null;
  publishedAt: string | null;
}

/** A report as the office sees it: a draft to curate, or a published version. */
export interface ReportView extends ReportVersionInfo {
  month: string;
  figures: ReportVersionFigures;
  /** The first page of the 核减 entries (GET /api/reports/:month/exclusions?cursor= reads the rest; figures.exclusionCount says how many). */
  exclusions: ReportExclusion[];
  /** The cursor of the next page of 核减 entries, null when this page is the last. */
  exclusionsNext: string | null;
  /** The first page of the items (GET /api/reports/:month/items?cursor= reads the rest). */
  items: ReportItemView[];
  /** The cursor of the next page of items, null when this page is the last. */
  next: string | null;
  /** After an edit: the item as saved, wherever in the list it is. */
  edited?: ReportItemView;
  /** Every version of the month. */
  versions: ReportVersionInfo[];
}

/** A page of the office's list of a month's items. */
export interface ReportItemPage {
  items: ReportItemView[];
  next: string | null;
}

/** A page of a version's 核减 entries. */
export interface ReportExclusionPage {
  items: ReportExclusion[];
  next: string | null;
}

/** An item as the public reads it. */
export type PublicReportItem = Omit<ReportItemView, 'id' | 'included'>;

/** A page of a published month's listed items. */
export interface PublicReportItemPage {
  items: PublicReportItem[];
  next: string | null;
}

/** A published report as the public reads it: approved items only, exclusions as counts. */
export interface PublicReportView {
  org: { code: string; name: string; slogan: string };
  month: string;
  version: number;
  note: string | null;
  publishedAt: string;
  figures: Omit<ReportFigures, 'exclusions'>;
  /** The listed items (in the app's JSON the first page: GET …/reports/:month/items?cursor= reads the rest). */
  items: PublicReportItem[];
  /** The cursor of the next page of items, null when every item is here. */
  next: string | null;
  versions: Array<{ version: number; note: string | null; publishedAt: string }>;
  /** The rates of up to the last 12 published months, oldest first. */
  trend: Array<{ month: string; rates: RateSet; total: number }>;
}

export interface PublicResolvedItem {
  month: string;
  serial: string;
  category: string;
  place: string;
  outcome: string;
  department: string | null;
  daysTaken: number;
  summary: string;
}

/** A mining group's mines side by side for a month (红黑榜): counts and rates, no cases. */
export interface GroupRankingsView {
  group: { code: string; name: string };
  month: string;
  mines: Array<{ code: string; name: string; total: number; valid: number; rates: RateSet }>;
  /** Mine codes, best first, by each ranked rate. */
  rankings: Record<'replyRate' | 'onTimeRate' | 'satisfactionRate', string[]>;
}
