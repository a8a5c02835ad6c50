// Computes a month's figures and its candidate public list from the committed appeals, steps and
// events. Everything public-facing is decided here once: which appeals may be listed at all (consent,
// not 权益维护/困难救助), places folded into 其他 below three appeals, and only the office's public
// summary — never the worker's own text — as an item's words.
//
// The figures cost the same at any size of month: every count, tally, sum and 90th percentile comes
// from the counts kept per transition (report-counts.ts) — a few hundred rows for a month of 100,000
// appeals — besides the appeals whose open step fell due earlier on the day asked and the 核减 list
// (one entry per rejected or merged appeal). The same figures counted from the month's appeals
// (report-figures.sql.ts, figuresFromAppeals) are what the tests check them against. Only the draft's
// candidate list reads appeals one by one, and only those that may be listed.
import { Inject, Injectable } from '@nestjs/common';
import { COUNT_ONLY_CATEGORIES, MIN_PUBLIC_GROUP, ratesOf, type DurationFigures, type GroupFigures, type ReportExclusion, type ReportFigures } from '@minqing/shared';
import type { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import type { Category } from '../org/entities/category.entity.js';
import type { Department } from '../org/entities/department.entity.js';
import { monthCountsOf, RatesRepository, type GroupCounts, type MonthCounts } from './rates.repository.js';
import { ReportCountsRepository } from './report-counts.repository.js';
import { histogram } from './report-counts.js';
import { eachInSlices, mapInSlices } from './in-slices.js';
import { ThreadReader } from '../database/thread-reader.js';
import { figuresSql } from './report-figures.sql.js';
import { NextRun } from './next-run.js';

const HOUR = 3600_000;
/**
 * The dashboard's 核减 list: the month's latest this many (the counts say how many there are). The list
 * is one entry per rejected or merged appeal — 15,000 in a month of 100,000 — and the dashboard never
 * shows it; the month's report, which the office reviews, lists them all.
 */
export const LIVE_EXCLUSIONS = 100;

export const OTHER_PLACE = '其他';

/** An appeal the public list may show, before the office curates it. */
export interface CandidateItem {
  appealId: string;
  serial: string;
  categoryName: string;
  placeName: string;
  outcome: string;
  departmentName: string | null;
  daysTaken: number;
  /** The office's suggestion at reply time, if it wrote one. */
  summary: string | null;
}

@Injectable()
export class ReportFiguresBuilder {
  constructor(
    @Inject(RatesRepository) private readonly rates: RatesRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(ThreadReader) private readonly reader: ThreadReader,
    @Inject(ReportCountsRepository) private readonly store: ReportCountsRepository,
  ) {}

  private readonly liveRuns = new NextRun<ReportFigures>();

  /**
   * The dashboard's figures, computed now, with the latest LIVE_EXCLUSIONS of the 核减 list: requests for
   * the same month that come while they are being computed share the next computation (next-run.ts), so
   * ten leaders at once cost one at a time.
   */
  live(org: Organization, month: string, now: () => Date): Promise<ReportFigures> {
    return this.liveRuns.run(`${org.id}|${month}`, () => this.figures(org, month, now(), { latestExclusions: LIVE_EXCLUSIONS }));
  }

  /** The month's figures and its candidate public list (what a draft is made of). */
  async build(org: Organization, month: string, asOf: Date): Promise<{ figures: ReportFigures; items: CandidateItem[] }> {
    const figures = await this.figures(org, month, asOf);
    return { figures, items: await this.candidates(org, month, figures) };
  }

  /**
   * The month's figures alone (the dashboard, the export; `latestExclusions`: only the latest so many of
   * the 核减 list, 0 for none — the export pages it apart, exclusionPages): from the month's counts (a few hundred rows
   * whatever its size), the appeals whose open step fell due earlier that day, and the 核减 list (one entry per
   * rejected or merged appeal, from the (org_id, month, status) index).
   */
  async figures(org: Organization, month: string, asOf: Date, options: { latestExclusions?: number } = {}): Promise<ReportFigures> {
    const sql = figuresSql(this.reader.engine);
    const at = { orgId: org.id, month };
    const [rows, overdue, departments, categories, exclusions] = await Promise.all([
      this.store.monthRows([org.id], month),
      this.store.overdue([org.id], month, asOf),
      this.orgs.listDepartments(org.id),
      this.orgs.listCategories(org.id),
      options.latestExclusions === 0
        ? Promise.resolve([])
        : this.reader.query<ExclusionRow>(options.latestExclusions === undefined ? sql.exclusions : sql.latestExclusions(options.latestExclusions), at),
    ]);
    const facet = (name: string) => rows.filter((r) => r.facet === name);
    const tallies = await mapInSlices(facet('tally'), ({ dims, n }) => {
      const [status, outcome, placeId, countedReply] = JSON.parse(dims) as [string, string | null, string | null, number];
      return { status, outcome, place_id: placeId, counted_reply: countedReply, n, replies: 0, reply_ms: 0 };
    });
    const hours = (h: ReturnType<typeof histogram>): DurationFigures =>
      h.n ? { n: h.n, averageHours: roundHours(h.sumMs / h.n / HOUR), p90Hours: h.p90Bucket! / 10 } : { n: 0, averageHours: null, p90Hours: null };
    const counts = await monthCountsOf(rows, overdue, asOf);
    return this.assemble(org, month, asOf, counts, { departments, categories, tallies, exclusions }, async () => ({
      reply: hours(histogram(facet('reply_time'))),
      answer: hours(histogram(facet('answer_time'))),
    }));
  }

  /**
   * The month's whole 核减 list as it stands, a page of `pageSize` at a time (the export's: constant
   * memory at any size of month), in the figures' order.
   */
  async *exclusionPages(org: Organization, month: string, pageSize: number): AsyncGenerator<ReportExclusion[]> {
    const sql = figuresSql(this.reader.engine);
    let after: { afterAt: unknown; afterId: string } | null = null;
    for (;;) {
      const rows: Array<ExclusionRow & { at: unknown; id: string }> = await this.reader.query(sql.exclusionsPage(pageSize, after !== null), { orgId: org.id, month, ...after });
      if (rows.length) yield rows.map(exclusionOf);
      if (rows.length < pageSize) return;
      after = { afterAt: rows.at(-1)!.at, afterId: rows.at(-1)!.id };
    }
  }

  /** The same figures counted from the month's appeals, steps and events: what the kept counts are checked against. */
  async figuresFromAppeals(org: Organization, month: string, asOf: Date): Promise<ReportFigures> {
    const sql = figuresSql(this.reader.engine);
    const at = { orgId: org.id, month };
    const [counts, departments, categories, tallies, answers, exclusions] = await Promise.all([
      this.rates.countsFromAppeals(org.id, month, asOf),
      this.orgs.listDepartments(org.id),
      this.orgs.listCategories(org.id),
      this.reader.query<TallyRow>(sql.tallies, at),
      this.reader.query<DurationRow>(sql.answerTimes, at),
      this.reader.query<ExclusionRow>(sql.exclusions, at),
    ]);
    let replies = { n: 0, sumMs: 0 };
    for (const row of tallies) replies = { n: replies.n + Number(row.replies), sumMs: replies.sumMs + Number(row.reply_ms ?? 0) };
    const answer = answers[0] ?? { n: 0, sum_ms: 0 };
    return this.assemble(org, month, asOf, counts, { departments, categories, tallies, exclusions }, async () => ({
      reply: await this.durations(replies.n, replies.sumMs, sql.replyTimeAt, at),
      answer: await this.durations(Number(answer.n), Number(answer.sum_ms ?? 0), sql.answerTimeAt, at),
    }));
  }

  private async assemble(
    org: Organization,
    month: string,
    asOf: Date,
    { org: orgCounts, byDepartment, byCategory }: MonthCounts,
    { departments, categories, tallies, exclusions }: { departments: Department[]; categories: Category[]; tallies: TallyRow[]; exclusions: ExclusionRow[] },
    times: () => Promise<ReportFigures['times']>,
  ): Promise<ReportFigures> {
    const departmentById = new Map(departments.map((d) => [d.id, d]));
    const categoryById = new Map(categories.map((c) => [c.id, c]));
    const byStatus: Record<string, number> = {};
    const byOutcome: Record<string, number> = {};
    const perPlace = new Map<string | null, number>();
    for (const row of tallies) {
      const n = Number(row.n);
      if (!n) continue;
      byStatus[row.status] = (byStatus[row.status] ?? 0) + n;
      perPlace.set(row.place_id, (perPlace.get(row.place_id) ?? 0) + n);
      if (Number(row.counted_reply)) {
        byOutcome[row.outcome!] = (byOutcome[row.outcome!] ?? 0) + n;
      }
    }
    const publicPlaces = await this.publicPlaces(org, perPlace);
    const byPlace = new Map<string, number>();
    for (const [placeId, n] of perPlace) byPlace.set(publicPlaces(placeId), (byPlace.get(publicPlaces(placeId)) ?? 0) + n);

    // Ties in the order of their names: the same order however the counts were read.
    const group = (rows: GroupCounts[], name: (key: string | null) => { code: string | null; name: string }): GroupFigures[] =>
      rows
        .map(({ key, coParts, ...counts }) => ({ ...name(key), counts, rates: ratesOf(counts), ...(coParts ? { coParts } : {}) }))
        .sort((a, b) => b.counts.total - a.counts.total || (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name));
    return {
      org: { code: org.code, name: org.name, slogan: org.slogan },
      month,
      computedAt: asOf.toISOString(),
      counts: orgCounts,
      rates: ratesOf(orgCounts),
      byDepartment: group(byDepartment, (key) => {
        const d = key ? departmentById.get(key) : undefined;
        return { code: d?.code ?? null, name: d?.name ?? '未批办' };
      }),
      byCategory: group(byCategory, (key) => {
        const c = key ? categoryById.get(key) : undefined;
        return { code: c?.code ?? null, name: c?.name ?? '其他' };
      }),
      byStatus,
      byOutcome,
      byPlace: [...byPlace]
        .map(([name, n]) => ({ name, n }))
        .sort((a, b) => (a.name === OTHER_PLACE ? 1 : b.name === OTHER_PLACE ? -1 : b.n - a.n || a.name.localeCompare(b.name))),
      times: await times(),
      exclusions: exclusions.map(exclusionOf),
    };
  }

  /** Replied appeals that may be listed: consent given, not a count-only category; with the office's suggested summary. */
  private async candidates(org: Organization, month: string, figures: ReportFigures): Promise<CandidateItem[]> {
    const sql = figuresSql(this.reader.engine);
    const [rows, departments, categories, counted, replies] = await Promise.all([
      this.reader.query<CandidateRow>(sql.candidates, { orgId: org.id, month }),
      this.orgs.listDepartments(org.id),
      this.orgs.listCategories(org.id),
      this.store.monthRows([org.id], month),
      figures.counts.replied ? this.reader.query<{ appeal_id: string; data: string | null }>(sql.replies, { orgId: org.id, month }) : Promise.resolve([]),
    ]);
    const departmentById = new Map(departments.map((d) => [d.id, d]));
    const categoryById = new Map(categories.map((c) => [c.id, c]));
    const perPlace = new Map<string | null, number>();
    for (const row of counted.filter((r) => r.facet === 'tally')) {
      const placeId = (JSON.parse(row.dims) as unknown[])[2] as string | null;
      perPlace.set(placeId, (perPlace.get(placeId) ?? 0) + row.n);
    }
    const publicPlace = await this.publicPlaces(org, perPlace);
    // The latest reply of each appeal, by one pass over the replies in time order. Both lists are a month's
    // replied appeals (tens of thousands in a large one): taken a millisecond at a time (in-slices.ts).
    const latestReply = new Map<string, string | null>();
    await eachInSlices(replies, (event) => latestReply.set(event.appeal_id, event.data));
    return mapInSlices(
      rows.filter((a) => !COUNT_ONLY_CATEGORIES.includes(categoryById.get(a.category_id)?.code ?? '')),
      (a) => {
        const data = latestReply.get(a.id);
        const suggestion = data ? (JSON.parse(data) as { publicSummary?: string }).publicSummary : undefined;
        return {
          appealId: a.id,
          serial: a.serial,
          categoryName: categoryById.get(a.category_id)?.name ?? '其他',
          placeName: publicPlace(a.place_id),
          outcome: a.outcome,
          departmentName: a.department_id ? (departmentById.get(a.department_id)?.name ?? null) : null,
          daysTaken: Math.max(1, Math.ceil(Number(a.reply_ms) / (24 * HOUR))),
          summary: suggestion?.trim() ? suggestion.trim().slice(0, 200) : null,
        };
      },
    );
  }

  /** Places with fewer than three appeals this month are shown as 其他: no one is singled out. */
  private async publicPlaces(org: Organization, perPlace: Map<string | null, number>): Promise<(placeId: string | null) => string> {
    const placeById = new Map((await this.orgs.listPlaces(org.id)).map((p) => [p.id, p]));
    return (placeId) => (placeId && (perPlace.get(placeId) ?? 0) >= MIN_PUBLIC_GROUP ? (placeById.get(placeId)?.name ?? OTHER_PLACE) : OTHER_PLACE);
  }

  /** n, average and 90th percentile (nearest rank) of durations: the percentile is the database's k-th smallest. */
  private async durations(n: number, sumMs: number, kthSql: (k: number) => string, at: Record<string, unknown>): Promise<DurationFigures> {
    if (!n) return { n: 0, averageHours: null, p90Hours: null };
    const [kth] = await this.reader.query<{ ms: number }>(kthSql(Math.ceil(0.9 * n) - 1), at);
    return { n, averageHours: roundHours(sumMs / n / HOUR), p90Hours: roundHours(Number(kth.ms) / HOUR) };
  }
}

/** Hours to a tenth, as every duration is shown (report-counts.ts's buckets round the same way). */
const roundHours = (h: number) => Math.round(h * 10) / 10;

const exclusionOf = (e: ExclusionRow): ReportExclusion => ({ serial: e.serial, kind: e.status, reason: e.reason ?? (e.status === 'rejected' ? '不予受理' : '合并办理') });

interface ExclusionRow {
  serial: string;
  status: 'rejected' | 'merged';
  reason: string | null;
}

interface TallyRow {
  status: string;
  outcome: string | null;
  place_id: string | null;
  /** 1 when these appeals count in byOutcome: valid, with an outcome and a reply. */
  counted_reply: number;
  n: number;
  /** Valid appeals with a reply, and the sum of their reply times. */
  replies: number;
  reply_ms: number | null;
}

interface DurationRow {
  n: number;
  sum_ms: number | null;
}

interface CandidateRow {
  id: string;
  serial: string;
  category_id: string;
  place_id: string | null;
  department_id: string | null;
  outcome: string;
  reply_ms: number;
}
