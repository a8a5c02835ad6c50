// Notifications that always arrive, and never twice: the outbox with credits, retries and leases,
// against a WeChat simulator that fails sends at random.
import { Clock } from '../src/common/clock.js';
import { Transactions } from '../src/database/transactions.js';
import { OutboxDispatcher, LEASE_MS, type DispatcherHooks } from '../src/notifications/outbox-dispatcher.js';
import { OutboxRepository, pendingMessage } from '../src/notifications/outbox.repository.js';
import { SubscriptionCredit } from '../src/subscriptions/entities/subscription-credit.entity.js';
import { SubscriptionsRepository } from '../src/subscriptions/subscriptions.repository.js';
import { WechatApiClient } from '../src/wechat/wechat-api.client.js';
import { WecomRobotClient } from '../src/wechat/wecom-robot.client.js';
import type { WechatService } from '../src/wechat/wechat.service.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';
import { timeBudget } from './support/time-budget.js';

/** Gives a user `n` credits of a template straight in the ledger, and WeChat the same n (as n accepted taps would). */
async function grantCredits(t: TestApp, openid: string, templateId: string, n: number): Promise<string> {
  await t.login(openid);
  for (let i = 0; i < n; i++) t.simulator.acceptSubscriptions(openid, { [templateId]: 'accept' });
  const [user] = await t.db.query('SELECT id FROM users WHERE openid = ?', [openid]);
  await t.db.getRepository(SubscriptionCredit).insert({ userId: user.id, templateId, credits: n, updatedAt: new Date() });
  return user.id;
}

async function enqueue(t: TestApp, userId: string, openid: string, templateId: string, key: string): Promise<void> {
  const orgId = (await t.db.query('SELECT id FROM organizations LIMIT 1'))[0].id;
  const now = new Date();
  await t.app.get(Transactions).run((manager) =>
    t.app.get(OutboxRepository).enqueue(
      manager,
      pendingMessage(
        {
          channel: 'wechat',
          orgId,
          userId,
          touser: openid,
          appealId: null,
          dedupeKey: key,
          templateId,
          page: `pages/detail/index?m=${key}`,
          data: JSON.stringify({
            character_string1: { value: 'CY202611-0001' },
            thing2: { value: '诉求已受理' },
            phrase3: { value: '已受理' },
            time4: { value: '2026-11-24 10:00' },
          }),
        },
        now,
      ),
    ),
  );
}

/**
 * A dispatcher whose WeChat client gives up after 500 ms, so the simulator's hung sends time out
 * quickly; the application itself keeps its ordinary timeout for everything else (logins, checks).
 */
const dispatcher = (t: TestApp, hooks: DispatcherHooks = {}) => {
  const client = new WechatApiClient({ baseUrl: t.simulator.baseUrl, appid: t.config.wechat.appid, secret: t.config.wechat.secret, timeoutMs: 500 });
  const robot = new WecomRobotClient({ baseUrl: t.simulator.baseUrl, timeoutMs: 500 });
  return new OutboxDispatcher(
    t.app.get(OutboxRepository),
    t.app.get(SubscriptionsRepository),
    t.app.get(Transactions),
    { client, robot } as WechatService,
    t.app.get(Clock),
    hooks,
  );
};

describe.each(enginesUnderTest())('the notification outbox on %s', (engine) => {
  const ctx = useTestApp(engine);
  afterEach(() => ctx.t.simulator.failSends(null));

  it(
    'delivers 1,000 messages exactly once through 30% failed sends',
    async () => {
      const { t } = ctx;
      const template = t.config.wechat.templates.accepted;
      const workers: Array<{ openid: string; id: string }> = [];
      for (let i = 0; i < 20; i++) {
        const openid = uniqueName(`bulk${i}`);
        workers.push({ openid, id: await grantCredits(t, openid, template, 60) });
      }
      for (let i = 0; i < 1000; i++) {
        const w = workers[i % workers.length];
        await enqueue(t, w.id, w.openid, template, `bulk-${engine}-${i}`);
      }
      // An event retried must not make a second message.
      await enqueue(t, workers[0].id, workers[0].openid, template, `bulk-${engine}-0`);

      t.simulator.failSends({ rate: 0.3, timeoutShare: 0.05, hangMs: 1500, seed: 7 });
      const outbox = dispatcher(t);
      let now = Date.now();
      let failures = 0;
      for (let round = 0; round < 40; round++) {
        for (;;) {
          const report = await outbox.runDue(new Date(now), 200);
          failures += report.retried;
          if (report.sent + report.retried + report.noCredit + report.dead === 0) break;
        }
        now += 3600_000; // past the longest backoff
      }
      expect(failures).toBeGreaterThan(200);

      const delivered = workers.flatMap((w) => t.simulator.records.messagesTo(w.openid)).map((m) => m.page);
      expect(delivered).toHaveLength(1000);
      expect(new Set(delivered).size).toBe(1000);
      const states = await t.db.query('SELECT state, COUNT(*) AS n FROM outbox_messages WHERE dedupe_key LIKE ? GROUP BY state', [`bulk-${engine}-%`]);
      expect(states.map((r: { state: string; n: string }) => [r.state, Number(r.n)])).toEqual([['sent', 1000]]);
      const ids = new Set(workers.map((w) => w.id));
      const ledger = (await t.db.getRepository(SubscriptionCredit).findBy({ templateId: template })).filter((c) => ids.has(c.userId));
      expect(ledger.reduce((sum, c) => sum + c.credits, 0)).toBe(20 * 60 - 1000);
    },
    timeBudget(1000, 300),
  ); // each message enqueued, leased and sent, a third of them more than once: ~30 ms a message on a busy machine

  it('calls WeChat for nobody without credit: the inbox and the call queue carry the reply', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const openid = uniqueName('nocredit');
    const worker = await t.login(openid);
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    for (const [who, action, payload] of [
      [office, 'accept', {}],
      [office, 'dispatch', { department: 'logistics', instructions: '请处理' }],
      [await t.login(org.staff.logistics), 'acknowledge', {}],
      [await t.login(org.staff.logistics), 'respond', { outcome: 'resolved', text: '已修好' }],
      [office, 'reply', { text: '热水器已修好,请您试用' }],
    ] as const) {
      expect((await act(t, who, body.id, action, payload)).status).toBe(200);
    }
    const report = await dispatcher(t).runDue(new Date(), 200);
    expect(report.noCredit).toBeGreaterThanOrEqual(2);
    expect(t.simulator.records.received().filter((r) => r.api === 'subscribe/send' && (r.body as { touser: string }).touser === openid)).toEqual([]);
    const inbox = await t.http().get('/api/me/notices').set('Authorization', `Bearer ${worker}`);
    expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('诉求有答复了');
    const queue = await t.http().get('/api/appeals?queue=calls').set('Authorization', `Bearer ${office}`);
    const item = queue.body.items.find((a: { id: string }) => a.id === body.id);
    // Marked: no message reached this worker, only a phone call will.
    expect(item).toMatchObject({ needsCall: true, callLogged: false });
    expect(queue.body.items[0].needsCall).toBe(true);
    await act(t, office, body.id, 'calls', { result: 'reached', summary: '已电话告知' });
    const after = await t.http().get('/api/appeals?queue=calls').set('Authorization', `Bearer ${office}`);
    expect(after.body.items.map((a: { id: string }) => a.id)).not.toContain(body.id);
  });

  it('sends the reply to a worker who allowed it, fitted to the template, linking to the appeal', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const openid = uniqueName('credit');
    const worker = await t.login(openid);
    const { replied, accepted } = t.config.wechat.templates;
    await t.acceptMessages(worker, { [replied]: 'accept', [accepted]: 'accept' });
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    await act(t, office, body.id, 'accept');
    await act(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
    const logistics = await t.login(org.staff.logistics);
    await act(t, logistics, body.id, 'acknowledge');
    await act(t, logistics, body.id, 'respond', { outcome: 'resolved', text: '已修好' });
    await act(t, office, body.id, 'reply', { text: '女职工澡堂开放时间已延长到晚上九点半,方便下夜班的职工,请您监督' });
    await dispatcher(t).runDue(new Date(), 200);
    const messages = t.simulator.records.messagesTo(openid);
    expect(messages.map((m) => m.template_id)).toEqual([accepted, replied]);
    expect(messages[1].page).toBe(`pages/detail/index?id=${body.id}`);
    expect(messages[1].data).toMatchObject({ character_string1: { value: body.serial }, phrase3: { value: '已解决' } });
    expect(Array.from(messages[1].data.thing2.value)).toHaveLength(20);
    // Pushed: the reply reached the worker, so the call queue does not mark it as the only way.
    const queue = await t.http().get('/api/appeals?queue=calls').set('Authorization', `Bearer ${office}`);
    expect(queue.body.items.find((a: { id: string }) => a.id === body.id)).toMatchObject({ needsCall: false });
  });

  it.each([
    ['before the call', 'beforeCall', 1],
    ['after WeChat accepted, before the row was marked sent', 'afterAccepted', 2],
  ] as const)('loses nothing when the dispatcher dies %s', async (_, point, deliveries) => {
    const { t } = ctx;
    // The accepted template: the one whose keys enqueue()'s data carries (WeChat refuses another's, 47003).
    const template = t.config.wechat.templates.accepted;
    const openid = uniqueName(`crash_${point}`);
    const userId = await grantCredits(t, openid, template, 5);
    // What the other tests left due within these ten minutes (the office's digests of their new appeals) goes first.
    const ahead = new Date(Date.now() + 11 * LEASE_MS);
    for (let round = 0; round < 20; round++) {
      const { sent, retried, noCredit, dead } = await dispatcher(t).runDue(ahead, 500);
      if (sent + retried + noCredit + dead === 0) break;
    }
    await enqueue(t, userId, openid, template, `crash-${engine}-${point}`);
    const start = Date.now();
    const crash: DispatcherHooks = { [point]: () => Promise.reject(new Error('the process died here')) };
    await expect(dispatcher(t, crash).runDue(new Date(start))).rejects.toThrow('died');
    // Restarted: within the lease nothing is taken again; after it, the message goes.
    expect((await dispatcher(t).runDue(new Date(start + 1000))).sent).toBe(0);
    expect((await dispatcher(t).runDue(new Date(start + LEASE_MS + 1000))).sent).toBe(1);
    expect((await dispatcher(t).runDue(new Date(start + 10 * LEASE_MS))).sent).toBe(0);
    expect(t.simulator.records.messagesTo(openid)).toHaveLength(deliveries);
    const [{ credits }] = await t.db.query('SELECT credits FROM subscription_credits WHERE user_id = ?', [userId]);
    expect(Number(credits)).toBe(4);
  });
});
