// Finding an appeal, as the office, a leader and a department would: the search box (serial, content,
// the worker's name and phone's last four digits — only where the viewer may see them), the filters,
// the three orders and the cursor that never loses or repeats an appeal while new ones arrive; the
// inbox tabs' counts; and the worker's 我的诉求 a page at a time.
import { randomUUID } from 'node:crypto';
import { APPEAL_LIST_MAX_LIMIT, ERROR_MESSAGES, INBOX_COUNT_CAP, inboxCountLabel, type ErrorCode, type StaffAppealSummaryView } from '@minqing/shared';
import { SEARCH_SCAN_ROWS } from '../src/appeals/appeal-list.repository.js';
import { Appeal as AppealEntity, type Appeal } from '../src/appeals/entities/appeal.entity.js';
import { newId } from '../src/common/columns.js';
import { insertRows } from '../src/database/insert-rows.js';
import { act, insertAppeal, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { SQLITE_FILE, appEnginesUnderTest, uniqueName, useTestAppOn, type TestApp } from './support/test-app.js';

/** Sets columns of an appeal as a history would have left them. */
const update = (t: TestApp, id: string, changes: Partial<Appeal>) => t.db.createQueryBuilder().update(AppealEntity).set(changes).where('id = :id', { id }).execute();

type Page = { items: StaffAppealSummaryView[]; next: string | null; counts?: Record<string, number> };

describe.each(appEnginesUnderTest())('the staff list on %s', (name) => {
  const ctx = useTestAppOn(name);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function list(t: TestApp, token: string, query: Record<string, string> = {}): Promise<Page> {
    const response = await t.http().get('/api/appeals').query(query).set(auth(token));
    if (response.status !== 200) throw new Error(`list ${JSON.stringify(query)}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Page;
  }

  /** Every page, following `next` until it is null. */
  async function all(t: TestApp, token: string, query: Record<string, string>, between?: () => Promise<void>): Promise<StaffAppealSummaryView[]> {
    const items: StaffAppealSummaryView[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await list(t, token, cursor ? { ...query, cursor } : query);
      items.push(...page.items);
      if (!page.next) return items;
      cursor = page.next;
      await between?.();
    }
    throw new Error('more than 100 pages');
  }

  /** A worker with a name and phone on their profile, and their appeal. */
  async function workerWithAppeal(t: TestApp, name: string, phone: string, body: Record<string, unknown>) {
    const token = await t.login(uniqueName('w'));
    const profile = await t.http().patch('/api/me').set(auth(token)).send({ name, unit: '综采一队', phone });
    expect(profile.status).toBe(200);
    const submitted = await submitAppeal(t, token, validAppeal(ctx.org.code, body));
    expect(submitted.status).toBe(201);
    return submitted.body as { id: string; serial: string; version: number };
  }

  it('finds an appeal by serial, content, name and phone tail — a protected worker never by who they are', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const leader = await t.login(org.staff.leader);
    const named = await workerWithAppeal(t, '郝建国', '13912345671', { identity: 'named', content: '井口更衣室的暖气片漏水,地面结冰' });
    const secret = await workerWithAppeal(t, '郭秀英', '13987654329', { identity: 'confidential', content: '班组长克扣夜班补助,希望查一查' });
    const anonymous = await workerWithAppeal(t, '薛志刚', '13800004448', { identity: 'anonymous', content: '食堂的菜价涨得太快了' });
    const ids = async (token: string, q: string) => (await all(t, token, { q })).map((a) => a.id);

    expect(await ids(office, named.serial.slice(-4))).toContain(named.id);
    expect(await ids(office, named.serial.toLowerCase())).toEqual([named.id]);
    expect(await ids(office, '暖气片漏水')).toEqual([named.id]);
    expect(await ids(office, '夜班补助')).toEqual([secret.id]);
    // The office sees a named worker's name and phone: found by either.
    expect(await ids(office, '郝建国')).toEqual([named.id]);
    expect(await ids(office, '建国')).toEqual([named.id]);
    expect(await ids(office, '5671')).toEqual([named.id]);
    // Nobody may see a confidential or anonymous worker: their name and phone find nothing.
    expect(await ids(office, '郭秀英')).toEqual([]);
    expect(await ids(office, '4329')).toEqual([]);
    expect(await ids(office, '薛志刚')).toEqual([]);
    expect(await ids(office, '4448')).toEqual([]);
    // A leader sees no worker's name at all, so not even a named one's.
    expect(await ids(leader, '郝建国')).toEqual([]);
    expect(await ids(leader, '5671')).toEqual([]);
    expect(await ids(leader, '暖气片漏水')).toEqual([named.id]);
    // The wildcards are text.
    expect(await ids(office, '%')).toEqual([]);
    expect(await ids(office, '!')).toEqual([]);
    // A department sees its own appeals only, searched or not.
    const logistics = await t.login(org.staff.logistics);
    expect(await ids(logistics, '暖气片漏水')).toEqual([]);
    expect(anonymous.id).toBeTruthy();
  });

  it('filters by status, category, department, place, month, 特事特办, overdue and identity', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const owner = uniqueName('w');
    const base = await insertAppeal(t, org.code, { status: 'submitted', ownerOpenid: owner });
    const confidential = await insertAppeal(t, org.code, { status: 'submitted', ownerOpenid: owner, identity: 'confidential', category: 'rights' });
    const dispatched = await insertAppeal(t, org.code, { status: 'in_progress', ownerOpenid: owner, department: 'logistics' });
    const [place] = await t.db.query("SELECT p.id FROM places p JOIN organizations o ON o.id = p.org_id WHERE o.code = ? AND p.code = 'bath'", [org.code]);
    await update(t, base.id, { placeId: place.id, urgent: true });
    await update(t, confidential.id, { month: '2026-10' });
    await update(t, dispatched.id, { dueAt: new Date(Date.now() - 3600_000) });
    const ids = async (query: Record<string, string>) => (await all(t, office, query)).map((a) => a.id);
    const mine = [base.id, confidential.id, dispatched.id];
    const ofMine = async (query: Record<string, string>) => (await ids(query)).filter((id) => mine.includes(id)).sort();

    expect(await ofMine({ status: 'in_progress' })).toEqual([dispatched.id]);
    expect(await ofMine({ category: 'rights' })).toEqual([confidential.id]);
    expect(await ofMine({ department: 'logistics' })).toEqual([dispatched.id]);
    expect(await ofMine({ place: 'bath' })).toEqual([base.id]);
    expect(await ofMine({ month: '2026-10' })).toEqual([confidential.id]);
    expect(await ofMine({ urgent: '1' })).toEqual([base.id]);
    expect(await ofMine({ overdue: '1' })).toEqual([dispatched.id]);
    expect(await ofMine({ identity: 'confidential' })).toEqual([confidential.id]);
    expect(await ofMine({ status: 'submitted', identity: 'named' })).toEqual([base.id]);
    // An unknown code filters everything out.
    expect(await ids({ department: 'nowhere' })).toEqual([]);

    const [row] = (await list(t, office, { place: 'bath', urgent: '1' })).items;
    expect(row).toMatchObject({ id: base.id, urgent: true, identity: 'named', place: { code: 'bath' }, category: { code: 'living' }, status: 'submitted' });
    const [late] = (await list(t, office, { overdue: '1' })).items.filter((a) => a.id === dispatched.id);
    expect(late).toMatchObject({ overdue: true, dueAt: expect.any(String), department: { code: 'logistics' } });
  });

  it('pages newest, oldest and by due time, losing and repeating nothing while appeals arrive', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const office = await t.login(org.staff.coordinator);
    const owner = uniqueName('w');
    const start = Date.parse('2026-11-03T01:00:00Z');
    const seeded: string[] = [];
    for (let i = 0; i < 23; i++) {
      const a = await insertAppeal(t, org.code, { status: i % 3 === 0 ? 'in_progress' : 'submitted', ownerOpenid: owner, department: i % 3 === 0 ? 'logistics' : undefined });
      // Some share a submission time: the id orders them.
      await update(t, a.id, { createdAt: new Date(start + Math.floor(i / 2) * 60_000), dueAt: i % 3 === 0 ? new Date(start + (30 - i) * 3600_000) : null });
      seeded.push(a.id);
    }
    const arrivals: string[] = [];
    const arrive = async () => {
      const worker = await t.login(uniqueName('w'));
      const submitted = await submitAppeal(t, worker, validAppeal(org.code, { content: `新来的诉求:宿舍热水时有时无 ${randomUUID().slice(0, 4)}` }));
      arrivals.push(submitted.body.id);
    };

    for (const sort of ['newest', 'oldest', 'due']) {
      const seen = await all(t, office, { sort, limit: '4' }, arrive);
      const ids = seen.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => seeded.includes(id)).sort()).toEqual([...seeded].sort());
      const times = seen.map((a) => (sort === 'due' ? a.dueAt : a.createdAt));
      if (sort === 'oldest') expect(times).toEqual([...times].sort());
      if (sort === 'newest') expect(times).toEqual([...times].sort().reverse());
      if (sort === 'due') {
        // The soonest deadlines first, then the appeals without one.
        const dated = times.filter((d) => d !== null);
        expect(times.slice(0, dated.length)).toEqual([...dated].sort());
        expect(dated.length).toBe(8);
      }
    }
    expect(arrivals.length).toBeGreaterThan(10);

    // The last page says so: no cursor.
    const firstPage = await list(t, office, { limit: String(APPEAL_LIST_MAX_LIMIT) });
    expect(firstPage.items.length).toBe(seeded.length + arrivals.length);
    expect(firstPage.next).toBeNull();
  });

  it('answers bad input in the envelope, in Chinese', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const cases: Array<[Record<string, string>, ErrorCode]> = [
      [{ limit: '0' }, 'LIST_LIMIT_INVALID'],
      [{ limit: String(APPEAL_LIST_MAX_LIMIT + 1) }, 'LIST_LIMIT_INVALID'],
      [{ limit: 'ten' }, 'LIST_LIMIT_INVALID'],
      [{ sort: 'random' }, 'LIST_FILTER_INVALID'],
      [{ status: 'lost' }, 'LIST_FILTER_INVALID'],
      [{ urgent: 'maybe' }, 'LIST_FILTER_INVALID'],
      [{ month: '2026-13' }, 'REPORT_MONTH_INVALID'],
      [{ q: '字'.repeat(51) }, 'LIST_SEARCH_TOO_LONG'],
      [{ cursor: 'not-a-cursor' }, 'LIST_CURSOR_INVALID'],
      [{ cursor: Buffer.from(JSON.stringify(['oldest', 0, '2026-11-01T00:00:00.000Z', randomUUID()])).toString('base64url') }, 'LIST_CURSOR_INVALID'],
    ];
    for (const [query, code] of cases) {
      const response = await t.http().get('/api/appeals').query(query).set(auth(office));
      expect([query, response.status, response.body.code, response.body.message]).toEqual([query, 400, code, ERROR_MESSAGES[code]]);
    }
    const worker = await t.login(uniqueName('w'));
    expect((await t.http().get('/api/appeals').query({ scope: 'mine', cursor: 'x' }).set(auth(worker))).status).toBe(400);
  });

  it('counts each inbox tab, and a rejected appeal leaves 待复核', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const office = await t.login(org.staff.coordinator);
    const flagged: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < 3; i++) {
      const worker = await t.login(uniqueName('w'));
      flagged.push((await submitAppeal(t, worker, validAppeal(org.code, { content: `【待审测试】宿舍楼的问题需要领导关注 ${i}` }))).body);
    }
    await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(org.code));
    const before = await list(t, office, { queue: 'review' });
    expect(before.items.map((a) => a.id).sort()).toEqual(flagged.map((f) => f.id).sort());
    expect(before.counts).toMatchObject({ new: 4, review: 3, responded: 0, calls: 0, 'due-soon': expect.any(Number), overdue: 0 });

    expect((await act(t, office, flagged[0].id, 'reject', { reason: '与本矿无关', version: flagged[0].version })).status).toBe(200);
    expect((await act(t, office, flagged[1].id, 'accept', { version: flagged[1].version })).status).toBe(200);
    const after = await list(t, office, { queue: 'review' });
    expect(after.items.map((a) => a.id)).toEqual([flagged[2].id]);
    expect(after.counts).toMatchObject({ new: 2, review: 1 });
    // The counts are the lengths of the tabs' lists.
    for (const [tab, query] of [
      ['new', { queue: 'new' }],
      ['review', { queue: 'review' }],
    ] as const)
      expect([tab, (await all(t, office, query)).length]).toEqual([tab, after.counts![tab]]);
    // Only the first page carries them.
    const second = await list(t, office, { limit: '1' });
    expect((await list(t, office, { limit: '1', cursor: second.next! })).counts).toBeUndefined();

    const leaderPage = await list(t, await t.login(org.staff.leader), {});
    expect(Object.keys(leaderPage.counts!).sort()).toEqual(['extensions', 'overdue', 'to-dispatch']);
    expect(leaderPage.counts!['to-dispatch']).toBe(1);
  });

  it('counts a tab up to 999 and past that says more (999+)', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const office = await t.login(org.staff.coordinator);
    const first = await insertAppeal(t, org.code, { status: 'submitted', ownerOpenid: uniqueName('w') });
    const more = (n: number, from: number): Appeal[] =>
      Array.from({ length: n }, (_, i): Appeal => ({ ...first, id: newId(), serial: `${org.code.toUpperCase()}-C${from + i}`, idempotencyKey: randomUUID() }));
    const rows = more(INBOX_COUNT_CAP - 1, 0);
    for (let i = 0; i < rows.length; i += 200) await insertRows(t.db.manager, AppealEntity, rows.slice(i, i + 200));
    // 999 new appeals: counted exactly.
    expect((await list(t, office, {})).counts!.new).toBe(INBOX_COUNT_CAP);
    expect(inboxCountLabel(INBOX_COUNT_CAP)).toBe('999');
    await insertRows(t.db.manager, AppealEntity, more(2, INBOX_COUNT_CAP));
    // 1,001: the count stops one past the cap, and the badge reads 999+.
    const counts = (await list(t, office, {})).counts!;
    expect(counts.new).toBe(INBOX_COUNT_CAP + 1);
    expect(inboxCountLabel(counts.new)).toBe('999+');
    expect(counts.review).toBe(0);
  });

  it('searches a few thousand appeals a request, and goes on from there through next', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const office = await t.login(org.staff.coordinator);
    const oldest = await insertAppeal(t, org.code, { status: 'submitted', ownerOpenid: uniqueName('w') });
    await update(t, oldest.id, { content: '三号井口的风门关不严,冬天冷风直灌', createdAt: new Date('2026-10-01T00:00:00Z') });
    const start = Date.parse('2026-10-02T00:00:00Z');
    const others = Array.from({ length: SEARCH_SCAN_ROWS + 100 }, (_, i): Appeal => ({
      ...oldest,
      id: newId(),
      serial: `${org.code.toUpperCase()}-S${i}`,
      idempotencyKey: randomUUID(),
      content: '测试用诉求:宿舍热水供应不稳定',
      createdAt: new Date(start + i * 60_000),
    }));
    for (let i = 0; i < others.length; i += 200) await insertRows(t.db.manager, AppealEntity, others.slice(i, i + 200));

    const first = await list(t, office, { q: '风门关不严' });
    // Not found among the newest five thousand, and said so: no appeal, but a next page to search on.
    expect(first.items).toEqual([]);
    expect(first.next).not.toBeNull();
    const rest = await all(t, office, { q: '风门关不严', cursor: first.next! });
    expect(rest.map((a) => a.id)).toEqual([oldest.id]);
    // Without a search, pages are full as ever.
    expect((await list(t, office, { limit: '100' })).items).toHaveLength(100);
  });

  it("pages the worker's own appeals past a hundred, newest first", async () => {
    const { t, org } = ctx;
    const openid = uniqueName('w');
    const token = await t.login(openid);
    const made: string[] = [];
    for (let i = 0; i < 105; i++) made.push((await insertAppeal(t, org.code, { status: 'submitted', ownerOpenid: openid })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: { status: number; body: { items: Array<{ id: string }>; next: string | null } } = await t
        .http()
        .get('/api/appeals')
        .query(cursor ? { scope: 'mine', cursor, limit: '50' } : { scope: 'mine', limit: '50' })
        .set(auth(token));
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((a) => a.id));
      cursor = response.body.next;
    } while (cursor);
    expect(seen.sort()).toEqual([...made].sort());
  });

  // Read on its own connection, a list shows what is committed: an action half done (its transaction still
  // open on the app's connection) is in no list, and in the list read after its commit. (On the app's own
  // connection, as in memory, every read would run inside that open transaction.)
  (name === SQLITE_FILE ? it : it.skip)('shows an action once committed, never half done', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const appeal = await insertAppeal(t, org.code, { status: 'submitted', ownerOpenid: uniqueName('w') });
    const urgentIds = async () => (await all(t, office, { urgent: '1' })).map((a) => a.id);
    const runner = t.db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.manager.update(AppealEntity, { id: appeal.id }, { urgent: true });
      expect(await urgentIds()).not.toContain(appeal.id);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await urgentIds()).toContain(appeal.id);
  });
});
