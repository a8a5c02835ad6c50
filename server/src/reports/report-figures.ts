// Computes a month's figures and its candidate public list from the committed appeals, steps and
// events. Everything public-facing is decided here once: which appeals may be listed at all (consent,
// not 权益维护/困难救助), places folded into 其他 below three appeals, and only the office's public
// summary — never the worker's own text — as an item's words.
import { Inject, Injectable } from '@nestjs/common';
import { COUNT_ONLY_CATEGORIES, MIN_PUBLIC_GROUP, percentile, ratesOf, type DurationFigures, type GroupFigures, type ReportFigures } from '@minqing/shared';
import type { FindOptionsSelect } from 'typeorm';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import type { AppealEvent } from '../appeals/entities/appeal-event.entity.js';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import { TimelineRepository } from '../appeals/timeline.repository.js';
import { DeadlinesRepository } from '../deadlines/deadlines.repository.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { RatesRepository, type GroupCounts } from './rates.repository.js';

const HOUR = 3600_000;

/** What the figures and the candidate list read of each appeal of the month (the rows are partial Appeals). */
const MONTH_COLUMNS: FindOptionsSelect<Appeal> = {
  id: true,
  serial: true,
  status: true,
  outcome: true,
  categoryId: true,
  placeId: true,
  departmentId: true,
  publishConsent: true,
  createdAt: true,
  repliedAt: true,
};

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
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(TimelineRepository) private readonly timeline: TimelineRepository,
    @Inject(DeadlinesRepository) private readonly deadlines: DeadlinesRepository,
    @Inject(RatesRepository) private readonly rates: RatesRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
  ) {}

  async build(org: Organization, month: string, asOf: Date): Promise<{ figures: ReportFigures; items: CandidateItem[] }> {
    const [{ org: orgCounts, byDepartment, byCategory }, departments, categories, places, appeals] = await Promise.all([
      this.rates.counts(org.id, month, asOf),
      this.orgs.listDepartments(org.id),
      this.orgs.listCategories(org.id),
      this.orgs.listPlaces(org.id),
      // Only the columns the figures and the list are made of: not the worker's text, phone or hashes.
      this.appeals.listOfMonth(org.id, month, MONTH_COLUMNS),
    ]);
    const departmentById = new Map(departments.map((d) => [d.id, d]));
    const categoryById = new Map(categories.map((c) => [c.id, c]));
    const placeById = new Map(places.map((p) => [p.id, p]));
    const valid = appeals.filter((a) => a.status !== 'rejected' && a.status !== 'merged');

    // Places with fewer than three appeals this month are shown as 其他: no one is singled out.
    const perPlace = new Map<string, number>();
    for (const a of appeals) if (a.placeId) perPlace.set(a.placeId, (perPlace.get(a.placeId) ?? 0) + 1);
    const publicPlace = (placeId: string | null) => (placeId && (perPlace.get(placeId) ?? 0) >= MIN_PUBLIC_GROUP ? (placeById.get(placeId)?.name ?? OTHER_PLACE) : OTHER_PLACE);
    const byPlace = new Map<string, number>();
    for (const a of appeals) byPlace.set(publicPlace(a.placeId), (byPlace.get(publicPlace(a.placeId)) ?? 0) + 1);

    const group = (rows: GroupCounts[], name: (key: string | null) => { code: string | null; name: string }): GroupFigures[] =>
      rows.map(({ key, ...counts }) => ({ ...name(key), counts, rates: ratesOf(counts) })).sort((a, b) => b.counts.total - a.counts.total);

    const events = appeals.length ? await this.timeline.ofMonth(org.id, month, ['replied', 'rejected', 'merged']) : [];
    // The latest of each kind per appeal, by one pass over the events in time order (not a scan per appeal:
    // a month of a large mine has thousands of both).
    const latestEvents = new Map<string, AppealEvent>();
    for (const event of events) latestEvents.set(`${event.appealId}|${event.type}`, event);
    const lastEvent = (appealId: string, type: string) => latestEvents.get(`${appealId}|${type}`);

    const figures: ReportFigures = {
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
      byStatus: tally(appeals.map((a) => a.status)),
      byOutcome: tally(valid.flatMap((a) => (a.outcome && a.repliedAt ? [a.outcome] : []))),
      byPlace: [...byPlace].map(([name, n]) => ({ name, n })).sort((a, b) => (a.name === OTHER_PLACE ? 1 : b.name === OTHER_PLACE ? -1 : b.n - a.n)),
      times: {
        reply: durations(valid.flatMap((a) => (a.repliedAt ? [a.repliedAt.getTime() - a.createdAt.getTime()] : []))),
        answer: await this.answerTimes(org.id, month),
      },
      exclusions: appeals
        .filter((a) => a.status === 'rejected' || a.status === 'merged')
        .map((a) => ({
          serial: a.serial,
          kind: a.status as 'rejected' | 'merged',
          reason: lastEvent(a.id, a.status)?.text ?? (a.status === 'rejected' ? '不予受理' : '合并办理'),
        })),
    };

    const items: CandidateItem[] = valid
      .filter((a) => a.repliedAt && a.outcome && (a.status === 'replied' || a.status === 'closed'))
      .filter((a) => a.publishConsent && !COUNT_ONLY_CATEGORIES.includes(categoryById.get(a.categoryId)?.code ?? ''))
      .map((a) => {
        const reply = lastEvent(a.id, 'replied');
        const suggestion = reply?.data ? (JSON.parse(reply.data) as { publicSummary?: string }).publicSummary : undefined;
        return {
          appealId: a.id,
          serial: a.serial,
          categoryName: categoryById.get(a.categoryId)?.name ?? '其他',
          placeName: publicPlace(a.placeId),
          outcome: a.outcome!,
          departmentName: a.departmentId ? (departmentById.get(a.departmentId)?.name ?? null) : null,
          daysTaken: Math.max(1, Math.ceil((a.repliedAt!.getTime() - a.createdAt.getTime()) / (24 * HOUR))),
          summary: suggestion?.trim() ? suggestion.trim().slice(0, 200) : null,
        };
      });
    return { figures, items };
  }

  /** From the sheet to the department's answer, over the answers given (superseded steps left out). */
  private async answerTimes(orgId: string, month: string): Promise<DurationFigures> {
    const steps = await this.deadlines.metAnswerSteps(orgId, month);
    return durations(steps.map((s) => s.metAt!.getTime() - s.startedAt.getTime()));
  }
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function durations(ms: number[]): DurationFigures {
  const hours = ms.map((m) => m / HOUR);
  const round = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  return {
    n: hours.length,
    averageHours: round(hours.length ? hours.reduce((a, b) => a + b, 0) / hours.length : null),
    p90Hours: round(percentile(hours, 90)),
  };
}
