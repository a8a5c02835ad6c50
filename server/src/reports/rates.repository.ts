// The rates' counts for one organisation's month — the whole organisation, by department and by
// category — and for the group's 红黑榜, from the counts kept per transition (report-counts.ts). The SQL
// below counts the same from the month's appeals, steps and events: what the kept counts are checked
// against (the tests, the benchmark's raw figure), on SQLite and MySQL alike: it counts per (department,
// category) pair, and since every count is a sum, the three groupings are those rows added up; grouped
// by organisation, it is the 红黑榜's. Every per-appeal fact is read from an index (the 1765400000000
// migration and test/plans/), but the work is the month's index entries: it grows with the month.
import { Inject, Injectable } from '@nestjs/common';
import { EMPTY_COUNTS, type RateCounts } from '@minqing/shared';
import { ReportCountsRepository, type StoredCount } from './report-counts.repository.js';
import type { AppealFacts } from '../database/report-counts.js';
import { partCountsOf, rateCountsOf, type PartCounts } from './report-counts.js';
import { ThreadReader } from '../database/thread-reader.js';

/**
 * An answer step of the appeal's own department (its lead), or of an appeal without one; any other is a
 * co-handling department's part (协办意见), counted for that department (PARTS_SQL).
 */
const OWN_STEP = '(s.department_id IS NULL OR a.department_id IS NULL OR s.department_id = a.department_id)';

/** Per appeal of the month: what it is, and whether its steps were due and late as of `asOf`. */
const FACTS = `
  SELECT a.id, a.org_id, a.department_id, a.category_id, a.status, a.outcome, a.rating, a.call_logged, a.supervised, a.reopen_count,
    CASE WHEN a.status IN ('rejected', 'withdrawn') THEN 0 ELSE 1 END AS is_valid,
    (SELECT COUNT(*) FROM appeal_steps s WHERE s.appeal_id = a.id AND s.step = 'triage' AND s.cancelled_at IS NULL
       AND (s.met_at IS NOT NULL OR s.due_at <= :asOf)) AS triage_due,
    (SELECT COUNT(*) FROM appeal_steps s WHERE s.appeal_id = a.id AND s.step = 'triage' AND s.cancelled_at IS NULL
       AND (s.met_at > s.due_at OR (s.met_at IS NULL AND s.due_at <= :asOf))) AS triage_late,
    (SELECT COUNT(*) FROM appeal_steps s WHERE s.appeal_id = a.id AND s.step = 'answer' AND s.cancelled_at IS NULL AND ${OWN_STEP}
       AND (s.met_at IS NOT NULL OR s.due_at <= :asOf)) AS answer_due,
    (SELECT COUNT(*) FROM appeal_steps s WHERE s.appeal_id = a.id AND s.step = 'answer' AND s.cancelled_at IS NULL AND ${OWN_STEP}
       AND (s.met_at > s.due_at OR (s.met_at IS NULL AND s.due_at <= :asOf))) AS answer_late,
    (SELECT COUNT(*) FROM appeal_events e WHERE e.appeal_id = a.id AND e.type = 'responded') AS answers,
    (SELECT COUNT(*) FROM appeal_events e WHERE e.appeal_id = a.id AND e.type = 'returned') AS returned
  FROM appeals a
  WHERE a.org_id IN (:...orgIds) AND a.month = :month`;

// A merged appeal is valid and counts on its own worker's account: replied while it carries its
// primary's reply (the outcome is copied onto it then, and cleared when the primary is taken up again),
// called and rated by its own call log and rating; it has no department steps of its own.
const REPLIED = "f.is_valid = 1 AND f.status IN ('replied', 'closed', 'merged') AND f.outcome IS NOT NULL";

/** Each count as a SUM over the facts; the names are RateCounts' keys. */
const SUMS: Record<keyof RateCounts, string> = {
  total: '1',
  valid: 'f.is_valid',
  rejected: "CASE WHEN f.status = 'rejected' THEN 1 ELSE 0 END",
  merged: "CASE WHEN f.status = 'merged' THEN 1 ELSE 0 END",
  triageDue: 'CASE WHEN f.is_valid = 1 AND f.triage_due > 0 THEN 1 ELSE 0 END',
  triagedOnTime: 'CASE WHEN f.is_valid = 1 AND f.triage_due > 0 AND f.triage_late = 0 THEN 1 ELSE 0 END',
  replied: `CASE WHEN ${REPLIED} THEN 1 ELSE 0 END`,
  answerDue: 'CASE WHEN f.is_valid = 1 AND f.answer_due > 0 THEN 1 ELSE 0 END',
  answeredOnTime: 'CASE WHEN f.is_valid = 1 AND f.answer_due > 0 AND f.answer_late = 0 THEN 1 ELSE 0 END',
  resolved: `CASE WHEN ${REPLIED} AND (f.outcome = 'resolved' OR (f.outcome = 'scheduled' AND f.supervised = 0)) THEN 1 ELSE 0 END`,
  explained: `CASE WHEN ${REPLIED} AND f.outcome = 'explained' THEN 1 ELSE 0 END`,
  rated: 'CASE WHEN f.is_valid = 1 AND f.rating IS NOT NULL THEN 1 ELSE 0 END',
  satisfied: "CASE WHEN f.is_valid = 1 AND f.rating IN ('satisfied', 'basic') THEN 1 ELSE 0 END",
  unsatisfied: "CASE WHEN f.is_valid = 1 AND f.rating = 'unsatisfied' THEN 1 ELSE 0 END",
  called: `CASE WHEN ${REPLIED} AND f.call_logged = 1 THEN 1 ELSE 0 END`,
  answers: 'CASE WHEN f.is_valid = 1 THEN f.answers ELSE 0 END',
  returned: 'CASE WHEN f.is_valid = 1 THEN f.returned ELSE 0 END',
  closed: "CASE WHEN f.is_valid = 1 AND f.status = 'closed' THEN 1 ELSE 0 END",
  reopened: 'CASE WHEN f.is_valid = 1 AND f.reopen_count > 0 THEN 1 ELSE 0 END',
};

export interface GroupCounts extends RateCounts {
  /** The department's or category's id ('all' for the organisation; null: no department yet). */
  key: string | null;
  /**
   * A department's co-handling parts (协办意见) of the month's valid appeals, when it has any: also in its
   * answerDue and answeredOnTime (against each part's own deadline), besides the answers of the appeals it leads.
   */
  coParts?: number;
}

@Injectable()
export class RatesRepository {
  constructor(
    @Inject(ThreadReader) private readonly reader: ThreadReader,
    @Inject(ReportCountsRepository) private readonly store: ReportCountsRepository,
  ) {}

  /** The month's counts, from the counts kept per transition (report-counts.ts). */
  async counts(orgId: string, month: string, asOf: Date): Promise<MonthCounts> {
    const [rows, overdue] = await Promise.all([this.store.monthRows([orgId], month), this.store.overdue([orgId], month, asOf)]);
    return monthCountsOf(rows, overdue, asOf);
  }

  /** The organisation's counts for the month (all zeros for a month without appeals). */
  async orgCounts(orgId: string, month: string, asOf: Date): Promise<RateCounts> {
    return (await this.counts(orgId, month, asOf)).org;
  }

  /** Each organisation's counts for the month, from one read of all their rows (the group's 红黑榜). */
  async countsByOrg(orgIds: string[], month: string, asOf: Date): Promise<Map<string, RateCounts>> {
    const byOrg = new Map(orgIds.map((id) => [id, { ...EMPTY_COUNTS }]));
    if (!orgIds.length) return byOrg;
    // One read of every mine's own rates rows and one of every mine's steps due today, shared out by mine.
    const [rows, overdue] = await Promise.all([this.store.monthRows(orgIds, month, 'org_rates'), this.store.overdue(orgIds, month, asOf)]);
    const rowsOf = byOrgId(rows);
    const overdueOf = byOrgId(overdue);
    for (const id of orgIds) byOrg.set(id, await orgCountsOf(rowsOf.get(id) ?? [], overdueOf.get(id) ?? [], asOf));
    return byOrg;
  }

  /** The same counts from the month's appeals, steps and events (COUNTS_SQL): what the counts are checked against. */
  async countsFromAppeals(orgId: string, month: string, asOf: Date): Promise<MonthCounts> {
    const [rows, parts] = await Promise.all([
      this.reader.query(COUNTS_SQL, { asOf, orgIds: [orgId], month }),
      this.reader.query<Record<string, unknown>>(PARTS_SQL, { asOf, orgIds: [orgId], month }),
    ]);
    const org = { ...EMPTY_COUNTS };
    const byDepartment = new Map<string | null, GroupCounts>();
    const byCategory = new Map<string | null, GroupCounts>();
    const addTo = (groups: Map<string | null, GroupCounts>, key: string | null, row: Record<string, unknown>) => {
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { key, ...EMPTY_COUNTS }));
      add(group, row);
    };
    for (const row of rows) {
      add(org, row);
      addTo(byDepartment, (row.department_key as string | null) ?? null, row);
      addTo(byCategory, (row.category_key as string | null) ?? null, row);
    }
    const partCounts = new Map(
      parts.map((r) => [String(r.department_key), { coParts: Number(r.co_parts), answerDue: Number(r.answer_due), answeredOnTime: Number(r.answered_on_time) }]),
    );
    return { org, byDepartment: withParts(byDepartment, partCounts), byCategory: [...byCategory.values()] };
  }

  /** Each organisation's counts from the appeals (BY_ORG_SQL), to check the 红黑榜's. */
  async countsByOrgFromAppeals(orgIds: string[], month: string, asOf: Date): Promise<Map<string, RateCounts>> {
    const byOrg = new Map(orgIds.map((id) => [id, { ...EMPTY_COUNTS }]));
    if (!orgIds.length) return byOrg;
    for (const row of await this.reader.query(BY_ORG_SQL, { asOf, orgIds, month })) add(byOrg.get(row.org_key as string)!, row);
    return byOrg;
  }
}

/**
 * The month's counts (whole, by department, by category) as of `asOf`, from its stored rows and the appeals
 * whose open step fell due earlier that day: a millisecond at a time (in-slices.ts).
 */
export async function monthCountsOf(rows: StoredCount[], dueToday: AppealFacts[], asOf: Date): Promise<MonthCounts> {
  const org = { ...EMPTY_COUNTS };
  const byDepartment = new Map<string | null, GroupCounts>();
  const byCategory = new Map<string | null, GroupCounts>();
  const addTo = (groups: Map<string | null, GroupCounts>, key: string | null, counts: RateCounts) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, ...EMPTY_COUNTS }));
    for (const name of Object.keys(SUMS) as Array<keyof RateCounts>) group[name] += counts[name];
  };
  for (const { departmentId, categoryId, counts } of (
    await rateCountsOf(
      rows.filter((r) => r.facet === 'rates'),
      dueToday,
      asOf,
    )
  ).values()) {
    if (!counts.total) continue;
    for (const name of Object.keys(SUMS) as Array<keyof RateCounts>) org[name] += counts[name];
    addTo(byDepartment, departmentId, counts);
    addTo(byCategory, categoryId, counts);
  }
  const parts = await partCountsOf(
    rows.filter((r) => r.facet === 'part'),
    dueToday,
    asOf,
  );
  return { org, byDepartment: withParts(byDepartment, parts), byCategory: [...byCategory.values()] };
}

/**
 * The organisation's counts as of `asOf` from its org_rates rows (the rates rows' facts without department and
 * category) and the appeals whose open step fell due earlier that day. Every group rateCountsOf makes is
 * added: the rows' one group, and the groups the appeals due today move their counts between.
 */
export async function orgCountsOf(orgRatesRows: StoredCount[], dueToday: AppealFacts[], asOf: Date): Promise<RateCounts> {
  const org = { ...EMPTY_COUNTS };
  for (const { counts } of (await rateCountsOf(orgRatesRows, dueToday, asOf)).values()) for (const name of Object.keys(SUMS) as Array<keyof RateCounts>) org[name] += counts[name];
  return org;
}

/**
 * The departments' groups with their co-handling parts added (a department with parts only gets a group of
 * its own): the parts count in its answers due and on time, not in the organisation's (whose answers are the leads').
 */
function withParts(byDepartment: Map<string | null, GroupCounts>, parts: Map<string, PartCounts>): GroupCounts[] {
  for (const [departmentId, p] of parts) {
    if (!p.coParts) continue;
    let group = byDepartment.get(departmentId);
    if (!group) byDepartment.set(departmentId, (group = { key: departmentId, ...EMPTY_COUNTS }));
    group.coParts = p.coParts;
    group.answerDue += p.answerDue;
    group.answeredOnTime += p.answeredOnTime;
  }
  return [...byDepartment.values()];
}

const SUMS_SQL = Object.entries(SUMS)
  .map(([name, expression]) => `SUM(${expression}) AS ${snake(name)}`)
  .join(', ');
/** The month's counts per (department, category) of the organisations named (one, for its figures). */
export const COUNTS_SQL = `SELECT f.department_id AS department_key, f.category_id AS category_key, ${SUMS_SQL} FROM (${FACTS}) f GROUP BY f.department_id, f.category_id`;
/**
 * The month's co-handling parts per department, from the appeals and steps: each (appeal, department) with an
 * answer step not its lead's, due when one was met or is past due, on time when none was late.
 */
export const PARTS_SQL = `SELECT p.department_id AS department_key, COUNT(*) AS co_parts,
    SUM(CASE WHEN p.due > 0 THEN 1 ELSE 0 END) AS answer_due, SUM(CASE WHEN p.due > 0 AND p.late = 0 THEN 1 ELSE 0 END) AS answered_on_time
  FROM (SELECT a.id, s.department_id,
      SUM(CASE WHEN s.met_at IS NOT NULL OR s.due_at <= :asOf THEN 1 ELSE 0 END) AS due,
      SUM(CASE WHEN s.met_at > s.due_at OR (s.met_at IS NULL AND s.due_at <= :asOf) THEN 1 ELSE 0 END) AS late
    FROM appeals a JOIN appeal_steps s ON s.appeal_id = a.id
    WHERE a.org_id IN (:...orgIds) AND a.month = :month AND a.status NOT IN ('rejected', 'withdrawn')
      AND s.step = 'answer' AND s.cancelled_at IS NULL AND s.department_id <> a.department_id
    GROUP BY a.id, s.department_id) p
  GROUP BY p.department_id`;
/** The month's counts per organisation. */
export const BY_ORG_SQL = `SELECT f.org_id AS org_key, ${SUMS_SQL} FROM (${FACTS}) f GROUP BY f.org_id`;

export interface MonthCounts {
  org: RateCounts;
  byDepartment: GroupCounts[];
  byCategory: GroupCounts[];
}

function byOrgId<T extends { orgId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.orgId);
    if (group) group.push(item);
    else groups.set(item.orgId, [item]);
  }
  return groups;
}

/** Adds one row's sums to the counts. */
function add(counts: RateCounts, row: Record<string, unknown>): void {
  for (const name of Object.keys(SUMS) as Array<keyof RateCounts>) counts[name] += Number(row[snake(name)] ?? 0);
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
