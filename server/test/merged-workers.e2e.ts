// Merged appeals carry their workers, over HTTP on both engines: everyone whose appeal was merged into
// another reads its progress and answer (never its worker's name, phone or words, nor a staff-only
// line), gets the reply in the app and on WeChat, is called, and rates — 不满意 sending the appeal
// back to the office once, as its own worker's would.
import type { AppealView, ReportFigures } from '@minqing/shared';
import { OrgRepository } from '../src/org/org.repository.js';
import { ReportFiguresBuilder } from '../src/reports/report-figures.js';
import { OutboxDispatcher } from '../src/notifications/outbox-dispatcher.js';
import { WorkflowService } from '../src/workflow/workflow.service.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp, type TestOrg } from './support/test-app.js';

const PRIMARY_NAME = '黄占超';
const PRIMARY_PHONE = '13712345678';
const PRIMARY_CONTENT = '女职工澡堂晚上八点就关门,黄占超下夜班回来洗不上澡';
const NOTE = '内部:先查澡堂排班表,别告诉职工';
const ANSWER = '【部门答复】已与黄占超本人核实排班,13712345678 已回电';
const INSTRUCTIONS = '请后勤管理部延长女澡堂开放时间';
const REPLY = '黄占超师傅您好,女职工澡堂开放时间已延长到晚上九点半,方便下夜班的职工';

async function step(t: TestApp, token: string, id: string, action: string, body: object = {}): Promise<AppealView> {
  const response = await act(t, token, id, action, body);
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as AppealView;
}

async function view(t: TestApp, token: string, id: string): Promise<AppealView> {
  const response = await t.http().get(`/api/appeals/${id}`).set('Authorization', `Bearer ${token}`);
  expect(response.status).toBe(200);
  return response.body as AppealView;
}

async function callQueue(t: TestApp, office: string): Promise<string[]> {
  const response = await t.http().get('/api/appeals?queue=calls&limit=100').set('Authorization', `Bearer ${office}`);
  return response.body.items.map((a: { id: string }) => a.id);
}

/** What no merged worker may ever read of the primary: its worker's name, phone and words, staff-only lines. */
function expectNothingOfThePrimary(text: string): void {
  for (const secret of [PRIMARY_NAME, PRIMARY_PHONE, '137****5678', PRIMARY_CONTENT, '洗不上澡', NOTE, '排班表', '已与', INSTRUCTIONS]) expect(text).not.toContain(secret);
}

interface Scene {
  office: string;
  leader: string;
  logistics: string;
  owner: string;
  primary: AppealView;
  /** Merged workers: tokens, openids and their appeals. */
  merged: Array<{ token: string; openid: string; appeal: AppealView }>;
}

/** A primary with `n` duplicates merged into it, handled to the department's answer. */
async function scene(t: TestApp, org: TestOrg, n: number, credits: (i: number) => boolean = () => false): Promise<Scene> {
  const office = await t.login(org.staff.coordinator);
  const leader = await t.login(org.staff.leader);
  const logistics = await t.login(org.staff.logistics);
  const owner = await t.login(uniqueName('primary'));
  await t.http().patch('/api/me').set('Authorization', `Bearer ${owner}`).send({ name: PRIMARY_NAME, unit: '综掘一区', phone: PRIMARY_PHONE });
  const { body: primary } = await submitAppeal(t, owner, validAppeal(org.code, { content: PRIMARY_CONTENT, phone: PRIMARY_PHONE }));
  await step(t, office, primary.id, 'accept');
  const merged: Scene['merged'] = [];
  for (let i = 0; i < n; i++) {
    const openid = uniqueName(`merged${i}`);
    const token = await t.login(openid);
    if (credits(i)) await t.acceptMessages(token, { [t.config.wechat.templates.replied]: 'accept', [t.config.wechat.templates.progress]: 'accept' });
    const { body } = await submitAppeal(t, token, validAppeal(org.code, { content: `澡堂开放时间太短(第 ${i + 1} 位职工)` }));
    merged.push({ token, openid, appeal: await step(t, office, body.id, 'merge', { into: primary.serial }) });
  }
  await t.http().post(`/api/appeals/${primary.id}/notes`).set('Authorization', `Bearer ${office}`).send({ text: NOTE });
  await step(t, leader, primary.id, 'dispatch', { department: 'logistics', instructions: INSTRUCTIONS });
  await step(t, logistics, primary.id, 'acknowledge');
  await step(t, logistics, primary.id, 'progress', { text: '正在调整澡堂值班人员' });
  await step(t, logistics, primary.id, 'respond', { outcome: 'resolved', text: ANSWER });
  return { office, leader, logistics, owner, primary: await view(t, office, primary.id), merged };
}

describe.each(enginesUnderTest())('merged workers on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('answers, calls and asks every merged worker to rate, showing them nothing of the other worker', async () => {
    const { t, org } = ctx;
    const s = await scene(t, org, 2, (i) => i === 0);
    const [withCredit, withoutCredit] = s.merged;

    // Before the reply: the primary's progress, no rating, not in the call queue.
    const waiting = await view(t, withCredit.token, withCredit.appeal.id);
    expect(waiting.status).toBe('merged');
    expect(waiting.mergedInto).toMatchObject({ id: s.primary.id, serial: s.primary.serial, status: 'responded' });
    expect(waiting.mergedInto!.timeline!.map((l) => l.type)).toEqual(['accepted', 'dispatched', 'acknowledged', 'progress']);
    expect(waiting.mergedInto!.timeline!.find((l) => l.type === 'acknowledged')!.actor).toBe('后勤管理部');
    expect(waiting.allowedActions).not.toContain('rate');
    expect(await callQueue(t, s.office)).not.toContain(withCredit.appeal.id);
    expect((await act(t, s.office, withCredit.appeal.id, 'calls', { result: 'reached' })).status).toBe(409);

    await step(t, s.office, s.primary.id, 'reply', { text: REPLY });

    for (const m of s.merged) {
      const seen = await view(t, m.token, m.appeal.id);
      expect(seen).toMatchObject({ status: 'merged', outcome: 'resolved', rating: null, mergedInto: { serial: s.primary.serial, status: 'replied' } });
      expect(seen.allowedActions).toContain('rate');
      const reply = seen.timeline.find((l) => l.type === 'replied')!;
      expect(reply.text).toBe('师傅您好,女职工澡堂开放时间已延长到晚上九点半,方便下夜班的职工');
      expect(seen.mergedInto!.timeline!.at(-1)).toMatchObject({ type: 'replied', actor: '党群工作部', text: reply.text });
      expectNothingOfThePrimary(JSON.stringify(seen));
      expect(seen.staff).toBeUndefined();
      const mine = await t.http().get('/api/appeals?scope=mine').set('Authorization', `Bearer ${m.token}`);
      expect(mine.body.items.find((a: { id: string }) => a.id === m.appeal.id)).toMatchObject({ status: 'merged', awaitingRating: true });
      const inbox = await t.http().get('/api/me/notices').set('Authorization', `Bearer ${m.token}`);
      expect(inbox.body.items[0]).toMatchObject({ title: '诉求有答复了', body: `您的诉求 ${m.appeal.serial} 有了答复,请查看并评价。` });
      expectNothingOfThePrimary(JSON.stringify(inbox.body));
    }
    // The primary's own worker still reads their reply as written.
    expect((await view(t, s.owner, s.primary.id)).timeline.find((l) => l.type === 'replied')!.text).toBe(REPLY);

    // WeChat: the worker who allowed it gets the reply on their own appeal; the other gets none (no credit).
    await t.app.get(OutboxDispatcher).runDue(new Date(), 500);
    const messages = t.simulator.records.messagesTo(withCredit.openid);
    const replied = messages.filter((m) => m.template_id === t.config.wechat.templates.replied);
    expect(replied).toHaveLength(1);
    expect(replied[0].page).toBe(`pages/detail/index?id=${withCredit.appeal.id}`);
    expect(replied[0].data).toMatchObject({ character_string1: { value: withCredit.appeal.serial }, phrase3: { value: '已解决' } });
    expectNothingOfThePrimary(JSON.stringify(replied[0]));
    expect(t.simulator.records.messagesTo(withoutCredit.openid)).toEqual([]);

    // The call queue holds every worker's appeal; each call is logged on that worker's appeal.
    const queue = await callQueue(t, s.office);
    expect(queue).toEqual(expect.arrayContaining([s.primary.id, withCredit.appeal.id, withoutCredit.appeal.id]));
    const queued = await t.http().get('/api/appeals?queue=calls&limit=100').set('Authorization', `Bearer ${s.office}`);
    expect(queued.body.items.find((a: { id: string }) => a.id === withoutCredit.appeal.id)).toMatchObject({ needsCall: true, callLogged: false });
    expect(queued.body.items.find((a: { id: string }) => a.id === withCredit.appeal.id)).toMatchObject({ needsCall: false });
    const called = await step(t, s.office, withoutCredit.appeal.id, 'calls', { result: 'reached', summary: '已电话告知澡堂延长开放' });
    expect(called.staff!.callLogged).toBe(true);
    expect(called.staff!.sheets).toEqual([]);
    expect(called.timeline.at(-1)).toMatchObject({ type: 'call_logged', text: '回访电话已接通:已电话告知澡堂延长开放' });
    expect(await callQueue(t, s.office)).not.toContain(withoutCredit.appeal.id);
    expect(await callQueue(t, s.office)).toContain(withCredit.appeal.id);

    // Each rates on their own appeal: 满意 recorded, the appeal stays merged, no second rating.
    const rated = await step(t, withCredit.token, withCredit.appeal.id, 'rate', { rating: 'satisfied', comment: '很好' });
    expect(rated).toMatchObject({ status: 'merged', rating: 'satisfied' });
    expect(rated.allowedActions).not.toContain('rate');
    expect((await act(t, withCredit.token, withCredit.appeal.id, 'rate', { rating: 'unsatisfied' })).status).toBe(409);
    expect((await view(t, s.office, s.primary.id)).status).toBe('replied');
    // Nobody else rates another's appeal.
    expect((await act(t, withoutCredit.token, withCredit.appeal.id, 'rate', { rating: 'unsatisfied' })).status).toBe(404);

    // 不满意 from a merged worker sends the primary back to the office, once.
    const unhappy = await step(t, withoutCredit.token, withoutCredit.appeal.id, 'rate', { rating: 'unsatisfied', comment: '周末还是关得早' });
    expect(unhappy).toMatchObject({ status: 'merged', rating: 'unsatisfied', outcome: null });
    expect(unhappy.timeline.at(-1)).toMatchObject({ type: 'reopened', text: `已请党群工作部重新办理诉求 ${s.primary.serial}` });
    const primary = await view(t, s.office, s.primary.id);
    expect(primary).toMatchObject({ status: 'accepted', outcome: null });
    expect(primary.staff!.reopenCount).toBe(1);
    expect(primary.staff!.steps.filter((st) => st.step === 'dispatch' && !st.metAt && !st.cancelled)).toHaveLength(1);
    const ownerInbox = await t.http().get('/api/me/notices').set('Authorization', `Bearer ${s.owner}`);
    expect(ownerInbox.body.items[0].title).toBe('诉求重新办理');
    // Both merged appeals give the reply back until the next one: no rating, no call.
    for (const m of s.merged) {
      const seen = await view(t, m.token, m.appeal.id);
      expect(seen.allowedActions).not.toContain('rate');
      expect(seen.mergedInto!.status).toBe('accepted');
      expect(await callQueue(t, s.office)).not.toContain(m.appeal.id);
    }
    expect((await view(t, withCredit.token, withCredit.appeal.id)).rating).toBe('satisfied');

    // The second answer reaches them again and asks again; a second 不满意 reopens nothing.
    await step(t, s.leader, s.primary.id, 'dispatch', { department: 'logistics', instructions: '周末也延长' });
    await step(t, s.logistics, s.primary.id, 'acknowledge');
    await step(t, s.logistics, s.primary.id, 'respond', { outcome: 'explained', text: '周末人手不足,已排班' });
    await step(t, s.office, s.primary.id, 'reply', { text: '周末也开放到晚上九点半' });
    const again = await view(t, withoutCredit.token, withoutCredit.appeal.id);
    expect(again).toMatchObject({ rating: null, outcome: 'explained' });
    expect(again.allowedActions).toContain('rate');
    expect(again.timeline.filter((l) => l.type === 'replied').map((l) => l.text)).toEqual([
      '师傅您好,女职工澡堂开放时间已延长到晚上九点半,方便下夜班的职工',
      '周末也开放到晚上九点半',
    ]);
    await step(t, withoutCredit.token, withoutCredit.appeal.id, 'rate', { rating: 'unsatisfied' });
    expect((await view(t, s.office, s.primary.id)).status).toBe('replied');
    expect(await callQueue(t, s.office)).toEqual(expect.arrayContaining([withCredit.appeal.id, withoutCredit.appeal.id]));
  });

  it("counts each merged worker in the month's rates: replied with the primary, called and rated on their own", async () => {
    const { t, org } = ctx;
    const leader = await t.login(org.staff.leader);
    const live = async () =>
      (
        await t
          .http()
          .get(`/api/reports/live/${new Date().toISOString().slice(0, 7)}`)
          .set('Authorization', `Bearer ${leader}`)
      ).body;
    const before = (await live()).counts;
    const since = (now: Record<string, number>, names: string[]) => names.map((name) => now[name] - before[name]);
    const s = await scene(t, org, 2);
    // Three workers, three valid appeals, none replied yet; nothing 核减.
    expect(since((await live()).counts, ['total', 'valid', 'merged', 'rejected', 'replied'])).toEqual([3, 3, 2, 0, 0]);
    await step(t, s.office, s.primary.id, 'reply', { text: '已延长开放时间' });
    await step(t, s.office, s.merged[0].appeal.id, 'calls', { result: 'reached' });
    await step(t, s.merged[1].token, s.merged[1].appeal.id, 'rate', { rating: 'basic' });
    const after = await live();
    // Replied and resolved: all three; called and rated: one each; the department's answer: once, on the primary.
    expect(since(after.counts, ['valid', 'replied', 'resolved', 'called', 'rated', 'satisfied', 'answerDue', 'triageDue'])).toEqual([3, 3, 3, 1, 1, 1, 1, 3]);
    expect(after.exclusions.map((x: { serial: string }) => x.serial)).not.toContain(s.merged[0].appeal.serial);
  });

  it("lets a merged worker rate within 7 days of the reply reaching their appeal, as the primary's worker", async () => {
    const { t, org } = ctx;
    const DAY = 24 * 3600_000;
    const s = await scene(t, org, 1);
    const [m] = s.merged;
    const rateOf = (token: string, id: string, rating: string) => act(t, token, id, 'rate', { rating });
    const awaiting = async (token: string, id: string) =>
      ((await t.http().get('/api/appeals?scope=mine').set('Authorization', `Bearer ${token}`)).body.items.find((a: { id: string }) => a.id === id) as { awaitingRating: boolean })
        .awaitingRating;
    try {
      const repliedAt = new Date(Date.now() + DAY);
      t.setNow(repliedAt);
      await step(t, s.office, s.primary.id, 'reply', { text: '已延长开放时间' });
      // A minute before the window ends: both workers are still asked, and may rate.
      t.setNow(new Date(repliedAt.getTime() + 7 * DAY - 60_000));
      expect((await view(t, m.token, m.appeal.id)).allowedActions).toContain('rate');
      expect((await view(t, s.owner, s.primary.id)).allowedActions).toContain('rate');
      expect(await awaiting(m.token, m.appeal.id)).toBe(true);
      // At its end: neither is asked any more; a rating sent now is refused with a sentence.
      t.setNow(new Date(repliedAt.getTime() + 7 * DAY));
      expect((await view(t, m.token, m.appeal.id)).allowedActions).not.toContain('rate');
      expect(await awaiting(m.token, m.appeal.id)).toBe(false);
      for (const [token, id] of [
        [m.token, m.appeal.id],
        [s.owner, s.primary.id],
      ]) {
        const late = await rateOf(token, id, 'unsatisfied');
        expect([late.status, late.body.code, /[\u4e00-\u9fa5]/.test(late.body.message)]).toEqual([409, 'RATING_WINDOW_CLOSED', true]);
      }
      expect((await view(t, s.office, s.primary.id)).status).toBe('replied');

      // The primary closes by itself; the office takes it up again and replies anew a day later: the
      // merged worker's window runs from that reply, not from the first.
      expect(await t.app.get(WorkflowService).closeUnrated()).toBeGreaterThanOrEqual(1);
      await step(t, s.office, s.primary.id, 'reopen', { reason: '职工反映周末仍关得早' });
      await step(t, s.leader, s.primary.id, 'dispatch', { department: 'logistics', instructions: '周末也延长' });
      await step(t, s.logistics, s.primary.id, 'acknowledge');
      await step(t, s.logistics, s.primary.id, 'respond', { outcome: 'resolved', text: '周末也已延长' });
      const again = new Date(repliedAt.getTime() + 8 * DAY);
      t.setNow(again);
      await step(t, s.office, s.primary.id, 'reply', { text: '周末也开放到晚上九点半' });
      t.setNow(new Date(again.getTime() + 7 * DAY - 60_000));
      expect(await awaiting(m.token, m.appeal.id)).toBe(true);
      expect((await rateOf(m.token, m.appeal.id, 'satisfied')).status).toBe(200);
    } finally {
      t.setNow(null);
    }
  });

  it("counts a primary with 2 merged into it, replied, in the month's figures: all three replied with its outcome, 回复率 100%, the department's answer once", async () => {
    const { t } = ctx;
    // An organisation of its own: its month holds these three appeals only.
    const org = await t.createOrg();
    const s = await scene(t, org, 2);
    await step(t, s.office, s.primary.id, 'reply', { text: '已延长开放时间' });
    const month = s.primary.createdAt.slice(0, 7);
    const response = await t.http().get(`/api/reports/live/${month}`).set('Authorization', `Bearer ${s.leader}`);
    expect(response.status).toBe(200);
    const figures = response.body as ReportFigures;
    const pick = (c: ReportFigures['counts'], names: Array<keyof ReportFigures['counts']>) => names.map((name) => c[name]);
    expect(pick(figures.counts, ['total', 'valid', 'merged', 'rejected', 'replied', 'resolved', 'answerDue'])).toEqual([3, 3, 2, 0, 3, 3, 1]);
    expect(figures.rates.replyRate).toEqual({ numerator: 3, denominator: 3, value: 1 });
    expect(figures.byOutcome).toEqual({ resolved: 3 });
    expect(figures.exclusions).toEqual([]);
    // The department handled it once: the primary, its answer once; the merged ones were never given to a department.
    const logistics = figures.byDepartment.find((d) => d.code === 'logistics')!;
    expect(pick(logistics.counts, ['total', 'valid', 'replied', 'answerDue', 'answers'])).toEqual([1, 1, 1, 1, 1]);
    expect(logistics.coParts).toBeUndefined();
    const undispatched = figures.byDepartment.find((d) => d.code === null)!;
    expect(pick(undispatched.counts, ['total', 'merged', 'replied', 'answerDue', 'answers'])).toEqual([2, 2, 2, 0, 0]);
    expect(figures.byDepartment.reduce((n, d) => n + d.counts.total, 0)).toBe(3);
    // The kept counts give what the month's appeals give.
    const entity = (await t.app.get(OrgRepository).findOrgByCode(org.code))!;
    const builder = t.app.get(ReportFiguresBuilder);
    const asOf = new Date();
    expect(await builder.figures(entity, month, asOf)).toEqual(await builder.figuresFromAppeals(entity, month, asOf));
  });

  it('lets a merged worker follow the appeal theirs was merged into when that one is merged in turn', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const [a, b, c] = [await t.login(uniqueName('a')), await t.login(uniqueName('b')), await t.login(uniqueName('c'))];
    const { body: first } = await submitAppeal(t, a, validAppeal(org.code));
    const { body: second } = await submitAppeal(t, b, validAppeal(org.code));
    const { body: third } = await submitAppeal(t, c, validAppeal(org.code));
    await step(t, office, third.id, 'merge', { into: second.serial });
    await step(t, office, second.id, 'merge', { into: first.serial });
    expect((await view(t, c, third.id)).mergedInto).toMatchObject({ id: first.id, serial: first.serial });
  });

  it('keeps one rating of a merged worker tapping 20 times at once', async () => {
    const { t, org } = ctx;
    const s = await scene(t, org, 1);
    await step(t, s.office, s.primary.id, 'reply', { text: '已延长开放时间' });
    const [m] = s.merged;
    const seen = await view(t, m.token, m.appeal.id);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => act(t, m.token, m.appeal.id, 'rate', { rating: i % 2 ? 'satisfied' : 'unsatisfied', version: seen.version })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(19);
    const after = await view(t, s.office, m.appeal.id);
    expect(after.timeline.filter((l) => l.type === 'rated')).toHaveLength(1);
    const primary = await view(t, s.office, s.primary.id);
    expect(primary.staff!.reopenCount).toBe(after.rating === 'unsatisfied' ? 1 : 0);
    expect(primary.timeline.filter((l) => l.type === 'reopened')).toHaveLength(after.rating === 'unsatisfied' ? 1 : 0);
  });

  it('reopens the primary once when 20 merged workers rate 不满意 at once', async () => {
    const { t, org } = ctx;
    const s = await scene(t, org, 20);
    await step(t, s.office, s.primary.id, 'reply', { text: '已延长开放时间' });
    const answers = await Promise.all(s.merged.map((m) => act(t, m.token, m.appeal.id, 'rate', { rating: 'unsatisfied' })));
    // The first sends it back; the reply the others were rating is withdrawn under them (rated while it stands).
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(19);
    const primary = await view(t, s.office, s.primary.id);
    expect(primary).toMatchObject({ status: 'accepted' });
    expect(primary.staff!.reopenCount).toBe(1);
    expect(primary.timeline.filter((l) => l.type === 'reopened')).toHaveLength(1);
    expect(primary.staff!.steps.filter((st) => st.step === 'dispatch' && !st.metAt && !st.cancelled)).toHaveLength(1);
    const ratings = await Promise.all(s.merged.map((m) => view(t, m.token, m.appeal.id)));
    expect(ratings.filter((v) => v.rating === 'unsatisfied')).toHaveLength(1);
    expect(ratings.filter((v) => v.allowedActions.includes('rate'))).toEqual([]);
    expect(ratings.filter((v) => v.timeline.some((l) => l.type === 'reopened' && l.text === `已请党群工作部重新办理诉求 ${s.primary.serial}`))).toHaveLength(1);
  });
});
