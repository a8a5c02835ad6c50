// WeChat's platform rules the product meets, shown through the product's own routes against the
// simulator that enforces them: the 公众号's menu set with the 公众号's own token, and the link-QR rule's
// verification file served from the rule's folder.
import { Transactions } from '../src/database/transactions.js';
import { OutboxDispatcher } from '../src/notifications/outbox-dispatcher.js';
import { OutboxRepository, pendingMessage } from '../src/notifications/outbox.repository.js';
import { WechatApiError } from '../src/wechat/wechat-api.client.js';
import { WechatService } from '../src/wechat/wechat.service.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { useTestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const OA_APPID = 'wxoa0000000000mine';
const VERIFY = { name: 'Xk3vQ9aB2c.txt', content: '5d41402abc4b2a76b9719d911017c592' };

describe.each(enginesUnderTest())("WeChat's platform rules on %s", (engine) => {
  const ctx = useTestApp(engine, {
    WECHAT_OFFICIAL_ACCOUNTS: `oamine=${OA_APPID}:oa-secret`,
    WECHAT_LINK_QR_VERIFY_FILE: `${VERIFY.name}:${VERIFY.content}`,
    // A 公共模板库 template whose keys are not the product's first template's.
    WECHAT_TEMPLATE_ACCEPTED: 'lib-accepted:character_string19,thing7,thing3,date2',
  });

  it("sets the menu with the organisation's 公众号 token: 诉求公示 opens the public tab, the resolved page as the fallback", async () => {
    const { t } = ctx;
    const org = await t.createOrg('oamine');
    expect(
      (
        await t
          .http()
          .post('/api/admin/official-account-menu')
          .set(auth(await t.login(org.staff.coordinator)))
      ).status,
    ).toBe(403);
    t.simulator.records.clear();
    const response = await t
      .http()
      .post('/api/admin/official-account-menu')
      .set(auth(await t.login(org.staff.admin)));
    expect(response.status).toBe(200);
    // The token was the 公众号's: asked for with its appid, and the menu is that account's.
    const tokenAsked = t.simulator.records.received().filter((r) => r.api === 'stable_token');
    expect(tokenAsked.map((r) => (r.body as { appid: string }).appid)).toEqual([OA_APPID]);
    const menu = t.simulator.records.menu(OA_APPID);
    expect(menu).toEqual(response.body);
    const publicButton = menu!.button.find((b) => b.name === '诉求公示')!;
    expect(publicButton).toMatchObject({
      type: 'miniprogram',
      appid: t.config.wechat.appid,
      // The mine's own report: each mine's menu names it.
      pagepath: `pages/public/index?org=${org.code}`,
      url: `${t.config.publicBaseUrl}/p/${org.code}/resolved`,
    });
    // The fallback link is a page that answers.
    expect((await t.http().get(new URL(publicButton.url!).pathname)).status).toBe(200);
  });

  it("is refused (48001) with the mini-program's token, as real WeChat refuses it", async () => {
    const { t } = ctx;
    const miniProgram = t.app.get(WechatService).client;
    const refused = await miniProgram.createMenu({ button: [{ type: 'view', name: '公示', url: `${t.config.publicBaseUrl}/p/x/resolved` }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WechatApiError);
    expect(refused).toMatchObject({ api: 'menu/create', errcode: 48001 });
  });

  it('tells the administrator of a mine without its own 公众号 that none is configured, and calls no WeChat', async () => {
    const { t, org } = ctx;
    t.simulator.records.clear();
    const response = await t
      .http()
      .post('/api/admin/official-account-menu')
      .set(auth(await t.login(org.staff.admin)));
    expect([response.status, response.body.code, response.body.message]).toEqual([409, 'OFFICIAL_ACCOUNT_MISSING', '本单位还没有配置自己的公众号,设置不了菜单,请联系系统管理员']);
    expect(t.simulator.records.received().filter((r) => r.api === 'menu/create')).toEqual([]);
  });

  it("sends the accepted message under the configured template's own keys; WeChat refuses other keys (47003) and unknown templates (40037)", async () => {
    const { t, org } = ctx;
    const worker = await t.login('tmpl_worker');
    await t.acceptMessages(worker, { 'lib-accepted': 'accept' });
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    await act(t, await t.login(org.staff.coordinator), body.id, 'accept');
    await t.app.get(OutboxDispatcher).runDue(new Date(), 50);
    const [message] = t.simulator.records.messagesTo('tmpl_worker');
    expect(message.template_id).toBe('lib-accepted');
    // The version it opens is the configured one (WECHAT_ENV_VERSION release: formal), sent, not left to WeChat's default.
    expect(message.miniprogram_state).toBe('formal');
    expect(Object.keys(message.data).sort()).toEqual(['character_string19', 'date2', 'thing3', 'thing7']);
    expect(message.data).toMatchObject({ character_string19: { value: body.serial }, thing3: { value: '已受理' } });

    const client = t.app.get(WechatService).client;
    const send = (template_id: string, data: Record<string, { value: string }>) =>
      client.sendSubscribeMessage({ touser: 'tmpl_worker', template_id, data }).catch((e: unknown) => e);
    const productsFirstKeys = { character_string1: { value: 'CY1' }, thing2: { value: '好' }, phrase3: { value: '已受理' }, time4: { value: '2026-12-01 10:00' } };
    expect(await send('lib-accepted', productsFirstKeys)).toMatchObject({ errcode: 47003, errmsg: expect.stringContaining('data.character_string19.value is empty') });
    expect(await send('tmpl-never-picked', productsFirstKeys)).toMatchObject({ errcode: 40037 });
  });

  it("spends WeChat's one-time credits one message each: an answer the phone never gave WeChat is refused 43101, and the news waits in the inbox", async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const accepted = t.config.wechat.templates.accepted;
    // An answer posted to the server that WeChat never recorded (a replayed or forged request, another phone's
    // answer): the server counts a credit, WeChat holds none.
    const forger = await t.login('credit_forger');
    await t
      .http()
      .post('/api/me/subscriptions')
      .set(auth(forger))
      .send({ results: { [accepted]: 'accept' } });
    expect((await t.http().get('/api/me/subscriptions').set(auth(forger))).body.credits).toEqual({ [accepted]: 1 });
    const forged = await submitAppeal(t, forger, validAppeal(org.code));
    await act(t, office, forged.body.id, 'accept');
    await t.app.get(OutboxDispatcher).runDue(new Date(), 50);
    expect(t.simulator.records.messagesTo('credit_forger')).toEqual([]);
    const rows = await t.db.query("SELECT state, last_error AS lastError FROM outbox_messages WHERE touser = 'credit_forger'");
    expect(rows).toEqual([{ state: 'no_credit', lastError: expect.stringContaining('43101') }]);
    // The server believes WeChat: its credit is cleared, and the worker reads the news in 我的诉求 instead.
    expect((await t.http().get('/api/me/subscriptions').set(auth(forger))).body.credits).toEqual({ [accepted]: 0 });
    const notices = await t.http().get('/api/me/notices').set(auth(forger));
    expect(JSON.stringify(notices.body)).toContain(forged.body.serial);

    // A worker who tapped 允许 once: one message sent, the next news finds no credit on either side and WeChat is not called.
    const worker = await t.login('credit_once');
    await t.acceptMessages(worker, { [accepted]: 'accept' });
    const first = await submitAppeal(t, worker, validAppeal(org.code));
    await act(t, office, first.body.id, 'accept');
    await t.app.get(OutboxDispatcher).runDue(new Date(), 50);
    expect(t.simulator.records.messagesTo('credit_once')).toHaveLength(1);
    expect(t.simulator.creditsOf('credit_once', accepted)).toBe(0);
    const sendsBefore = t.simulator.records.received().filter((r) => r.api === 'subscribe/send').length;
    const second = await submitAppeal(t, worker, { ...validAppeal(org.code), content: '宿舍三楼的水龙头一直在漏水,请来修一下' });
    await act(t, office, second.body.id, 'accept');
    const report = await t.app.get(OutboxDispatcher).runDue(new Date(), 50);
    expect(report.noCredit).toBeGreaterThanOrEqual(1);
    expect(t.simulator.records.received().filter((r) => r.api === 'subscribe/send').length).toBe(sendsBefore);
  });

  it("paces a department's group robot under WeChat's 20 messages a minute: 25 posts go as 20, then 5 a minute later, none refused", async () => {
    const { t } = ctx;
    const key = 'robot-pace-key-0001';
    const start = new Date(Date.now() + 3600_000); // a minute of its own, clear of the other tests' sends
    const [{ id: orgId }] = await t.db.query('SELECT id FROM organizations LIMIT 1');
    // What the other tests left due by then (the office's digests of their new appeals) goes first, not in this minute's count.
    await t.app.get(OutboxDispatcher).runDue(start, 500);
    await t.app.get(Transactions).run(async (manager) => {
      for (let i = 0; i < 25; i++) {
        const draft = {
          channel: 'robot' as const,
          orgId,
          appealId: null,
          userId: null,
          touser: key,
          dedupeKey: `pace-${t.engine}-${i}`,
          templateId: '',
          page: '',
          data: JSON.stringify({ markdown: `**第${i + 1}条**` }),
        };
        await t.app.get(OutboxRepository).enqueue(manager, pendingMessage(draft, start));
      }
    });
    const at = (ms: number) => {
      const now = new Date(start.getTime() + ms);
      t.simulator.setNow(now);
      return now;
    };
    try {
      const dispatcher = t.app.get(OutboxDispatcher);
      expect(await dispatcher.runDue(at(0), 50)).toMatchObject({ sent: 20, retried: 5, dead: 0 });
      const posts = () => t.simulator.records.received().filter((r) => r.api === 'webhook/send' && r.query.key === key).length;
      expect(posts()).toBe(20); // the 5 over the minute's 20 were held back, not posted and refused
      expect((await dispatcher.runDue(at(59_000), 50)).sent).toBe(0);
      expect(await dispatcher.runDue(at(60_000), 50)).toMatchObject({ sent: 5, retried: 0 });
      expect(t.simulator.records.robotMessages(key)).toHaveLength(25);
      // WeChat never had to refuse one: every post it received, it took.
      expect(posts()).toBe(25);
      const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM outbox_messages WHERE touser = ? AND state = 'sent' AND attempts = 1", [key]);
      expect(Number(n)).toBe(25);
    } finally {
      t.simulator.setNow(null);
    }
  });

  it("takes the worker's appeal when msg_sec_check is over its per-minute quota (45009): stored, flagged for the office", async () => {
    const { t, org } = ctx;
    const worker = await t.login('quota_worker');
    t.simulator.limitContentChecks(1);
    try {
      const first = await submitAppeal(t, worker, validAppeal(org.code, { content: '食堂的饭菜太咸了,希望改进' }));
      const second = await submitAppeal(t, worker, validAppeal(org.code, { content: '澡堂的热水不够用,希望改进' }));
      expect([first.status, second.status]).toEqual([201, 201]);
      const office = await t.login(org.staff.coordinator);
      const view = async (id: string) => (await t.http().get(`/api/appeals/${id}`).set(auth(office))).body as { underReview?: boolean };
      expect([(await view(first.body.id)).underReview, (await view(second.body.id)).underReview]).toEqual([false, true]);
    } finally {
      t.simulator.limitContentChecks(null);
    }
  });

  it('logs in with a wx.login code once: used again (40163) or after 5 minutes (40029) it is refused, so the mini-program logs in anew', async () => {
    const { t } = ctx;
    const login = (code: string) => t.http().post('/api/auth/wx-login').send({ code });
    const code = t.simulator.loginCode('once_worker');
    expect((await login(code)).status).toBe(200);
    const again = await login(code);
    expect([again.status, again.body.code, again.body.message]).toEqual([401, 'AUTH_CODE_INVALID', '微信登录失败,请重新进入小程序再试']);
    expect((await login(t.simulator.loginCode('once_worker', { ageMs: 5 * 60_000 + 1000 }))).body.code).toBe('AUTH_CODE_INVALID');
    // The demo's test: codes are the stated exception: the same one logs in again.
    for (let i = 0; i < 2; i++) expect((await login('test:once_worker')).status).toBe(200);
  });

  it("answers WeChat's link-QR verification file from the rule's folder, /q/<file>.txt, and still lands stickers", async () => {
    const { t, org } = ctx;
    const file = await t.http().get(`/q/${VERIFY.name}`);
    expect([file.status, file.headers['content-type'], file.text]).toEqual([200, 'text/plain; charset=utf-8', VERIFY.content]);
    const landing = await t.http().get(`/q/${org.code}`);
    expect([landing.status, landing.headers.location]).toEqual([302, `/#/pages/submit/index?org=${org.code}`]);
    expect((await t.http().get('/q/other.txt')).headers.location).toBe('/#/pages/submit/index');
  });
});
