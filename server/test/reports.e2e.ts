// The monthly report over a hand-built month: seven appeals through every edge the rates care about
// (on time and late, reopened, extended, scheduled then done, returned, explained, rejected, merged,
// never triaged), each rate asserted as a fraction; then curation, publication, a correction, both
// versions read back, the public pages free of anything personal, and the Excel file's totals.
import ExcelJS from 'exceljs';
import type { PublicReportView, RateCounts, ReportView } from '@minqing/shared';
import { ReportScheduler } from '../src/reports/report.scheduler.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

/** A local time in the mine (UTC+8) as the instant it is. */
const sh = (local: string) => new Date(`${local}+08:00`);
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

interface People {
  office: string;
  leader: string;
  logistics: string;
  workers: Record<string, { token: string; openid: string; name: string; phone: string }>;
}

async function step(t: TestApp, at: string, token: string, id: string, action: string, body: object = {}): Promise<void> {
  t.setNow(sh(at));
  const response = await act(t, token, id, action, body);
  if (response.status !== 200) throw new Error(`${action} at ${at}: ${response.status} ${JSON.stringify(response.body)}`);
}

async function submit(t: TestApp, at: string, worker: People['workers'][string], org: string, overrides: Record<string, unknown>): Promise<{ id: string; serial: string }> {
  t.setNow(sh(at));
  const response = await submitAppeal(t, worker.token, validAppeal(org, overrides));
  if (response.status !== 201) throw new Error(`submit: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** September 2026 at the test mine, appeal by appeal; returns the serials by letter. */
async function buildSeptember(t: TestApp, org: string, p: People): Promise<Record<string, { id: string; serial: string }>> {
  const w = p.workers;
  // A: resolved at once, called back, 满意.
  const A = await submit(t, '2026-09-02T09:00', w.a, org, { place: 'bath', content: '女职工澡堂开放时间太短,下夜班的女职工洗不上澡' });
  await step(t, '2026-09-02T09:10', p.office, A.id, 'accept');
  await step(t, '2026-09-02T09:20', p.office, A.id, 'dispatch', { department: 'logistics', instructions: '请后勤延长开放时间' });
  await step(t, '2026-09-02T09:30', p.logistics, A.id, 'acknowledge');
  await step(t, '2026-09-02T10:00', p.logistics, A.id, 'respond', { outcome: 'resolved', text: '已延长到21:30' });
  await step(t, '2026-09-02T10:30', p.office, A.id, 'reply', { text: '女职工澡堂已延长到晚上九点半', publicSummary: '女职工澡堂开放时间延长至21:30' });
  await step(t, '2026-09-02T11:00', p.office, A.id, 'calls', { result: 'reached', summary: '职工满意' });
  await step(t, '2026-09-02T12:00', w.a.token, A.id, 'rate', { rating: 'satisfied' });

  // B: explained ten days late, 不满意 reopens it, then resolved, 基本满意.
  const B = await submit(t, '2026-09-03T09:00', w.b, org, { place: 'bath', content: '澡堂热水忽冷忽热,洗澡时被烫了好几次' });
  await step(t, '2026-09-03T09:10', p.office, B.id, 'accept');
  await step(t, '2026-09-03T09:20', p.office, B.id, 'dispatch', { department: 'logistics', instructions: '请检修热水' });
  await step(t, '2026-09-03T09:30', p.logistics, B.id, 'acknowledge');
  await step(t, '2026-09-13T09:00', p.logistics, B.id, 'respond', { outcome: 'explained', text: '锅炉老化,明年更换' });
  await step(t, '2026-09-13T10:00', p.office, B.id, 'reply', { text: '锅炉老化,明年更换' });
  await step(t, '2026-09-13T11:00', w.b.token, B.id, 'rate', { rating: 'unsatisfied', comment: '不能等到明年' });
  await step(t, '2026-09-14T09:00', p.office, B.id, 'dispatch', { department: 'logistics', instructions: '请先加装恒温阀' });
  await step(t, '2026-09-14T09:10', p.logistics, B.id, 'acknowledge');
  await step(t, '2026-09-14T15:00', p.logistics, B.id, 'respond', { outcome: 'resolved', text: '已加装恒温阀' });
  await step(t, '2026-09-14T16:00', p.office, B.id, 'reply', { text: '已加装恒温阀,水温稳定了' });
  await step(t, '2026-09-14T17:00', w.b.token, B.id, 'rate', { rating: 'basic' });

  // C: no consent to publish; an approved extension, answered within it; scheduled, then done.
  const C = await submit(t, '2026-09-04T09:00', w.c, org, { place: 'bath', publishConsent: false, content: '澡堂更衣柜坏了好几个,没法锁' });
  await step(t, '2026-09-04T09:10', p.office, C.id, 'accept');
  await step(t, '2026-09-04T09:20', p.office, C.id, 'dispatch', { department: 'logistics', instructions: '请更换更衣柜锁' });
  await step(t, '2026-09-04T09:30', p.logistics, C.id, 'acknowledge');
  // E, the same locker complaint, is merged into C while C is open.
  const E = await submit(t, '2026-09-05T08:00', w.e, org, { place: 'dorm2', content: '更衣柜的锁坏了,东西放着不放心' });
  await step(t, '2026-09-05T08:30', p.office, E.id, 'merge', { into: C.serial });
  await step(t, '2026-09-05T09:00', p.logistics, C.id, 'extension', { reason: '锁具要从厂家订', until: sh('2026-09-15T09:00').toISOString() });
  await step(t, '2026-09-05T10:00', p.leader, C.id, 'extension-decision', { approve: true });
  await step(t, '2026-09-12T09:00', p.logistics, C.id, 'respond', { outcome: 'scheduled', text: '锁具已到,周末安装', plannedAt: sh('2026-09-20T09:00').toISOString() });
  await step(t, '2026-09-12T10:00', p.office, C.id, 'reply', { text: '锁具已到,周末安装' });
  await step(t, '2026-09-20T10:00', p.logistics, C.id, 'progress', { text: '已全部换好', done: true });

  // D: not accepted, with the reason the exclusion lists.
  const D = await submit(t, '2026-09-05T09:00', w.d, org, { place: 'bath', content: '希望矿上给每个职工发一台电视机' });
  await step(t, '2026-09-05T09:30', p.office, D.id, 'reject', { reason: '不属于职工诉求受理范围' });

  // G (劳保福利, confidential): answered, returned once (退单), answered again and explained.
  const G = await submit(t, '2026-09-06T09:00', w.g, org, { category: 'welfare', place: undefined, identity: 'confidential', content: '劳保鞋发得太晚,旧鞋早就破了' });
  await step(t, '2026-09-06T09:10', p.office, G.id, 'accept');
  await step(t, '2026-09-06T09:20', p.office, G.id, 'dispatch', { department: 'logistics', instructions: '请核实劳保发放' });
  await step(t, '2026-09-06T09:30', p.logistics, G.id, 'acknowledge');
  await step(t, '2026-09-06T11:00', p.logistics, G.id, 'respond', { outcome: 'resolved', text: '已发放' });
  await step(t, '2026-09-06T12:00', p.office, G.id, 'return', { reason: '没有说明发放时间' });
  await step(t, '2026-09-06T15:00', p.logistics, G.id, 'respond', { outcome: 'explained', text: '按规定每年三月统一发放,提前发放须矿务会批准' });
  await step(t, '2026-09-06T16:00', p.office, G.id, 'reply', { text: '劳保鞋每年三月统一发放,已建议提前' });

  // F: submitted on the 28th, never triaged.
  const F = await submit(t, '2026-09-28T09:00', w.f, org, { place: 'dorm2', content: '2号宿舍楼的走廊灯坏了一周了' });
  t.setNow(null);
  return { A, B, C, D, E, F, G };
}

describe.each(enginesUnderTest())('the monthly report on %s', (engine) => {
  const ctx = useTestApp(engine);
  let people: People;
  let appeals: Record<string, { id: string; serial: string }>;
  let draft: ReportView;

  beforeAll(async () => {
    const { t, org } = ctx;
    const workers: People['workers'] = {};
    for (const letter of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) {
      const openid = uniqueName(`sept_${letter}`);
      const token = await t.login(openid);
      const name = `王${letter}${openid.slice(-3)}`;
      const phone = `1370000${String(letter.charCodeAt(0)).padStart(4, '0')}`;
      await t.http().patch('/api/me').set(auth(token)).send({ name, phone, unit: '综采一队' });
      workers[letter] = { token, openid, name, phone };
    }
    people = {
      office: await t.login(org.staff.coordinator),
      leader: await t.login(org.staff.leader),
      logistics: await t.login(org.staff.logistics),
      workers,
    };
    appeals = await buildSeptember(t, org.code, people);
    t.setNow(sh('2026-10-01T00:10'));
    const response = await t.http().post('/api/reports/2026-09/draft').set(auth(people.office));
    expect(response.status).toBe(200);
    draft = response.body;
  }, 120_000);
  afterAll(() => ctx.t.setNow(null));

  it('counts every rate of the month as the definitions say', () => {
    const expected: RateCounts = {
      // E, merged into C, counts on its worker's account: replied when C was (scheduled, then done), never called.
      total: 7,
      valid: 6,
      rejected: 1,
      merged: 1,
      triageDue: 6,
      triagedOnTime: 5,
      replied: 5,
      answerDue: 4,
      answeredOnTime: 3,
      resolved: 4,
      explained: 1,
      rated: 2,
      satisfied: 2,
      unsatisfied: 0,
      called: 1,
      answers: 6,
      returned: 1,
      closed: 2,
      reopened: 1,
    };
    expect(draft.figures.counts).toEqual(expected);
    const fraction = (name: keyof ReportView['figures']['rates']) => [draft.figures.rates[name].numerator, draft.figures.rates[name].denominator];
    expect(fraction('replyRate')).toEqual([5, 6]);
    expect(fraction('triageOnTimeRate')).toEqual([5, 6]);
    expect(fraction('onTimeRate')).toEqual([3, 4]);
    expect(fraction('resolutionRate')).toEqual([4, 5]);
    expect(fraction('satisfactionRate')).toEqual([2, 2]);
    expect(fraction('callRate')).toEqual([1, 5]);
    expect(fraction('returnRate')).toEqual([1, 6]);
    expect(fraction('reopenRate')).toEqual([1, 2]);
    expect(draft.figures.rates.replyRate.value).toBeCloseTo(5 / 6);

    const logistics = draft.figures.byDepartment.find((d) => d.code === 'logistics')!;
    expect([logistics.counts.total, logistics.counts.replied, logistics.rates.onTimeRate.numerator]).toEqual([4, 4, 3]);
    expect(draft.figures.byDepartment.find((d) => d.code === null)!.counts).toMatchObject({ total: 3, valid: 2, rejected: 1, merged: 1, replied: 1 });
    expect(draft.figures.byCategory.map((c) => [c.code, c.counts.total])).toEqual([
      ['living', 6],
      ['welfare', 1],
    ]);
    expect(draft.figures.byStatus).toEqual({ closed: 2, replied: 2, rejected: 1, merged: 1, submitted: 1 });
    // 核减, with its reason: the rejected appeal only (the merged one's worker was answered).
    // The entries are rows of their own (the view has the first page), the figures their count.
    expect([draft.figures.exclusionCount, draft.exclusions, draft.exclusionsNext]).toEqual([
      1,
      [{ serial: appeals.D.serial, kind: 'rejected', reason: '不予受理:不属于职工诉求受理范围' }],
      null,
    ]);
    expect(draft.figures).not.toHaveProperty('exclusions');
    expect(draft.figures.byPlace).toEqual([
      { name: '职工澡堂', n: 4 },
      { name: '其他', n: 3 },
    ]);
    expect(draft.figures.times.reply.n).toBe(5);
  });

  it("lists only consenting, publishable appeals, with the office's words and the place folded", () => {
    expect(draft.items.map((i) => [i.serial, i.place, i.summary, i.included])).toEqual([
      [appeals.A.serial, '职工澡堂', '女职工澡堂开放时间延长至21:30', true],
      [appeals.B.serial, '职工澡堂', null, false],
      [appeals.G.serial, '其他', null, false],
    ]);
  });

  it('publishes, corrects and republishes; both versions stay readable and nothing personal is public', async () => {
    const { t, org } = ctx;
    const item = (serial: string) => draft.items.find((i) => i.serial === serial)!;
    const edit = (serial: string, body: object) =>
      t
        .http()
        .patch(`/api/reports/2026-09/items/${item(serial).id}`)
        .set(auth(people.office))
        .send(body);
    // The answer has the item as saved, wherever in the list it is (the screen puts it in its place).
    const savedB = await edit(appeals.B.serial, { summary: ' 澡堂加装恒温阀,水温稳定 ', included: true });
    expect([savedB.status, savedB.body.edited]).toEqual([200, { ...item(appeals.B.serial), summary: '澡堂加装恒温阀,水温稳定', included: true }]);
    expect((await edit(appeals.G.serial, { included: true })).status).toBe(200);
    expect((await edit(appeals.G.serial, { summary: 'x'.repeat(201) })).body.code).toBe('REPORT_ITEM_INVALID');
    const refused = await t.http().post('/api/reports/2026-09/publish').set(auth(people.office)).send({});
    expect([refused.status, refused.body.code, refused.body.details.serials]).toEqual([422, 'REPORT_ITEM_SUMMARY_REQUIRED', [appeals.G.serial]]);
    await edit(appeals.G.serial, { included: false });
    expect((await t.http().post('/api/reports/2026-09/publish').set(auth(people.leader)).send({})).status).toBe(403);
    const v1 = await t.http().post('/api/reports/2026-09/publish').set(auth(people.office)).send({});
    expect([v1.status, v1.body.state, v1.body.version]).toEqual([200, 'published', 1]);
    // A published version does not change.
    expect((await edit(appeals.G.serial, { included: true })).body.code).toBe('REPORT_NO_DRAFT');
    // The public pages as drawn from v1 (and kept: they are served again until something new is published).
    const v1Pages = await Promise.all([`/p/${org.code}/resolved`, `/p/${org.code}/reports/2026-09`].map((path) => t.http().get(path)));
    for (const page of v1Pages) expect(page.text).not.toContain('劳保鞋发放时间已向矿务会建议提前');
    // The headline counts the merged appeal among the valid ones, and says so; only the rejected one is 核减.
    expect(v1Pages[1].text).toContain('受理有效诉求 6 件(其中 1 件与同一件事合并办理,答复同样告知每位反映的职工),核减不予受理 1 件;已回复 5 件');

    // The correction: a new draft carries the curation over and needs a note.
    const v2draft = await t.http().post('/api/reports/2026-09/draft').set(auth(people.office));
    expect([v2draft.body.version, v2draft.body.state]).toEqual([2, 'draft']);
    const g2 = v2draft.body.items.find((i: { serial: string }) => i.serial === appeals.G.serial);
    await t.http().patch(`/api/reports/2026-09/items/${g2.id}`).set(auth(people.office)).send({ summary: '劳保鞋发放时间已向矿务会建议提前', included: true });
    expect((await t.http().post('/api/reports/2026-09/publish').set(auth(people.office)).send({})).body.code).toBe('REPORT_NOTE_REQUIRED');
    expect((await t.http().post('/api/reports/2026-09/publish').set(auth(people.office)).send({ note: '补充一件办结事项' })).body.version).toBe(2);

    const latest: PublicReportView = (await t.http().get(`/api/public/orgs/${org.code}/reports/2026-09`)).body;
    const first: PublicReportView = (await t.http().get(`/api/public/orgs/${org.code}/reports/2026-09?version=1`)).body;
    expect([latest.version, latest.note, latest.items.length]).toEqual([2, '补充一件办结事项', 3]);
    expect([first.version, first.note, first.items.map((i) => i.serial)]).toEqual([1, null, [appeals.A.serial, appeals.B.serial]]);
    expect(latest.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(latest.figures).not.toHaveProperty('exclusions');
    expect(latest.figures).not.toHaveProperty('exclusionCount');
    const resolved = await t.http().get(`/api/public/orgs/${org.code}/resolved`);
    expect(resolved.body.items.map((i: { serial: string }) => i.serial)).toEqual([appeals.A.serial, appeals.B.serial, appeals.G.serial]);

    const pages = await Promise.all(
      [`/p/${org.code}/resolved`, `/p/${org.code}/reports/2026-09`, `/p/${org.code}/reports/2026-09?version=1`, `/p/${org.code}/reports/2026-09?print=1`].map((path) =>
        t.http().get(path),
      ),
    );
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('<svg');
    }
    const everything = JSON.stringify([latest, first, resolved.body]) + pages.map((p) => p.text).join('');
    for (const w of Object.values(people.workers)) {
      for (const secret of [w.name, w.phone, w.openid]) expect(everything).not.toContain(secret);
    }
    for (const text of ['下夜班的女职工洗不上澡', '电视机', '不属于职工诉求受理范围', '更衣柜', '综采一队']) expect(everything).not.toContain(text);
    expect(pages[1].text).toContain('补充一件办结事项');
    // The correction reaches the pages at once, though v1's pages were drawn and kept before it.
    for (const page of pages.slice(0, 2)) expect(page.text).toContain('劳保鞋发放时间已向矿务会建议提前');
    expect(pages[2].text).not.toContain('劳保鞋发放时间已向矿务会建议提前');
    expect((await t.http().get(`/api/public/orgs/${org.code}/reports/2026-08`)).body.code).toBe('REPORT_NOT_FOUND');
    expect((await t.http().get(`/api/public/orgs/${org.code}/reports/2026-13`)).body.code).toBe('REPORT_MONTH_INVALID');
  });

  it('reads the items a page at a time, each later page from the version the first showed', async () => {
    const { t, org } = ctx;
    const get = (path: string, who: string | null = people.office) => (who ? t.http().get(path).set(auth(who)) : t.http().get(path));
    /** Every page from `path`, one item a page: the serials in order, and each page's `next`. */
    const walk = async (path: string, who?: string | null) => {
      const serials: string[] = [];
      const cursors: Array<string | null> = [];
      let cursor: string | null = null;
      do {
        const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=1${cursor ? `&cursor=${cursor}` : ''}`, who);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        serials.push(...page.body.items.map((i: { serial: string }) => i.serial));
        cursors.push((cursor = page.body.next));
      } while (cursor);
      return { serials, cursors };
    };
    // The office's list of the latest version (v2, published): the view holds it whole (fewer than a page).
    const view = await get('/api/reports/2026-09');
    expect([view.headers['content-type'], view.body.version, view.body.next]).toEqual(['application/json; charset=utf-8', 2, null]);
    const all = view.body.items.map((i: { serial: string }) => i.serial);
    expect(all).toEqual([appeals.A.serial, appeals.B.serial, appeals.G.serial]);
    expect((await walk('/api/reports/2026-09/items')).serials).toEqual(all);
    expect((await walk('/api/reports/2026-09/items?version=1')).serials).toEqual(all);
    // The public list: what is published of v2, and of v1 — a later page keeps to v1, the version its cursor names.
    expect((await walk(`/api/public/orgs/${org.code}/reports/2026-09/items`, null)).serials).toEqual(all);
    const v1 = await walk(`/api/public/orgs/${org.code}/reports/2026-09/items?version=1`, null);
    expect(v1.serials).toEqual([appeals.A.serial, appeals.B.serial]);
    expect((await get(`/api/public/orgs/${org.code}/reports/2026-09/items?cursor=${v1.cursors[0]}`, null)).body.items.map((i: { serial: string }) => i.serial)).toEqual([
      appeals.B.serial,
    ]);
    expect((await get(`/api/public/orgs/${org.code}/reports/2026-09`, null)).body.next).toBeNull();
    // Nothing personal in the public pages of items: no id, no included flag.
    expect(Object.keys((await get(`/api/public/orgs/${org.code}/reports/2026-09/items`, null)).body.items[0]).sort()).toEqual([
      'category',
      'daysTaken',
      'department',
      'outcome',
      'place',
      'serial',
      'summary',
    ]);
    for (const [path, code] of [
      ['/api/reports/2026-09/items?cursor=abc', 'LIST_CURSOR_INVALID'],
      ['/api/reports/2026-09/items?cursor=9.0', 'LIST_CURSOR_INVALID'],
      ['/api/reports/2026-09/items?limit=0', 'LIST_LIMIT_INVALID'],
      ['/api/reports/2026-09/items?limit=101', 'LIST_LIMIT_INVALID'],
      ['/api/reports/2026-08/items', 'REPORT_NOT_FOUND'],
    ])
      expect((await get(path)).body.code).toBe(code);
    expect((await get(`/api/public/orgs/${org.code}/reports/2026-09/items?cursor=9.0`, null)).body.code).toBe('LIST_CURSOR_INVALID');
    expect((await get('/api/reports/2026-09/items', people.logistics)).status).toBe(403);
  });

  it('escapes what the office wrote on the public page', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const office = await t.login(org.staff.coordinator);
    const worker = await t.login(uniqueName('w'));
    t.setNow(sh('2026-09-10T09:00'));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    for (const [action, payload] of [
      ['accept', {}],
      ['dispatch', { department: 'logistics', instructions: '处理' }],
    ] as const)
      await act(t, office, body.id, action, payload);
    const logistics = await t.login(org.staff.logistics);
    await act(t, logistics, body.id, 'acknowledge');
    await act(t, logistics, body.id, 'respond', { outcome: 'resolved', text: '好了' });
    await act(t, office, body.id, 'reply', { text: '好了', publicSummary: '<script>alert(1)</script>修好了' });
    t.setNow(sh('2026-10-02T09:00'));
    await t.http().post('/api/reports/2026-09/draft').set(auth(office));
    await t.http().post('/api/reports/2026-09/publish').set(auth(office)).send({});
    const page = await t.http().get(`/p/${org.code}/reports/2026-09`);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;修好了');
    expect(page.text).not.toContain('<script>');
    t.setNow(null);
  });

  it("drafts last month's report on the 1st from 00:05 in the mine, once", async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const scheduler = t.app.get(ReportScheduler);
    expect(await scheduler.draftDue(sh('2026-11-01T00:04'))).not.toContain(`${org.code} 2026-10`);
    t.setNow(sh('2026-11-01T00:06'));
    expect(await scheduler.draftDue(sh('2026-11-01T00:06'))).toContain(`${org.code} 2026-10`);
    expect(await scheduler.draftDue(sh('2026-11-01T00:16'))).not.toContain(`${org.code} 2026-10`);
    const office = await t.login(org.staff.coordinator);
    expect((await t.http().get('/api/reports/2026-10').set(auth(office))).body).toMatchObject({ version: 1, state: 'draft' });
    expect((await t.http().post('/api/reports/2026-11/draft').set(auth(office))).body.code).toBe('REPORT_MONTH_NOT_OVER');
    t.setNow(null);
  });

  it('serves the same figures live on the dashboard, to leaders too, and to no department', async () => {
    const { t } = ctx;
    t.setNow(sh('2026-10-05T09:00'));
    const live = await t.http().get('/api/reports/live/2026-09').set(auth(people.leader));
    expect(live.status).toBe(200);
    expect(live.body.counts).toEqual(draft.figures.counts);
    expect(live.body.byCategory).toEqual(draft.figures.byCategory);
    expect((await t.http().get('/api/reports/live/2026-09').set(auth(people.logistics))).status).toBe(403);
    expect((await t.http().get('/api/reports/live/2026-9').set(auth(people.leader))).body.code).toBe('REPORT_MONTH_INVALID');
    t.setNow(null);
  });

  it('exports the month to Excel with totals equal to the rates, named workers only for the office, confidential ones to nobody unrevealed', async () => {
    const { t } = ctx;
    t.setNow(sh('2026-10-05T09:00'));
    const download = async (token: string) => {
      const response = await t
        .http()
        .get('/api/reports/2026-09.xlsx')
        .set(auth(token))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.body as unknown as ArrayBuffer);
      return book;
    };
    const book = await download(people.office);
    expect(book.worksheets.map((s) => s.name)).toEqual(['领导摘要', '按部门', '按类别', '诉求明细']);
    // The summary lists each 核减 entry with its reason (read a page at a time).
    const excludedRows = (book.getWorksheet('领导摘要')!.getSheetValues().filter(Boolean) as unknown[][]).filter((r) => String(r[1]).startsWith('核减 '));
    expect(excludedRows.map((r) => r.slice(1))).toEqual([[`核减 ${appeals.D.serial}`, '不予受理', '不予受理:不属于职工诉求受理范围']]);
    const summary = book.getWorksheet('领导摘要')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(summary.find((r) => r[1] === '本月诉求')![2]).toBe(draft.figures.counts.total);
    const byDepartment = book.getWorksheet('按部门')!;
    const rows = byDepartment.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((r) => r[1] === '合计')!;
    expect([total[2], total[3], total[4]]).toEqual([draft.figures.counts.total, draft.figures.counts.valid, draft.figures.counts.replied]);
    const logistics = rows.find((r) => r[1] === '后勤管理部')!;
    expect(logistics[5]).toBeCloseTo(1); // its reply rate: 4 of 4
    expect(logistics[7]).toBeCloseTo(0.75); // on time: 3 of 4
    const byCategory = book.getWorksheet('按类别')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(byCategory.find((r) => r[1] === '合计')![2]).toBe(7);
    const details = book.getWorksheet('诉求明细')!;
    expect(details.rowCount).toBe(8);
    const detailText = JSON.stringify(details.getSheetValues());
    expect(detailText).toContain(people.workers.a.name); // named, for the office
    expect(detailText).not.toContain(people.workers.g.name); // confidential: hidden until a reveal is approved
    expect(detailText).toContain('职工(保密)');
    const leaderText = JSON.stringify((await download(people.leader)).getWorksheet('诉求明细')!.getSheetValues());
    for (const w of Object.values(people.workers)) expect(leaderText).not.toContain(w.name);
    expect((await t.http().get('/api/reports/2026-09.xlsx').set(auth(people.logistics))).status).toBe(403);
    t.setNow(null);
  });
});
