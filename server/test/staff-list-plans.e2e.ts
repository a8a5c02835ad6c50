// How each engine reads the staff list's queries (appeal-list.repository.ts): every page and every tab
// count off an index, in the list's order, with no sort of the rows and no scan of the table. The plans
// are compared with the committed ones (server/test/plans/staff-list.<engine>.txt), so a change of plan
// shows in review; UPDATE_PLANS=1 writes them anew. Measured on a few thousand appeals over two
// organisations and six months, after ANALYZE, so the planners weigh the indexes as they would at scale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INBOX_TABS, TRANSITIONS, type AppealStatus, type InboxRole } from '@minqing/shared';
import { AppealListRepository, type ListFilters, type ListScope } from '../src/appeals/appeal-list.repository.js';
import { OverdueBoardRepository } from '../src/appeals/overdue-board.js';
import { DeadlinesRepository } from '../src/deadlines/deadlines.repository.js';
import { Appeal } from '../src/appeals/entities/appeal.entity.js';
import { newId } from '../src/common/columns.js';
import { insertRows } from '../src/database/insert-rows.js';
import { ThreadReader } from '../src/database/thread-reader.js';
import { enginesUnderTest, useDataSource } from './support/test-databases.js';
import { timeBudget } from './support/time-budget.js';

const PLANS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plans');
const ORGS = ['org-a', 'org-b'].map((name) => `00000000-0000-7000-8000-${name === 'org-a' ? '00000000000a' : '00000000000b'}`);
const DEPARTMENTS = Array.from({ length: 5 }, (_, i) => `00000000-0000-7000-9000-00000000000${i}`);
const STATUSES: AppealStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'responded', 'replied', 'closed', 'closed', 'closed', 'rejected'];
const ROWS = 6000;
const NOW = new Date('2026-11-20T04:00:00Z');

function appeal(i: number): Appeal {
  const status = STATUSES[i % STATUSES.length];
  const createdAt = new Date(Date.parse('2026-06-01T00:00:00Z') + i * 40 * 60_000);
  const dispatched = !['submitted', 'accepted', 'rejected'].includes(status);
  return {
    id: newId(),
    orgId: ORGS[i % 2],
    serial: `T${String(i).padStart(8, '0')}`,
    month: createdAt.toISOString().slice(0, 7),
    categoryId: `cat-${i % 5}`,
    placeId: i % 3 ? `place-${i % 7}` : null,
    submitterId: `user-${i % 900}`,
    identity: (['named', 'named', 'confidential', 'anonymous'] as const)[i % 4],
    content: `诉求内容第${i}条:宿舍热水、食堂饭菜、澡堂开放时间`,
    phoneEnc: null,
    phoneTail: i % 4 === 3 ? null : `tail${i % 10000}`,
    publishConsent: true,
    status,
    urgent: i % 17 === 0,
    outcome: null,
    rating: null,
    underReview: i % 29 === 0,
    idempotencyKey: `key-${i}`,
    requestHash: 'x'.repeat(64),
    departmentId: dispatched ? DEPARTMENTS[i % 5] : null,
    assigneeId: null,
    dueAt: dispatched ? new Date(createdAt.getTime() + 72 * 3600_000) : null,
    plannedAt: null,
    supervised: false,
    reopenCount: 0,
    mergedIntoId: null,
    repliedAt: null,
    callLogged: status === 'closed',
    extensionUntil: null,
    extensionReason: null,
    version: 1,
    createdAt,
    updatedAt: createdAt,
  };
}

/** The queries a working day runs, each named for the plan file. */
function cases(lists: AppealListRepository, board: OverdueBoardRepository, steps: DeadlinesRepository) {
  const org: ListScope = { orgId: ORGS[0] };
  const department: ListScope = { orgId: ORGS[0], departmentId: DEPARTMENTS[2] };
  const after = { phase: 0, at: new Date('2026-09-01T00:00:00Z'), id: '01900000-0000-7000-8000-000000000000' };
  const search = { escaped: '热水', nameIdentities: ['named' as const], phoneTail: 'tail1234', phoneIdentities: ['named' as const] };
  const page = (scope: ListScope, filters: ListFilters, sort: 'newest' | 'oldest' | 'due' = 'newest', phase = 0, cursor = false) =>
    lists.staffQuery(scope, filters, sort, phase, cursor ? { ...after, phase } : null, NOW, 21).getQueryAndParameters();
  const counts = (role: InboxRole, scope: ListScope) =>
    INBOX_TABS[role]
      .filter((t) => t.code !== 'all')
      .map((t) => lists.countQuery(scope, t.code, { queue: t.query.queue, status: t.query.status, assigneeId: t.query.assignee ? 'someone' : undefined }, NOW));
  return {
    'office: 全部, newest first': page(org, {}),
    'office: 全部, the next page': page(org, {}, 'newest', 0, true),
    'office: 新诉求': page(org, { queue: 'new' }),
    'office: 待复核': page(org, { queue: 'review' }),
    'office: 待回访': page(org, { queue: 'calls' }),
    'office: 逾期, by due time': page(org, { queue: 'overdue' }, 'due'),
    'office: one status, oldest first, next page': page(org, { status: 'responded' }, 'oldest', 0, true),
    'office: one month, newest first': page(org, { month: '2026-09' }),
    'office: one month, 特事特办 and a category': page(org, { month: '2026-09', urgent: true, categoryId: 'cat-1' }),
    'office: by due time, those with one': page(org, {}, 'due'),
    'office: by due time, then those without': page(org, {}, 'due', 1, true),
    'office: search within a month': page(org, { month: '2026-09', search }),
    'office: search everything': page(org, { search }),
    'office: how far one request of a search goes': lists.scanBoundQuery(org, {}, 'newest', 0, after, NOW).getQueryAndParameters(),
    'office: how far, within a month': lists.scanBoundQuery(org, { month: '2026-09' }, 'newest', 0, null, NOW).getQueryAndParameters(),
    'office: a search, up to that bound': lists
      .staffQuery(org, { search }, 'newest', 0, after, NOW, 21, { ...after, at: new Date('2026-08-01T00:00:00Z') })
      .getQueryAndParameters(),
    'department: 待接单': page(department, { status: 'dispatched' }),
    'department: 全部': page(department, {}),
    'worker: 我的诉求': lists.mineQuery('user-7', null, 21).getQueryAndParameters(),
    'office: tab counts': union(counts('coordinator', org)),
    'leader: tab counts': union(counts('leader', org)),
    'department: tab counts': union(counts('handler', department)),
    'leader: 督办看板': board.lateGroupsQuery(ORGS[0], null, NOW).getQueryAndParameters(),
    'department: 督办看板': board.lateGroupsQuery(ORGS[0], DEPARTMENTS[2], NOW).getQueryAndParameters(),
    'leader: 督办看板, late 协办 parts': steps.latePartsQuery(ORGS[0], null, NOW, TRANSITIONS.extension.from).getQueryAndParameters(),
    'department: 督办看板, late 协办 parts': steps.latePartsQuery(ORGS[0], DEPARTMENTS[2], NOW, TRANSITIONS.extension.from).getQueryAndParameters(),
  };
}

/**
 * Sorts that are the better plan: 待回访 holds only the replied appeals nobody called yet — a few at any time,
 * whatever the size of the organisation — which MariaDB seeks by status and call_logged and then sorts. And
 * 督办看板, which groups the appeals being handled (the open ones, not the month's) into a row per department
 * and person, and its late co-handling parts (协办意见: open steps past due, from the steps' index) into a row
 * per department: MariaDB sorts those few groups.
 */
const SORT_ALLOWED = new Set(['office: 待回访', 'leader: 督办看板', 'department: 督办看板', 'leader: 督办看板, late 协办 parts', 'department: 督办看板, late 协办 parts']);

const union = (parts: Array<[string, unknown[]]>): [string, unknown[]] => [parts.map(([sql]) => sql).join(' UNION ALL '), parts.flatMap(([, p]) => p)];

describe.each(enginesUnderTest())('the staff list query plans on %s', (engine) => {
  const ctx = useDataSource(engine, { migrate: true });

  it(
    'read every page and count off an index, in order, and match the committed plans',
    async () => {
      const { db } = ctx;
      for (let start = 0; start < ROWS; start += 500)
        await insertRows(
          db.manager,
          Appeal,
          Array.from({ length: 500 }, (_, k) => appeal(start + k)),
        );
      await db.query(engine === 'sqlite' ? 'ANALYZE' : 'ANALYZE TABLE appeals');
      const lists = new AppealListRepository(db, new ThreadReader(db));
      const lines: string[] = [];
      const problems: string[] = [];
      for (const [name, [sql, parameters]] of Object.entries(cases(lists, new OverdueBoardRepository(db), new DeadlinesRepository(db)))) {
        const plan = engine === 'sqlite' ? await sqlitePlan(db, sql, parameters) : await mariadbPlan(db, sql, parameters);
        lines.push(`## ${name}`, ...plan, '');
        for (const step of plan) {
          // A sort of the rows, or a read of the whole table, is what the indexes are for.
          if (/USE TEMP B-TREE FOR ORDER BY|Using filesort/.test(step) && !SORT_ALLOWED.has(name)) problems.push(`${name}: sorts (${step})`);
          if (/^\s*SCAN (a|appeals)$| (a|appeals) ALL /.test(step)) problems.push(`${name}: reads the whole table (${step})`);
        }
      }
      const file = path.join(PLANS, `staff-list.${engine}.txt`);
      const text = lines.join('\n');
      if (process.env.UPDATE_PLANS === '1') {
        fs.mkdirSync(PLANS, { recursive: true });
        fs.writeFileSync(file, text);
      }
      expect(problems).toEqual([]);
      expect(text).toBe(fs.readFileSync(file, 'utf8'));
    },
    timeBudget(60, 1_000),
  );
});

async function sqlitePlan(db: ReturnType<typeof useDataSource>['db'], sql: string, parameters: unknown[]): Promise<string[]> {
  const rows: Array<{ id: number; parent: number; detail: string }> = await db.query(`EXPLAIN QUERY PLAN ${sql}`, parameters);
  const depth = new Map<number, number>();
  return rows.map((row) => {
    const level = (depth.get(row.parent) ?? -1) + 1;
    depth.set(row.id, level);
    return `${'  '.repeat(level)}${row.detail}`;
  });
}

async function mariadbPlan(db: ReturnType<typeof useDataSource>['db'], sql: string, parameters: unknown[]): Promise<string[]> {
  const rows: Array<{ select_type: string; table: string | null; type: string | null; key: string | null; Extra: string | null }> = await db.query(`EXPLAIN ${sql}`, parameters);
  // The row estimates move with the data; which index, how it is read and what else is done do not.
  return rows.map((r) => [r.select_type, r.table ?? '-', r.type ?? '-', r.key ?? '-', r.Extra ?? ''].join(' ').trim());
}
