// What an appeal counts for in its month's figures: the rows of report_counts it adds (a facet and
// its dimensions, each with n and its sums) — its rates row (department, category, status, outcome,
// rating, the flags and whether its triage and answer steps were met, late or are still open), its
// tally row (status, outcome, place), its reply time and each of its answers' times (a histogram by
// tenths of an hour: the 90th percentile from it is exactly the nearest-rank one of the rows, rounded
// as the figures round it), and each co-handling department's part (协办意见: its answer steps on an appeal
// another department leads, met, late or open against its own deadline — the lead's row counts the lead's
// steps only), and the organisation's rates row (the rates row without its department and category: what the
// group's 红黑榜 reads, a few hundred rows per mine's month instead of thousands). A transition moves the appeal's contribution — minus what it counted for
// before, plus what it counts for after — in its own transaction (reports/report-counts.repository.ts).
//
// Here, beside the migrations, because the migration that creates report_counts fills it with the
// same arithmetic (recountCounts) and a migration imports no feature module; the reports module owns
// the table, reads it (reports/report-counts.ts) and is the only other caller.
import type { DataSource, EntityManager } from 'typeorm';

const HOUR = 3600_000;

/** An appeal's facts as stored, whatever is asked when: what its contribution is made of. */
export interface AppealFacts {
  id: string;
  orgId: string;
  month: string;
  departmentId: string | null;
  categoryId: string | null;
  placeId: string | null;
  status: string;
  outcome: string | null;
  rating: string | null;
  callLogged: boolean;
  supervised: boolean;
  reopened: boolean;
  /** Submission to reply (null: no reply). */
  replyMs: number | null;
  answers: number;
  returned: number;
  triage: StepFacts;
  answer: StepFacts;
  /** Each met answer step's time, from its start (the co-handling departments' parts too). */
  answerMs: number[];
  /**
   * 协办: the answer steps of departments other than the appeal's own (its lead), per department — each
   * a part counted for that department. `answer` above holds the lead's steps only.
   */
  parts: PartFacts[];
  /** Set only by the overdue query: an open step of the kind is past due at the time asked. */
  triageOverdue?: boolean;
  answerOverdue?: boolean;
}

/** Of an appeal's steps of one kind, not cancelled: how many were met, met late, are open, and the UTC day the earliest open one is due. */
export interface StepFacts {
  dueDay: string | null;
  met: number;
  late: number;
  open: number;
}

/** One department's part of an appeal it co-handles: its answer steps' facts, and (overdue query) past due at the time asked. */
export interface PartFacts extends StepFacts {
  departmentId: string;
  overdue?: boolean;
}

export type Facet = 'rates' | 'org_rates' | 'tally' | 'reply_time' | 'answer_time' | 'part';

/** One row's worth of counting: what `report_counts` adds up at (org, month, facet, dims). */
export interface CountRow {
  orgId: string;
  month: string;
  facet: Facet;
  dims: string;
  n: number;
  sumMs: number;
  answers: number;
  returned: number;
}

// Merged appeals count (their workers are answered on their own appeals); rejected and withdrawn ones do not.
const isValid = (status: string) => status !== 'rejected' && status !== 'withdrawn';

/** A duration's bucket: tenths of an hour, rounded exactly as the figures round a duration for display. */
export const bucketOf = (ms: number): number => Math.round((ms / HOUR) * 10);

/** The rows an appeal adds to its month's counts. */
export function contributionOf(f: AppealFacts): CountRow[] {
  const row = (facet: Facet, dims: unknown[], measures: Partial<Pick<CountRow, 'n' | 'sumMs' | 'answers' | 'returned'>> = {}): CountRow => ({
    orgId: f.orgId,
    month: f.month,
    facet,
    dims: JSON.stringify(dims),
    n: 1,
    sumMs: 0,
    answers: 0,
    returned: 0,
    ...measures,
  });
  const valid = isValid(f.status);
  const flag = (b: boolean | number) => (b ? 1 : 0);
  const facts = [
    f.status,
    f.outcome,
    f.rating,
    flag(f.callLogged),
    flag(f.supervised),
    flag(f.reopened),
    flag(f.triage.met),
    flag(f.triage.late),
    flag(f.triage.open),
    flag(f.answer.met),
    flag(f.answer.late),
    flag(f.answer.open),
    // The day an open step falls due: whether it is past due when asked is the day's comparison,
    // but for the steps due on the day asked (read then, from the open steps' index).
    f.triage.dueDay,
    f.answer.dueDay,
  ];
  const sums = { answers: f.answers, returned: f.returned };
  const rows = [
    row('rates', [f.departmentId, f.categoryId, ...facts], sums),
    // The same facts for the whole organisation: the rates row's shape with no department and no category.
    row('org_rates', [null, null, ...facts], sums),
    row('tally', [f.status, f.outcome, f.placeId, flag(valid && f.outcome !== null && f.replyMs !== null)]),
  ];
  if (valid && f.replyMs !== null) rows.push(row('reply_time', [bucketOf(f.replyMs)], { sumMs: f.replyMs }));
  if (valid) for (const ms of f.answerMs) rows.push(row('answer_time', [bucketOf(ms)], { sumMs: ms }));
  // Each co-handling department's part, for that department's figures (whether an open one is past due: as the rates row's steps).
  if (valid) for (const p of f.parts) rows.push(row('part', [p.departmentId, flag(p.met), flag(p.late), flag(p.open), p.dueDay]));
  return rows;
}

/** What moves the counts from `before` to `after` (either absent): the rows to add, netted, zero rows left out. */
export function delta(before: CountRow[], after: CountRow[]): CountRow[] {
  const byKey = new Map<string, CountRow>();
  const add = (r: CountRow, sign: number) => {
    const key = `${r.orgId}|${r.month}|${r.facet}|${r.dims}`;
    const into = byKey.get(key) ?? { ...r, n: 0, sumMs: 0, answers: 0, returned: 0 };
    into.n += sign * r.n;
    into.sumMs += sign * r.sumMs;
    into.answers += sign * r.answers;
    into.returned += sign * r.returned;
    byKey.set(key, into);
  };
  for (const r of before) add(r, -1);
  for (const r of after) add(r, 1);
  // A stable order, the same in every transaction: row locks are taken in it, so two transitions never wait on each other in a cycle.
  return [...byKey.entries()]
    .filter(([, r]) => r.n || r.sumMs || r.answers || r.returned)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

/** The per-appeal SQL: the appeal's columns, its answers and returns, one row per triage or answer step not cancelled. */
export function factsSql(engine: 'sqlite' | 'mysql', from: string, where: string, inIdOrder = false): string {
  const ms = (to: string, since: string) =>
    engine === 'sqlite' ? `CAST(ROUND((julianday(${to}) - julianday(${since})) * 86400000) AS INTEGER)` : `(TIMESTAMPDIFF(MICROSECOND, ${since}, ${to}) DIV 1000)`;
  return `SELECT a.id, a.org_id, a.month, a.department_id, a.category_id, a.place_id, a.status, a.outcome, a.rating, a.call_logged, a.supervised, a.reopen_count,
    CASE WHEN a.replied_at IS NULL THEN NULL ELSE ${ms('a.replied_at', 'a.created_at')} END AS reply_ms,
    (SELECT COUNT(*) FROM appeal_events e WHERE e.appeal_id = a.id AND e.type = 'responded') AS answers,
    (SELECT COUNT(*) FROM appeal_events e WHERE e.appeal_id = a.id AND e.type = 'returned') AS returned,
    s.step, CASE WHEN s.met_at IS NULL THEN 0 ELSE 1 END AS met, CASE WHEN s.met_at > s.due_at THEN 1 ELSE 0 END AS late,
    CASE WHEN s.met_at IS NULL THEN NULL ELSE ${ms('s.met_at', 's.started_at')} END AS step_ms,
    CASE WHEN s.met_at IS NULL AND s.due_at <= :asOf THEN 1 ELSE 0 END AS overdue,
    CASE WHEN s.met_at IS NULL THEN s.due_at ELSE NULL END AS open_due,
    CASE WHEN s.department_id <> a.department_id THEN s.department_id ELSE NULL END AS part_of
  FROM ${from}
  LEFT JOIN appeal_steps s ON s.appeal_id = a.id AND s.step IN ('triage', 'answer') AND s.cancelled_at IS NULL
  WHERE ${where}${inIdOrder ? '\n  ORDER BY a.id' : ''}`;
}

/** The UTC day (YYYY-MM-DD) of a time as either driver returns it: a Date (mysql2), or SQLite's stored UTC text. */
export function utcDay(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

/** The facts of each appeal in the rows of factsSql (in the rows' order of appeals). */
export function factsOf(rows: Array<Record<string, unknown>>): AppealFacts[] {
  const byId = new Map<string, AppealFacts>();
  for (const r of rows) {
    const id = String(r.id);
    let f = byId.get(id);
    if (!f) {
      f = {
        id,
        orgId: String(r.org_id),
        month: String(r.month),
        departmentId: (r.department_id as string | null) ?? null,
        categoryId: (r.category_id as string | null) ?? null,
        placeId: (r.place_id as string | null) ?? null,
        status: String(r.status),
        outcome: (r.outcome as string | null) ?? null,
        rating: (r.rating as string | null) ?? null,
        callLogged: Number(r.call_logged) === 1,
        supervised: Number(r.supervised) === 1,
        reopened: Number(r.reopen_count) > 0,
        replyMs: r.reply_ms === null || r.reply_ms === undefined ? null : Number(r.reply_ms),
        answers: Number(r.answers),
        returned: Number(r.returned),
        triage: { met: 0, late: 0, open: 0, dueDay: null },
        answer: { met: 0, late: 0, open: 0, dueDay: null },
        answerMs: [],
        parts: [],
        triageOverdue: false,
        answerOverdue: false,
      };
      byId.set(id, f);
    }
    if (r.step !== 'triage' && r.step !== 'answer') continue;
    if (r.step === 'answer' && Number(r.met)) f.answerMs.push(Number(r.step_ms));
    // Another department's answer step than the lead's: its part (a department without the appeal is the appeal's own).
    let kind: StepFacts;
    if (r.step === 'answer' && r.part_of !== null && r.part_of !== undefined) {
      const departmentId = String(r.part_of);
      let part = f.parts.find((p) => p.departmentId === departmentId);
      if (!part) f.parts.push((part = { departmentId, met: 0, late: 0, open: 0, dueDay: null, overdue: false }));
      kind = part;
      if (Number(r.overdue)) part.overdue = true;
    } else {
      kind = f[r.step];
      if (Number(r.overdue)) f[r.step === 'triage' ? 'triageOverdue' : 'answerOverdue'] = true;
    }
    if (Number(r.met)) kind.met++;
    else {
      kind.open++;
      const day = utcDay(r.open_due);
      if (kind.dueDay === null || day < kind.dueDay) kind.dueDay = day;
    }
    if (Number(r.late)) kind.late++;
  }
  // A stable order of the parts, whatever order the rows came in.
  for (const f of byId.values()) f.parts.sort((a, b) => (a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : 0));
  return [...byId.values()];
}

const engineOf = (db: DataSource): 'sqlite' | 'mysql' => (db.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql');

/** recount, for callers without the application (the migration; the benchmarks' generator's counts are checked against it). */
export async function recountCounts(db: DataSource | EntityManager, scope?: { orgId: string; month: string }): Promise<void> {
  const manager = 'manager' in db ? db.manager : db;
  const engine = engineOf(manager.connection);
  const sums = new Map<string, CountRow>();
  const page = factsSql(
    engine,
    `(SELECT id FROM appeals WHERE id > :after${scope ? ' AND org_id = :orgId AND month = :month' : ''} ORDER BY id LIMIT 2000) p JOIN appeals a ON a.id = p.id`,
    '1 = 1',
    true,
  );
  for (let after = ''; ;) {
    const [query, values] = manager.connection.driver.escapeQueryWithParameters(page, { after, asOf: null, ...scope });
    const facts = factsOf(await manager.query(query, values));
    if (!facts.length) break;
    for (const row of facts.flatMap(contributionOf)) {
      const key = `${row.orgId}|${row.month}|${row.facet}|${row.dims}`;
      const into = sums.get(key);
      if (!into) sums.set(key, { ...row });
      else {
        into.n += row.n;
        into.sumMs += row.sumMs;
        into.answers += row.answers;
        into.returned += row.returned;
      }
    }
    after = facts.at(-1)!.id;
  }
  const write = async (tx: EntityManager) => {
    if (scope) await tx.query('DELETE FROM report_counts WHERE org_id = ? AND month = ?', [scope.orgId, scope.month]);
    else await tx.query('DELETE FROM report_counts');
    await upsertCounts(tx, delta([], [...sums.values()]));
  };
  if (manager.queryRunner?.isTransactionActive) await write(manager);
  else await manager.transaction(write);
}

/** One multi-row INSERT … upsert per 500 rows: n = n + ?, on the primary key. */
export async function upsertCounts(tx: EntityManager, rows: CountRow[]): Promise<void> {
  const sqlite = engineOf(tx.connection) === 'sqlite';
  const add = sqlite
    ? 'ON CONFLICT (org_id, month, facet, dims) DO UPDATE SET n = n + excluded.n, sum_ms = sum_ms + excluded.sum_ms, answers = answers + excluded.answers, returned = returned + excluded.returned'
    : 'ON DUPLICATE KEY UPDATE n = n + VALUES(n), sum_ms = sum_ms + VALUES(sum_ms), answers = answers + VALUES(answers), returned = returned + VALUES(returned)';
  for (let i = 0; i < rows.length; i += 500) {
    const slice = rows.slice(i, i + 500);
    await tx.query(
      `INSERT INTO report_counts (org_id, month, facet, dims, n, sum_ms, answers, returned) VALUES ${slice.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ${add}`,
      slice.flatMap((r) => [r.orgId, r.month, r.facet, r.dims, r.n, r.sumMs, r.answers, r.returned]),
    );
  }
}
