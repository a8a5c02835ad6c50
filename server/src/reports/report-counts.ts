// The figures' counts added up from the rows report_counts keeps (database/report-counts.ts says what
// an appeal adds): the rates by (department, category) with the rates' own definitions, and the
// durations' histograms.
//
// One thing cannot be kept per transition: whether an open step is overdue depends on when the figures
// are asked for. The rows say the day an appeal's open triage or answer step falls due: before the day
// asked it is past due, after it not; only the steps due on the day asked are read then, from the open
// steps' index — at most a day's dues, whatever the month's size — and those already past due move from
// "open" to "due and late" (rateCountsOf).
import { EMPTY_COUNTS, type RateCounts } from '@minqing/shared';
import { contributionOf, type AppealFacts, type PartFacts } from '../database/report-counts.js';
import { eachInSlices } from './in-slices.js';

// Merged appeals count (their workers are answered on their own appeals); rejected and withdrawn ones do not.
const isValid = (status: string) => status !== 'rejected' && status !== 'withdrawn';

/** The facts a rates row stands for (its dims decoded). */
interface RatesFacts {
  departmentId: string | null;
  categoryId: string | null;
  status: string;
  outcome: string | null;
  rating: string | null;
  callLogged: boolean;
  supervised: boolean;
  reopened: boolean;
  triageMet: boolean;
  triageLate: boolean;
  triageOpen: boolean;
  answerMet: boolean;
  answerLate: boolean;
  answerOpen: boolean;
  triageDueDay: string | null;
  answerDueDay: string | null;
}

export function decodeRates(dims: string): RatesFacts {
  const parts = JSON.parse(dims) as unknown[];
  const [departmentId, categoryId, status, outcome, rating] = parts as [string | null, string | null, string, string | null, string | null];
  const [call, supervised, reopened, tMet, tLate, tOpen, aMet, aLate, aOpen] = parts.slice(5, 14) as number[];
  const [triageDueDay, answerDueDay] = parts.slice(14, 16) as Array<string | null>;
  return {
    departmentId,
    categoryId,
    status,
    outcome,
    rating,
    callLogged: call === 1,
    supervised: supervised === 1,
    reopened: reopened === 1,
    triageMet: tMet === 1,
    triageLate: tLate === 1,
    triageOpen: tOpen === 1,
    answerMet: aMet === 1,
    answerLate: aLate === 1,
    answerOpen: aOpen === 1,
    triageDueDay,
    answerDueDay,
  };
}

/**
 * A rates row's facts and its (department, category) key, by its dims text. The same few thousand texts
 * come back on every reading of a month (a row's dims never change, only its sums): decoding them once
 * takes JSON.parse off the dashboard's main-thread path, where it was most of the time. The facts are
 * never changed by their readers. Cleared whole past DECODED_MAX: a bound, not a cache to tune.
 */
const decoded = new Map<string, { facts: RatesFacts; key: string }>();
const DECODED_MAX = 200_000;

function decodedRates(dims: string): { facts: RatesFacts; key: string } {
  let entry = decoded.get(dims);
  if (!entry) {
    if (decoded.size >= DECODED_MAX) decoded.clear();
    const facts = decodeRates(dims);
    decoded.set(dims, (entry = { facts, key: `${facts.departmentId}|${facts.categoryId}` }));
  }
  return entry;
}

/**
 * Adds `n` appeals of these facts to the counts, with the rates' definitions (rates.repository.ts's
 * SUMS, the oracle the tests compare with): a step kind is due when one was met or an open one is past
 * due, on time when none was met late and none open is past due.
 */
export function addRates(counts: RateCounts, f: RatesFacts, n: number, measures: { answers: number; returned: number }, overdue: { triage: boolean; answer: boolean }): void {
  const valid = isValid(f.status);
  const replied = valid && (f.status === 'replied' || f.status === 'closed' || f.status === 'merged') && f.outcome !== null;
  const triageDue = f.triageMet || overdue.triage;
  const triageLate = f.triageLate || overdue.triage;
  const answerDue = f.answerMet || overdue.answer;
  const answerLate = f.answerLate || overdue.answer;
  const when = (b: boolean) => (b ? n : 0);
  counts.total += n;
  counts.valid += when(valid);
  counts.rejected += when(f.status === 'rejected');
  counts.merged += when(f.status === 'merged');
  counts.triageDue += when(valid && triageDue);
  counts.triagedOnTime += when(valid && triageDue && !triageLate);
  counts.replied += when(replied);
  counts.answerDue += when(valid && answerDue);
  counts.answeredOnTime += when(valid && answerDue && !answerLate);
  counts.resolved += when(replied && (f.outcome === 'resolved' || (f.outcome === 'scheduled' && !f.supervised)));
  counts.explained += when(replied && f.outcome === 'explained');
  counts.rated += when(valid && f.rating !== null);
  counts.satisfied += when(valid && (f.rating === 'satisfied' || f.rating === 'basic'));
  counts.unsatisfied += when(valid && f.rating === 'unsatisfied');
  counts.called += when(replied && f.callLogged);
  counts.answers += valid ? measures.answers : 0;
  counts.returned += valid ? measures.returned : 0;
  counts.closed += when(valid && f.status === 'closed');
  counts.reopened += when(valid && f.reopened);
}

/** n, sum and the nearest-rank 90th percentile's bucket of a duration histogram. */
export function histogram(rows: Array<{ dims: string; n: number; sumMs: number }>): { n: number; sumMs: number; p90Bucket: number | null } {
  const buckets = rows.map((r) => ({ bucket: (JSON.parse(r.dims) as number[])[0], n: r.n, sumMs: r.sumMs })).filter((b) => b.n > 0);
  buckets.sort((a, b) => a.bucket - b.bucket);
  const n = buckets.reduce((s, b) => s + b.n, 0);
  const sumMs = buckets.reduce((s, b) => s + b.sumMs, 0);
  if (!n) return { n: 0, sumMs: 0, p90Bucket: null };
  const k = Math.ceil(0.9 * n) - 1;
  let seen = 0;
  for (const b of buckets) {
    seen += b.n;
    if (seen > k) return { n, sumMs, p90Bucket: b.bucket };
  }
  return { n, sumMs, p90Bucket: buckets.at(-1)!.bucket };
}

/**
 * The counts of one organisation's month, by (department, category), as of `asOf`: from its rates rows
 * (an open step due on an earlier day is past due, on a later day not) and the appeals whose open step
 * is due on asOf's own day, read exactly (`dueToday`: those already past due at asOf). The rows are
 * added up a millisecond at a time (in-slices.ts): a large month's are thousands.
 */
export async function rateCountsOf(
  ratesRows: Array<{ dims: string; n: number; answers: number; returned: number }>,
  dueToday: AppealFacts[],
  asOf: Date,
): Promise<Map<string, { departmentId: string | null; categoryId: string | null; counts: RateCounts }>> {
  const today = asOf.toISOString().slice(0, 10);
  const groups = new Map<string, { departmentId: string | null; categoryId: string | null; counts: RateCounts }>();
  const groupOf = (f: { departmentId: string | null; categoryId: string | null }, key = `${f.departmentId}|${f.categoryId}`) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { departmentId: f.departmentId, categoryId: f.categoryId, counts: { ...EMPTY_COUNTS } }));
    return g.counts;
  };
  const byDay = (f: RatesFacts) => ({
    triage: f.triageOpen && f.triageDueDay !== null && f.triageDueDay < today,
    answer: f.answerOpen && f.answerDueDay !== null && f.answerDueDay < today,
  });
  await eachInSlices(ratesRows, (r) => {
    if (!r.n) return;
    const { facts, key } = decodedRates(r.dims);
    addRates(groupOf(facts, key), facts, r.n, r, byDay(facts));
  });
  // An appeal with an open step due today and already past due: out of its row's reading, in again as due and late.
  await eachInSlices(dueToday, (f) => {
    const [rates] = contributionOf(f);
    const facts = decodeRates(rates.dims);
    const counts = groupOf(facts);
    const before = byDay(facts);
    addRates(counts, facts, -1, { answers: -f.answers, returned: -f.returned }, before);
    addRates(counts, facts, 1, f, { triage: before.triage || !!f.triageOverdue, answer: before.answer || !!f.answerOverdue });
  });
  return groups;
}

/** What a department's co-handling parts (协办意见) add to its figures: how many, and as its answers due and on time. */
export interface PartCounts {
  coParts: number;
  answerDue: number;
  answeredOnTime: number;
}

/** The facts a part row stands for (its dims decoded). */
function decodePart(dims: string): Omit<PartFacts, 'overdue'> {
  const [departmentId, met, late, open, dueDay] = JSON.parse(dims) as [string, number, number, number, string | null];
  return { departmentId, met, late, open, dueDay };
}

/** Adds `n` parts of these facts, with the rates' rule for an answer: due when met or past due, on time when none late. */
function addPart(counts: PartCounts, f: Omit<PartFacts, 'overdue'>, n: number, overdue: boolean): void {
  const due = f.met > 0 || overdue;
  counts.coParts += n;
  counts.answerDue += due ? n : 0;
  counts.answeredOnTime += due && !f.late && !overdue ? n : 0;
}

/**
 * Each department's co-handling parts of the month as of `asOf`, from the part rows (an open one due on an
 * earlier day is past due) and, for those due on asOf's own day, the appeals read then (as rateCountsOf,
 * in slices too).
 */
export async function partCountsOf(partRows: Array<{ dims: string; n: number }>, dueToday: AppealFacts[], asOf: Date): Promise<Map<string, PartCounts>> {
  const today = asOf.toISOString().slice(0, 10);
  const byDepartment = new Map<string, PartCounts>();
  const countsOf = (departmentId: string) => {
    let c = byDepartment.get(departmentId);
    if (!c) byDepartment.set(departmentId, (c = { coParts: 0, answerDue: 0, answeredOnTime: 0 }));
    return c;
  };
  const byDay = (f: Omit<PartFacts, 'overdue'>) => f.open > 0 && f.dueDay !== null && f.dueDay < today;
  await eachInSlices(partRows, (r) => {
    if (!r.n) return;
    const f = decodePart(r.dims);
    addPart(countsOf(f.departmentId), f, r.n, byDay(f));
  });
  await eachInSlices(dueToday, (appeal) => {
    for (const row of contributionOf(appeal).filter((r) => r.facet === 'part')) {
      const f = decodePart(row.dims);
      const exact = appeal.parts.find((p) => p.departmentId === f.departmentId)!;
      const counts = countsOf(f.departmentId);
      addPart(counts, f, -1, byDay(f));
      addPart(counts, f, 1, byDay(f) || !!exact.overdue);
    }
  });
  return byDepartment;
}
