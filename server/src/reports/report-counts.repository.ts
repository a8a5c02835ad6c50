// The one owner of report_counts. Transitions and submissions move an appeal's contribution in their
// own transaction (`read` before and after, `move` the difference: one multi-row upsert of atomic
// increments, its rows in a fixed order); the figures read the month's rows and, for the one
// time-dependent fact, the appeals whose open step is past due (`overdue`, through the open steps'
// index ix_appeal_steps_open). `recount` rebuilds rows from the appeals (the migration that fills them,
// the benchmarks' generator, a test that writes appeals directly).
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppealTallies } from '../appeals/appeal-tallies.js';
import { contributionOf, delta, factsOf, factsSql, recountCounts, upsertCounts, type AppealFacts, type CountRow } from '../database/report-counts.js';
import { mapInSlices } from './in-slices.js';
import { ThreadReader } from '../database/thread-reader.js';

const engineOf = (db: DataSource): 'sqlite' | 'mysql' => (db.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql');

const ROWS_SQL = 'SELECT org_id, facet, dims, n, sum_ms, answers, returned FROM report_counts WHERE org_id IN (:...orgIds) AND month = :month';
/** The organisations' rows of a month as the figures read them (all but the organisation's rates rows): ranges of the primary key. */
export const MONTH_ROWS_SQL = `${ROWS_SQL} AND facet IN ('rates', 'tally', 'reply_time', 'answer_time', 'part') AND n <> 0`;
/** The organisations' own rates rows of a month (the group's 红黑榜: a few hundred per mine): a range of the primary key each. */
export const ORG_RATES_ROWS_SQL = `${ROWS_SQL} AND facet = 'org_rates' AND n <> 0`;

/** One appeal's facts, read twice in each transition. */
export const appealFactsSql = (engine: 'sqlite' | 'mysql') => factsSql(engine, 'appeals a', 'a.id = :id');

/**
 * The facts of the month's appeals with an open triage or answer step due on asOf's UTC day, up to asOf:
 * from the open steps' index, then each appeal by its key (MariaDB is told the order: over several mines
 * it would rather read the appeals table whole).
 */
export const overdueSql = (engine: 'sqlite' | 'mysql') =>
  factsSql(
    engine,
    `(SELECT DISTINCT o.appeal_id FROM appeal_steps o WHERE o.org_id IN (:...orgIds) AND o.met_at IS NULL AND o.cancelled_at IS NULL
       AND o.due_at >= :dayStart AND o.due_at <= :asOf AND o.step IN ('triage', 'answer')) d ${engine === 'mysql' ? 'STRAIGHT_JOIN' : 'JOIN'} appeals a ON a.id = d.appeal_id`,
    'a.month = :month',
  );

/** Midnight UTC of the time's day: the open steps' due days are UTC days. */
export const dayStartOf = (at: Date): Date => new Date(`${at.toISOString().slice(0, 10)}T00:00:00.000Z`);

/** The month's rows, as the figures read them. */
export interface StoredCount {
  orgId: string;
  facet: string;
  dims: string;
  n: number;
  sumMs: number;
  answers: number;
  returned: number;
}

@Injectable()
export class ReportCountsRepository implements OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ThreadReader) private readonly reader: ThreadReader,
    @Inject(AppealTallies) private readonly tallies: AppealTallies,
  ) {}

  onModuleInit(): void {
    this.tallies.read = (tx, appealId) => this.read(tx, appealId);
    this.tallies.move = (tx, before, after) => this.move(tx, (before ?? []) as CountRow[], (after ?? []) as CountRow[]);
  }

  /** What the appeal counts for as `tx` sees it (nothing for an appeal that is not there). */
  async read(tx: EntityManager, appealId: string): Promise<CountRow[]> {
    const [query, values] = tx.connection.driver.escapeQueryWithParameters(appealFactsSql(engineOf(tx.connection)), { id: appealId, asOf: null });
    const [facts] = factsOf(await tx.query(query, values));
    return facts ? contributionOf(facts) : [];
  }

  /** Adds `after` and takes `before` away, in one statement of atomic increments. */
  async move(tx: EntityManager, before: CountRow[], after: CountRow[]): Promise<void> {
    await upsertCounts(tx, delta(before, after));
  }

  /**
   * The organisations' rows of the month (a few thousand each, whatever the month's size): the figures', or
   * `org_rates` alone (the organisations' rates, a few hundred each); taken in a slice at a time (in-slices.ts).
   */
  async monthRows(orgIds: string[], month: string, rows: 'figures' | 'org_rates' = 'figures'): Promise<StoredCount[]> {
    const found = await this.reader.query<Record<string, unknown>>(rows === 'org_rates' ? ORG_RATES_ROWS_SQL : MONTH_ROWS_SQL, { orgIds, month });
    return mapInSlices(found, (r) => ({
      orgId: String(r.org_id),
      facet: String(r.facet),
      dims: String(r.dims),
      n: Number(r.n),
      sumMs: Number(r.sum_ms),
      answers: Number(r.answers),
      returned: Number(r.returned),
    }));
  }

  /** The month's appeals with an open triage or answer step due on asOf's day and past due at `asOf`, with their facts. */
  async overdue(orgIds: string[], month: string, asOf: Date): Promise<AppealFacts[]> {
    return factsOf(await this.reader.query(overdueSql(this.reader.engine), { orgIds, month, asOf, dayStart: dayStartOf(asOf) }));
  }

  /**
   * Counts again from the appeals, for one organisation's month or for everything: the rows replaced in
   * one transaction. Pages of 2,000 appeals in id order; only the sums are held.
   */
  async recount(scope?: { orgId: string; month: string }, db: DataSource = this.db): Promise<void> {
    await recountCounts(db, scope);
  }
}
