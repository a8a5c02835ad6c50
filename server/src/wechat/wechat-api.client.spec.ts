import { WechatApiClient, WechatApiError } from './wechat-api.client.js';
import { WecomRobotClient } from './wecom-robot.client.js';
import { startWechatSimulator, type WechatSimulator } from './simulator/wechat-simulator.js';

describe('the WeChat client against the simulator', () => {
  let simulator: WechatSimulator;
  let client: WechatApiClient;
  beforeAll(async () => {
    simulator = await startWechatSimulator({
      appid: 'wxtest',
      secret: 's3cret',
      releasedPages: ['pages/submit/index', 'pages/detail/index'],
      officialAccounts: [
        { appid: 'wxoa0000000000000a', secret: 'oa-a', linkedMiniPrograms: ['wxtest'] },
        { appid: 'wxoa0000000000000b', secret: 'oa-b', linkedMiniPrograms: [] },
        { appid: 'wxoa0000000000000c', secret: 'oa-c', certified: false, linkedMiniPrograms: ['wxtest'] },
      ],
    });
  });
  beforeEach(() => {
    // A generous timeout: the simulator's first JPEG loads libvips, slow on a busy machine (this spec times nothing).
    client = new WechatApiClient({ baseUrl: simulator.baseUrl, appid: 'wxtest', secret: 's3cret', timeoutMs: 30_000 });
    simulator.records.clear();
  });
  afterAll(() => simulator.close());

  const tokenFetches = () => simulator.records.received().filter((r) => r.api === 'stable_token').length;
  const caught = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as WechatApiError,
    );

  it('logs in with a test code and refuses a bad one with 40029', async () => {
    await expect(client.code2Session('test:alice')).resolves.toMatchObject({ openid: 'alice', session_key: expect.any(String) });
    expect(await caught(client.code2Session('0a3bXkll2'))).toMatchObject({ errcode: 40029, api: 'jscode2session' });
  });

  it('fetches one token for many calls and a new one after WeChat expired it', async () => {
    await Promise.all([1, 2, 3].map(() => client.msgSecCheck({ openid: 'alice', content: '食堂的饭菜太咸了', scene: 3 })));
    expect(tokenFetches()).toBe(1);
    simulator.expireTokens();
    await expect(client.msgSecCheck({ openid: 'alice', content: '澡堂热水不够', scene: 3 })).resolves.toMatchObject({ suggest: 'pass' });
    expect(tokenFetches()).toBe(2);
  });

  it('reads the content verdict from result.suggest', async () => {
    await expect(client.msgSecCheck({ openid: 'a', content: '正常的诉求内容', scene: 3 })).resolves.toMatchObject({ suggest: 'pass', label: 100 });
    await expect(client.msgSecCheck({ openid: 'a', content: '【待审测试】', scene: 3 })).resolves.toMatchObject({ suggest: 'review' });
    await expect(client.msgSecCheck({ openid: 'a', content: '宿舍有人赌博', scene: 3 })).resolves.toMatchObject({ suggest: 'risky' });
  });

  it('sends a subscription message that fits the template limits, and refuses one that does not', async () => {
    await client.code2Session('test:bob');
    const message = {
      touser: 'bob',
      template_id: 'tmpl-replied',
      page: 'pages/detail/index?id=1',
      data: { thing1: { value: '澡堂开放时间已延长' }, phrase2: { value: '已解决' } },
    };
    simulator.acceptSubscriptions('bob', { 'tmpl-replied': 'accept' });
    simulator.acceptSubscriptions('bob', { 'tmpl-replied': 'accept' });
    await client.sendSubscribeMessage(message);
    expect(simulator.records.messagesTo('bob')).toEqual([expect.objectContaining({ template_id: 'tmpl-replied', data: message.data })]);
    const tooLong = await caught(client.sendSubscribeMessage({ ...message, data: { thing1: { value: '这是一条超过二十个字的事项说明文字会被微信拒绝' } } }));
    expect(tooLong).toMatchObject({ errcode: 47003 });
    expect(simulator.records.messagesTo('bob')).toHaveLength(1);
  });

  it('sends the configured miniprogram_state with every message, and WeChat refuses an unknown one (47001)', async () => {
    await client.code2Session('test:dora');
    simulator.acceptSubscriptions('dora', { t: 'accept' });
    const trial = new WechatApiClient({ baseUrl: simulator.baseUrl, appid: 'wxtest', secret: 's3cret', miniprogramState: 'trial' });
    await trial.sendSubscribeMessage({ touser: 'dora', template_id: 't', data: { thing1: { value: '好' } } });
    expect(simulator.records.messagesTo('dora').map((m) => m.miniprogram_state)).toEqual(['trial']);
    const beta = { touser: 'dora', template_id: 't', data: { thing1: { value: '好' } }, miniprogram_state: 'beta' as 'trial' };
    expect(await caught(client.sendSubscribeMessage(beta))).toMatchObject({ errcode: 47001 });
  });

  it('refuses a message for the formal version whose page is not released (41030), and takes it for a 体验版', async () => {
    await client.code2Session('test:erin');
    simulator.acceptSubscriptions('erin', { t: 'accept' });
    simulator.acceptSubscriptions('erin', { t: 'accept' });
    simulator.acceptSubscriptions('erin', { t: 'accept' });
    const message = { touser: 'erin', template_id: 't', page: 'admin/appeal/index?id=1', data: { thing1: { value: '好' } } };
    expect(await caught(client.sendSubscribeMessage(message))).toMatchObject({ errcode: 41030, retryable: false });
    await client.sendSubscribeMessage({ ...message, page: 'pages/detail/index?id=1' });
    await client.sendSubscribeMessage({ ...message, miniprogram_state: 'trial' });
    expect(simulator.records.messagesTo('erin').map((m) => m.page)).toEqual(['pages/detail/index?id=1', 'admin/appeal/index?id=1']);
  });

  it('spends one credit per message: each accept of a template allows one message of it, then 43101, and a refused message spends none', async () => {
    await client.code2Session('test:fay');
    const message = { touser: 'fay', template_id: 'tmpl-accepted', data: { thing1: { value: '已受理' } } };
    expect(await caught(client.sendSubscribeMessage(message))).toMatchObject({ errcode: 43101, retryable: false });
    simulator.acceptSubscriptions('fay', { errMsg: 'requestSubscribeMessage:ok', 'tmpl-accepted': 'accept', 'tmpl-replied': 'reject' });
    simulator.acceptSubscriptions('fay', { 'tmpl-accepted': 'accept' });
    expect(simulator.creditsOf('fay', 'tmpl-accepted')).toBe(2);
    // A message WeChat refuses for its data costs no credit.
    expect(await caught(client.sendSubscribeMessage({ ...message, data: { thing1: { value: '' } } }))).toMatchObject({ errcode: 47003 });
    await client.sendSubscribeMessage(message);
    await client.sendSubscribeMessage(message);
    expect(await caught(client.sendSubscribeMessage(message))).toMatchObject({ errcode: 43101 });
    // The credit is the template's: a rejected template, or another one, allows nothing.
    expect(await caught(client.sendSubscribeMessage({ ...message, template_id: 'tmpl-replied' }))).toMatchObject({ errcode: 43101 });
    expect(simulator.records.messagesTo('fay')).toHaveLength(2);
    // A prompt of more than 3 templates is refused by the client: no credit comes of it.
    simulator.acceptSubscriptions('fay', { a: 'accept', b: 'accept', c: 'accept', d: 'accept' });
    expect(simulator.creditsOf('fay', 'a')).toBe(0);
  });

  it('reports no credit (43101) and an unknown openid (40003) as errors not worth retrying', async () => {
    await client.code2Session('test:carol');
    simulator.refuseNext('carol', 43101);
    const refused = await caught(client.sendSubscribeMessage({ touser: 'carol', template_id: 't', data: { thing1: { value: '好' } } }));
    expect(refused).toMatchObject({ errcode: 43101, retryable: false });
    const unknown = await caught(client.sendSubscribeMessage({ touser: 'nobody', template_id: 't', data: { thing1: { value: '好' } } }));
    expect(unknown).toMatchObject({ errcode: 40003 });
  });

  it('answers msg_sec_check over its per-minute quota with 45009, worth retrying', async () => {
    simulator.limitContentChecks(2);
    try {
      for (let i = 0; i < 2; i++) await client.msgSecCheck({ openid: 'a', content: '食堂', scene: 3 });
      expect(await caught(client.msgSecCheck({ openid: 'a', content: '食堂', scene: 3 }))).toMatchObject({ errcode: 45009, retryable: true });
    } finally {
      simulator.limitContentChecks(null);
    }
  });

  it("refuses a group robot's 21st message within a minute (45009, worth retrying)", async () => {
    const robot = new WecomRobotClient({ baseUrl: simulator.baseUrl });
    for (let i = 0; i < 20; i++) await robot.sendMarkdown('robot-limit-0001', `第${i + 1}条`);
    expect(await caught(robot.sendMarkdown('robot-limit-0001', '第21条'))).toMatchObject({ errcode: 45009, retryable: true });
    await robot.sendMarkdown('robot-limit-0002', '另一个机器人不受影响');
    expect(simulator.records.robotMessages('robot-limit-0001')).toHaveLength(20);
  });

  it('turns a network failure into errcode -1, worth retrying', async () => {
    const offline = new WechatApiClient({ baseUrl: 'http://127.0.0.1:9', appid: 'wxtest', secret: 's3cret', timeoutMs: 1000 });
    expect(await caught(offline.code2Session('test:x'))).toMatchObject({ errcode: -1, retryable: true });
  });

  it("returns a mini-program code as JPEG bytes, as WeChat does, and refuses a scene outside WeChat's 32 characters", async () => {
    const jpeg = await client.getUnlimitedQrCode({ scene: "o=cy&s=dorm2!#$'()*+,/:;?@-._~", page: 'pages/submit/index' });
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(simulator.records.received().at(-1)).toMatchObject({ api: 'getwxacodeunlimit' });
    for (const scene of ['x'.repeat(33), 'o=cy s=dorm2', 'o=%E5%A4%A7', 'o=矿', '']) {
      expect(await caught(client.getUnlimitedQrCode({ scene }))).toMatchObject({ errcode: 40169 });
    }
  });

  describe("the official account's menu", () => {
    const oa = (appid: string, secret: string) => new WechatApiClient({ baseUrl: simulator.baseUrl, appid, secret });
    const button = [{ type: 'view' as const, name: '公示', url: 'https://example.cn/p/cy/resolved' }];
    const opensMiniProgram = [{ type: 'miniprogram' as const, name: '反映诉求', appid: 'wxtest', pagepath: 'pages/submit/index', url: 'https://example.cn/q/cy' }];

    it("is set with the 公众号's own token, one menu per account, within its limits", async () => {
      await oa('wxoa0000000000000a', 'oa-a').createMenu({ button });
      await oa('wxoa0000000000000a', 'oa-a').createMenu({ button: opensMiniProgram });
      expect(simulator.records.menu('wxoa0000000000000a')).toEqual({ button: opensMiniProgram });
      expect(await caught(oa('wxoa0000000000000a', 'oa-a').createMenu({ button: [...button, ...button, ...button, ...button] }))).toMatchObject({ errcode: 40016 });
    });

    it("refuses the mini-program's token and an uncertified account (48001), and a mini-program not linked to the account (85005)", async () => {
      expect(await caught(client.createMenu({ button }))).toMatchObject({ errcode: 48001 });
      expect(await caught(oa('wxoa0000000000000c', 'oa-c').createMenu({ button }))).toMatchObject({ errcode: 48001 });
      expect(await caught(oa('wxoa0000000000000b', 'oa-b').createMenu({ button: opensMiniProgram }))).toMatchObject({ errcode: 85005 });
      expect(await caught(oa('wxoa0000000000000b', 'wrong').createMenu({ button }))).toMatchObject({ errcode: 40125 });
      expect(simulator.records.menu('wxoa0000000000000b')).toBeNull();
    });

    it("is the 公众号's token only: the mini-program's APIs refuse it (48001)", async () => {
      expect(await caught(oa('wxoa0000000000000a', 'oa-a').msgSecCheck({ openid: 'a', content: '食堂', scene: 3 }))).toMatchObject({ errcode: 48001 });
    });
  });
});
