// A month's 核减 entries are rows of their own, a page at a time: at 100,000 appeals the list is some
// 15,000 entries, a megabyte the office's view sent whole on every read (and first of all more than
// MariaDB's TEXT held). The view carries the first page and the count; GET …/exclusions pages the rest,
// each later page from the version the first showed; a published version keeps its own list; the
// migration moved old versions' lists out of their figures' JSON (and puts them back).
import type { ReportExclusion } from '@minqing/shared';
import { MIGRATIONS } from '../src/database/data-source-options.js';
import { newId } from '../src/common/columns.js';
import { Transactions } from '../src/database/transactions.js';
import { OrgRepository } from '../src/org/org.repository.js';
import { ReportFiguresBuilder } from '../src/reports/report-figures.js';
import { ReportsRepository } from '../src/reports/reports.repository.js';
import { enginesUnderTest, useDataSource } from './support/test-databases.js';
import { useTestApp } from './support/test-app.js';

const MONTH = '2026-06';

/** `n` 核减 entries, each a different serial and reason, so an entry read twice or out of place shows. */
const entries = (n: number, tag: string): ReportExclusion[] =>
  Array.from({ length: n }, (_, i) => ({ serial: `CY202606-${String(i).padStart(6, '0')}`, kind: 'rejected', reason: `${tag}:不属于职工诉求受理范围(${i})` }));

/** Figures as small as can be besides the count (the migration's test). */
const figuresOf = (exclusionCount: number) => ({ org: { code: 'x', name: '测试矿', slogan: '矿山是咱家' }, month: MONTH, computedAt: '2026-07-01T00:00:00.000Z', exclusionCount });

describe.each(enginesUnderTest())('a month’s 核减 entries on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('come a page at a time with the count, every entry once and in order, each version its own', async () => {
    const { t, org } = ctx;
    const [{ id: orgId }] = await t.db.query('SELECT id FROM organizations WHERE code = ?', [org.code]);
    const reports = t.app.get(ReportsRepository);
    const first = entries(230, '第一版');
    const id = newId();
    const now = new Date('2026-07-01T00:00:00Z');
    // The month's figures as the draft computes them (none of its appeals), with the count of the entries stored beside.
    const { exclusions: _none, ...computed } = await t.app.get(ReportFiguresBuilder).figures((await t.app.get(OrgRepository).findOrgById(orgId))!, MONTH, now);
    await t.app.get(Transactions).run(async (tx) => {
      await reports.insertReport(tx, {
        id,
        orgId,
        month: MONTH,
        version: 1,
        state: 'draft',
        figures: JSON.stringify({ ...computed, exclusionCount: first.length }),
        note: null,
        computedAt: now,
        publishedAt: null,
        publishedBy: null,
        createdAt: now,
      });
      await reports.replaceExclusions(tx, id, first);
    });
    const office = await t.login(org.staff.coordinator);
    const leader = await t.login(org.staff.leader);
    const get = (path: string, who = office) => t.http().get(path).set('Authorization', `Bearer ${who}`);

    const view = await get(`/api/reports/${MONTH}`);
    expect(view.status).toBe(200);
    expect(view.body.figures.exclusionCount).toBe(230);
    expect(view.body.figures).not.toHaveProperty('exclusions');
    expect(view.body.exclusions).toEqual(first.slice(0, 50));
    expect(view.body.exclusionsNext).toEqual(expect.any(String));

    /** Every page after the view's, `limit` a page: the entries in order and how many pages. */
    const walk = async (cursor: string | null, limit: number, who = office) => {
      const read: ReportExclusion[] = [];
      let pages = 0;
      while (cursor) {
        const page = await get(`/api/reports/${MONTH}/exclusions?cursor=${cursor}&limit=${limit}`, who);
        expect(page.status).toBe(200);
        read.push(...page.body.items);
        cursor = page.body.next;
        pages++;
      }
      return { read, pages };
    };
    // The leader reads the same list; 180 after the first 50 at 100 a page: two pages.
    expect(await walk(view.body.exclusionsNext, 100, leader)).toEqual({ read: first.slice(50), pages: 2 });
    // Without a cursor: the first page of the shown version, the default size.
    const firstPage = await get(`/api/reports/${MONTH}/exclusions`);
    expect([firstPage.body.items, firstPage.body.next]).toEqual([first.slice(0, 50), view.body.exclusionsNext]);

    // Published, then corrected: the correction's draft has the month's list as it stands now (none in
    // this organisation's appeals), and v1 keeps its own — its cursor reads v1's entries still.
    const published = await t.http().post(`/api/reports/${MONTH}/publish`).set('Authorization', `Bearer ${office}`).send({});
    expect([published.status, published.body.state, published.body.figures.exclusionCount, published.body.exclusions.length]).toEqual([200, 'published', 230, 50]);
    const v2 = await t.http().post(`/api/reports/${MONTH}/draft`).set('Authorization', `Bearer ${office}`);
    expect([v2.status, v2.body.version, v2.body.figures.exclusionCount, v2.body.exclusions, v2.body.exclusionsNext]).toEqual([200, 2, 0, [], null]);
    expect((await walk(view.body.exclusionsNext, 100)).read).toEqual(first.slice(50));
    const v1 = await get(`/api/reports/${MONTH}?version=1`);
    expect([v1.body.figures.exclusionCount, v1.body.exclusions]).toEqual([230, first.slice(0, 50)]);
    expect((await walk(v1.body.exclusionsNext, 37)).read).toEqual(first.slice(50));

    // The public never reads them: neither the entries nor their count.
    const everything = JSON.stringify((await t.http().get(`/api/public/orgs/${org.code}/reports/${MONTH}`)).body) + (await t.http().get(`/p/${org.code}/reports/${MONTH}`)).text;
    expect(everything).toContain(org.code);
    for (const text of ['第一版', first[0].serial, 'exclusionCount']) expect(everything).not.toContain(text);

    // A cursor that is not one, of no version, or a limit out of range: the error envelope.
    for (const [query, code] of [
      ['cursor=abc', 'LIST_CURSOR_INVALID'],
      ['cursor=9.10', 'LIST_CURSOR_INVALID'],
      ['cursor=0.10', 'LIST_CURSOR_INVALID'],
      ['limit=0', 'LIST_LIMIT_INVALID'],
      ['limit=101', 'LIST_LIMIT_INVALID'],
    ]) {
      const bad = await get(`/api/reports/${MONTH}/exclusions?${query}`);
      expect([bad.status, bad.body.code, typeof bad.body.message]).toEqual([400, code, 'string']);
      expect(bad.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await get(`/api/reports/2026-05/exclusions`)).body.code).toBe('REPORT_NOT_FOUND');
    expect((await get(`/api/reports/2026-13/exclusions`)).body.code).toBe('REPORT_MONTH_INVALID');
  });
});

describe.each(enginesUnderTest())('the 核减 rows migration on %s', (engine) => {
  const ctx = useDataSource(engine, { migrate: true });

  it("moves an old version's list out of its figures into rows, and back down again", async () => {
    const { db } = ctx;
    // Back to before the migration (and those after it): the list inside the figures, as versions were stored.
    const position = MIGRATIONS.findIndex((m) => m.name === 'ReportExclusions1767000000000');
    expect(position).toBeGreaterThan(0);
    const undoThrough = async () => {
      for (let i = position; i < MIGRATIONS.length; i++) await db.undoLastMigration({ transaction: 'each' });
    };
    await undoThrough();
    const list = entries(450, '旧版');
    const old = { ...figuresOf(0), counts: { total: 3000 }, exclusions: list };
    delete (old as Partial<typeof old>).exclusionCount;
    const [a, b] = [newId(), newId()];
    for (const [id, version, figures] of [
      [a, 1, old],
      [b, 2, { ...old, exclusions: [] }],
    ] as const)
      await db.query(
        'INSERT INTO monthly_reports (id, org_id, month, version, state, figures, note, computed_at, published_at, published_by, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?)',
        [id, newId(), MONTH, version, version === 1 ? 'published' : 'draft', JSON.stringify(figures), '2026-07-01 00:00:00.000', '2026-07-01 00:00:00.000'],
      );
    await db.runMigrations({ transaction: 'each' });

    const reports = new ReportsRepository(db);
    const stored = async (id: string) => JSON.parse(await reports.figuresText(id)) as Record<string, unknown>;
    expect(await stored(a)).toEqual({ ...figuresOf(450), counts: { total: 3000 } });
    expect(await stored(b)).toEqual({ ...figuresOf(0), counts: { total: 3000 } });
    expect((await reports.exclusionsPage(a, -1, 1000)).map(({ position: _p, ...e }) => e)).toEqual(list);
    expect((await reports.exclusionsPage(a, 399, 1000)).map((e) => e.position)).toEqual(Array.from({ length: 50 }, (_, i) => 400 + i));
    expect(await reports.exclusionsPage(b, -1, 10)).toEqual([]);

    await undoThrough();
    expect(await stored(a)).toEqual(old);
    expect(await stored(b)).toEqual({ ...old, exclusions: [] });
    const runner = db.createQueryRunner();
    expect(await runner.hasTable('report_exclusions')).toBe(false);
    await runner.release();
    await db.runMigrations({ transaction: 'each' });
  });
});
