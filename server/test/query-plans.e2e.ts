// The plans of the reports' hot queries (the dashboard, a month's figures, the group's 红黑榜: the kept
// counts and the overdue backlog; and the aggregates over the month's appeals they are checked against), as each
// engine makes them on a generated group of mines: compared with the committed ones in test/plans/, so
// that a change of plan shows in a diff; and none of them reads the appeals, steps or events table
// whole. After a deliberate change: UPDATE_PLANS=1 writes the files anew (review the diff).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { BY_ORG_SQL, COUNTS_SQL, PARTS_SQL } from '../src/reports/rates.repository.js';
import { MONTH_ROWS_SQL, ORG_RATES_ROWS_SQL, appealFactsSql, dayStartOf, overdueSql } from '../src/reports/report-counts.repository.js';
import { figuresSql } from '../src/reports/report-figures.sql.js';
import { useGeneratedDatabase } from './support/generated-database.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';

const PLANS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plans');
const HOT_TABLES = ['appeals', 'appeal_steps', 'appeal_events'];

/** One line per step of the plan, without the estimates that move with the data's statistics. */
async function planOf(db: DataSource, engine: EngineName, sql: string, parameters: Record<string, unknown>): Promise<string[]> {
  const [query, values] = db.driver.escapeQueryWithParameters(sql, parameters);
  if (engine === 'sqlite') {
    const rows: Array<{ id: number; parent: number; detail: string }> = await db.query(`EXPLAIN QUERY PLAN ${query}`, values);
    const depth = new Map<number, number>([[0, 0]]);
    return rows.map((r) => {
      depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
      return `${'  '.repeat(depth.get(r.id)! - 1)}${r.detail}`;
    });
  }
  const rows: Array<Record<string, string | null>> = await db.query(`EXPLAIN ${query}`, values);
  const schema = db.driver.database;
  return rows.map((r) => [r.id, r.select_type, r.table, r.type, r.key ?? '-', (r.ref ?? '-').replaceAll(`${schema}.`, ''), r.Extra ?? ''].join(' | ').trimEnd());
}

/** A step that reads a hot table whole: SQLite's SCAN of it, MariaDB's ALL or full index. */
function fullScans(engine: EngineName, plan: string[]): string[] {
  const aliases = ['a', 's', 'e', ...HOT_TABLES];
  if (engine === 'sqlite') return plan.filter((line) => aliases.some((t) => new RegExp(`^\\s*SCAN ${t}\\b`).test(line)));
  return plan.filter((line) => {
    const [, , table, type] = line.split(' | ');
    return aliases.includes(table) && (type === 'ALL' || type === 'index');
  });
}

describe.each(enginesUnderTest())('the reports’ query plans on %s', (engine) => {
  const ctx = useGeneratedDatabase(engine, { orgs: 3, months: 2, perMonth: 2000, startMonth: '2026-05' });

  const queries = (appealId: string): Record<string, [string, Record<string, unknown>]> => {
    const { data } = ctx;
    const sql = figuresSql(engine === 'sqlite' ? 'sqlite' : 'mysql');
    const at = { orgId: data.orgs[0].id, month: '2026-06' };
    const asOf = new Date('2026-07-01T00:00:00Z');
    const kind = engine === 'sqlite' ? 'sqlite' : 'mysql';
    return {
      // What the dashboard, a month's figures and the 红黑榜 read: the kept counts, the overdue backlog.
      'counts-month': [MONTH_ROWS_SQL, { orgIds: [at.orgId], month: at.month }],
      'counts-group': [ORG_RATES_ROWS_SQL, { orgIds: data.orgs.map((o) => o.id), month: at.month }],
      'counts-overdue': [overdueSql(kind), { ...at, orgIds: [at.orgId], asOf, dayStart: dayStartOf(asOf) }],
      'counts-group-overdue': [overdueSql(kind), { month: at.month, orgIds: data.orgs.map((o) => o.id), asOf, dayStart: dayStartOf(asOf) }],
      // What each transition reads twice, and each submission once.
      'counts-appeal': [appealFactsSql(kind), { id: appealId, asOf: null }],
      // The same figures counted from the month's appeals (the tests' oracle, the benchmark's raw SQL).
      'rates-counts': [COUNTS_SQL, { ...at, orgIds: [at.orgId], asOf }],
      'rates-parts': [PARTS_SQL, { ...at, orgIds: [at.orgId], asOf }],
      'group-rankings': [BY_ORG_SQL, { month: at.month, orgIds: data.orgs.map((o) => o.id), asOf }],
      'figures-tallies': [sql.tallies, at],
      'figures-answer-times': [sql.answerTimes, at],
      'figures-reply-p90': [sql.replyTimeAt(900), at],
      'figures-answer-p90': [sql.answerTimeAt(900), at],
      'figures-exclusions': [sql.exclusions, at],
      'figures-latest-exclusions': [sql.latestExclusions(100), at],
      // The export's 核减 list, a keyset page at a time.
      'figures-exclusions-page': [sql.exclusionsPage(250, true), { ...at, afterAt: '2026-06-10 00:00:00.000', afterId: '0' }],
      'draft-candidates': [sql.candidates, at],
      'draft-replies': [sql.replies, at],
    };
  };

  it('plans each hot report query as committed in test/plans/, from indexes, without reading a hot table whole', async () => {
    const engineDir = path.join(PLANS, engine);
    const changed: string[] = [];
    const [{ id: appealId }] = await ctx.db.query("SELECT id FROM appeals WHERE status = 'in_progress' ORDER BY id LIMIT 1");
    for (const [name, [sql, parameters]] of Object.entries(queries(appealId))) {
      const plan = await planOf(ctx.db, engine, sql, parameters);
      expect({ name, fullScans: fullScans(engine, plan) }).toEqual({ name, fullScans: [] });
      const file = path.join(engineDir, `${name}.txt`);
      const text = `${plan.join('\n')}\n`;
      if (process.env.UPDATE_PLANS) {
        fs.mkdirSync(engineDir, { recursive: true });
        fs.writeFileSync(file, text);
      } else if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) changed.push(`${name}:\n${text}`);
    }
    expect(changed).toEqual([]);
  });
});
