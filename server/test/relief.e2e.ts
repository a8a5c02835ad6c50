// Hardship relief through WeChat Pay's simulator, whose answers and notices are signed with a test
// platform key so wechatpay-axios-plugin's verification runs for real: two approvals, the budget,
// the worker's confirmation, a failure, duplicate and forged notices, a notice that never comes, and
// a transfer whose answer was lost — paid once.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config/app-config.js';
import { ReliefService } from '../src/relief/relief.service.js';
import { WechatService } from '../src/wechat/wechat.service.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { approved, auth, claimAndWait, confirmUnheard, decide, eventually, hardshipCase, propose, transfersOf, workerView } from './support/relief-case.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

describe.each(enginesUnderTest())('hardship relief on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('pays the worker after two approvals and their confirmation in WeChat', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    const relief = await approved(t, c);
    expect(relief).toMatchObject({ state: 'wait_user_confirm', amountFen: 50_000, amount: '¥500.00', approvals: { leader: true, approver: true } });
    const mine = await workerView(t, c);
    expect(mine.claim).toMatchObject({ mchId: '1900000001', appId: t.config.wechat.appid, package: expect.any(String) });
    expect(mine).not.toHaveProperty('reason');

    // The worker taps 领取救助金: WeChat confirms, WeChat Pay sends its signed notice.
    expect(await claimAndWait(t, c, mine.claim!.package)).toBe('paid');
    const [bill] = t.simulator.pay!.bills().filter((b) => b.openid === c.worker.openid);
    expect(bill).toMatchObject({ transfer_amount: 50_000, transfer_scene_id: '1002', state: 'SUCCESS' });
    // What WeChat Pay shows the worker and was told: scene 1002's own perception and its one report info.
    expect(transfersOf(t, c)[0]).toMatchObject({
      user_recv_perception: '行政补贴',
      transfer_scene_report_infos: [{ info_type: '补贴类型', info_content: '困难职工救助' }],
      notify_url: `${t.baseUrl.replace('http:', 'https:')}/api/wxpay/notify`,
    });
    const events = await t.db.query("SELECT text, visible_to_worker AS visible FROM appeal_events WHERE appeal_id = ? AND type = 'relief' ORDER BY created_at, id", [c.appealId]);
    expect(events.map((e: { text: string }) => e.text)).toEqual([
      '救助金申请:¥500.00,理由:经走访核实,家庭确有困难',
      '矿领导同意发放救助金 ¥500.00',
      '救助金 ¥500.00 已批准,正在发放',
      '救助金 ¥500.00 已到账',
    ]);
    expect(events.every((e: { visible: unknown }) => !Number(e.visible))).toBe(true);
    const audit = (await t.http().get('/api/admin/audit').set(auth(c.approver))).body.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['relief.propose', 'relief.approve', 'relief.paid']));
  });

  it('records a failed transfer, and a second notice of the same bill changes nothing', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    t.simulator.pay!.failFor(c.worker.openid, 'ACCOUNT_FROZEN');
    const relief = await approved(t, c);
    await t
      .http()
      .post('/__sim/pay/confirm')
      .send({ package: (await workerView(t, c)).claim!.package });
    const failed = await eventually(
      () => t.http().get(`/api/appeals/${c.appealId}/relief`).set(auth(c.office)),
      (r) => r.body.items[0].state === 'failed',
    );
    expect(failed.body.items[0]).toMatchObject({ state: 'failed', failReason: '职工的微信零钱账户被冻结,无法收款' });
    // The code itself is in the audit log.
    const [entry] = await t.db.query("SELECT `after` AS after FROM audit_log WHERE entity_key = ? AND action = 'relief.failed'", [relief.id]);
    expect(JSON.parse(entry.after)).toMatchObject({ billState: 'FAIL', failReason: 'ACCOUNT_FROZEN' });
    const [before] = await t.db.query('SELECT version, updated_at AS at FROM relief_records WHERE id = ?', [relief.id]);
    const outBillNo = relief.id.replace(/-/g, '');
    expect(await t.simulator.pay!.notify(outBillNo)).toBe(204);
    const [after] = await t.db.query('SELECT version, updated_at AS at FROM relief_records WHERE id = ?', [relief.id]);
    expect(after).toEqual(before);
  });

  it('refuses a forged or stale notice with 401 and changes nothing', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    t.simulator.pay!.failFor(c.worker.openid);
    t.simulator.pay!.suppressNextNotice();
    const relief = await approved(t, c);
    const outBillNo = relief.id.replace(/-/g, '');
    // The bill failed at WeChat Pay; its notice has not arrived.
    await t
      .http()
      .post('/__sim/pay/confirm')
      .send({ package: (await workerView(t, c)).claim!.package });
    const post = (notice: { headers: Record<string, string>; body: string }) => t.http().post('/api/wxpay/notify').set(notice.headers).send(notice.body);
    const now = Math.floor(Date.now() / 1000);
    const stale = t.simulator.pay!.noticeFor(outBillNo, now - 3600)!;
    const genuine = t.simulator.pay!.noticeFor(outBillNo, now)!;
    const tampered = { headers: genuine.headers, body: genuine.body.replace('"event_type"', '"event_type" ') };
    const unsigned = { headers: { ...genuine.headers, 'Wechatpay-Signature': randomBytes(256).toString('base64') }, body: genuine.body };
    for (const bad of [stale, tampered, unsigned]) {
      const response = await post(bad);
      expect([response.status, response.body.code]).toEqual([401, 'PAY_NOTICE_INVALID']);
    }
    expect((await workerView(t, c)).state).toBe('wait_user_confirm');
    // The genuine one settles it.
    expect((await post(genuine)).status).toBe(204);
    expect((await t.http().get(`/api/appeals/${c.appealId}/relief`).set(auth(c.office))).body.items[0].state).toBe('failed');
  });

  it("answers WeChat Pay's signature probe with 401 and a notice sent again after a lost one with 204, settling once", async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    const relief = await approved(t, c);
    const outBillNo = relief.id.replace(/-/g, '');
    t.simulator.pay!.loseNextNotice();
    await confirmUnheard(t, c);
    // 签名探测: a merchant that accepted it would accept forgeries.
    expect(await t.simulator.pay!.signTestProbe(outBillNo)).toBe(401);
    expect((await workerView(t, c)).state).toBe('wait_user_confirm');
    // WeChat Pay's next attempt arrives and is taken; nothing is left to send again.
    expect(await t.simulator.pay!.retryNotices()).toEqual([204]);
    expect((await workerView(t, c)).state).toBe('paid');
    expect(await t.simulator.pay!.retryNotices()).toEqual([]);
    const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM audit_log WHERE entity_key = ? AND action = 'relief.paid'", [relief.id]);
    expect(Number(n)).toBe(1);
  });

  it('records a bill WeChat Pay closed after 24 hours unconfirmed as failed, and the appeal may propose again', async () => {
    const { t } = ctx;
    // The month's budget holds exactly this one ¥500 relief.
    const c = await hardshipCase(t, 50_000);
    const relief = await approved(t, c);
    const { package: pkg } = (await workerView(t, c)).claim!;
    // Closed, and its notice lost: the reconciliation job finds it.
    t.simulator.pay!.suppressNextNotice();
    expect((await t.simulator.pay!.closeOverdue(relief.id.replace(/-/g, '')))?.state).toBe('FAIL');
    expect((await workerView(t, c)).state).toBe('wait_user_confirm');
    await t.app.get(ReliefService).reconcile();
    const mine = await workerView(t, c);
    expect([mine.state, mine.claim, mine.failReason]).toEqual(['failed', null, '您超过 24 小时没有领取,微信支付已关闭这笔转账,钱没有转出。党群工作部可以重新为您申请']);
    // The old package opens nothing any more.
    expect((await t.http().post('/__sim/pay/confirm').send({ package: pkg })).body.state).toBe('FAIL');
    const office = (await t.http().get(`/api/appeals/${c.appealId}/relief`).set(auth(c.office))).body.items[0];
    expect(office).toMatchObject({ state: 'failed', failReason: '职工超过 24 小时没有确认收款,微信支付已关闭这笔转账,可以重新申请' });
    // A new proposal is a new bill with its own out_bill_no (the old one failed for good), and the budget
    // the closed one held is free again: the full ¥500 is approved.
    expect((await approved(t, c)).state).toBe('wait_user_confirm');
  });

  it('settles a bill whose notice never came, by asking WeChat Pay', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    await approved(t, c);
    t.simulator.pay!.suppressNextNotice();
    await confirmUnheard(t, c);
    expect(await t.app.get(ReliefService).reconcile()).toBeGreaterThanOrEqual(1);
    expect((await workerView(t, c)).state).toBe('paid');
  });

  it('recovers a lost transfer answer to a 领取 the worker can tap, paid once on the same out_bill_no', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    t.simulator.pay!.dropNextTransferResponse();
    const relief = await approved(t, c);
    expect(relief.state).toBe('paying');
    const outBillNo = relief.id.replace(/-/g, '');
    // WeChat Pay's query answers the bill without its package.
    const queried = await t.app.get(WechatService).pay!.query(outBillNo);
    expect([queried.state, queried.package_info]).toEqual(['WAIT_USER_CONFIRM', undefined]);
    await t.app.get(ReliefService).reconcile();
    const mine = await workerView(t, c);
    expect(mine.state).toBe('wait_user_confirm');
    expect(mine.claim).toEqual({ mchId: '1900000001', appId: t.config.wechat.appid, package: t.simulator.pay!.bills().find((b) => b.out_bill_no === outBillNo)!.package_info });
    // The worker taps 领取 with it, and is paid.
    expect(await claimAndWait(t, c, mine.claim!.package)).toBe('paid');
    expect(t.simulator.pay!.bills().filter((b) => b.openid === c.worker.openid)).toHaveLength(1);
    // Both requests were the identical transfer (the second would be refused otherwise).
    const sent = transfersOf(t, c);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[0]).toMatchObject({ out_bill_no: outBillNo });
  });

  it.each(['NOT_ENOUGH', 'FREQUENCY_LIMITED'] as const)('keeps the bill after %s and pays it on the same out_bill_no', async (code) => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    t.simulator.pay!.refuseNextTransfer(code);
    const relief = await approved(t, c);
    // Not failed: WeChat Pay says retry the same bill.
    expect(relief.state).toBe('paying');
    await t.app.get(ReliefService).reconcile();
    const mine = await workerView(t, c);
    expect([mine.state, typeof mine.claim?.package]).toEqual(['wait_user_confirm', 'string']);
    expect(new Set(transfersOf(t, c).map((r) => r.out_bill_no))).toEqual(new Set([relief.id.replace(/-/g, '')]));
    expect(t.simulator.pay!.bills().filter((b) => b.openid === c.worker.openid)).toHaveLength(1);
  });

  it('after SYSTEM_ERROR finds the bill WeChat Pay made, and gets its package by sending the same request', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    t.simulator.pay!.refuseNextTransfer('SYSTEM_ERROR');
    const relief = await approved(t, c);
    expect(relief.state).toBe('paying');
    await t.app.get(ReliefService).reconcile();
    const mine = await workerView(t, c);
    expect([mine.state, mine.claim?.package]).toEqual(['wait_user_confirm', t.simulator.pay!.bills().find((b) => b.openid === c.worker.openid)!.package_info]);
  });

  it('settles a refused repeat by the bill behind it, and fails a request WeChat Pay will never take (no bill behind it)', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    const subsidyType = t.config.transfer.subsidyType;
    t.simulator.pay!.dropNextTransferResponse();
    expect((await approved(t, c)).state).toBe('paying');
    // The configuration changed between the lost answer and the retry: the same number, other parameters.
    t.config.transfer.subsidyType = '其他补助';
    try {
      await t.app.get(ReliefService).reconcile();
    } finally {
      t.config.transfer.subsidyType = subsidyType;
    }
    const [first, repeat] = transfersOf(t, c);
    expect(repeat).toEqual({ ...first, transfer_scene_report_infos: [{ info_type: '补贴类型', info_content: '其他补助' }] });
    // INVALID_REQUEST, but the bill exists and waits for the worker: not failed.
    expect((await workerView(t, c)).state).toBe('wait_user_confirm');
    await t.app.get(ReliefService).reconcile();
    expect(typeof (await workerView(t, c)).claim?.package).toBe('string');

    // A perception scene 1002 does not show (the old product's 困难补助): refused, no bill made, and the same
    // request would be refused again — the relief failed, with WeChat Pay's reason for the office.
    const other = await hardshipCase(t);
    const { perception } = t.config.transfer;
    t.config.transfer.perception = '困难补助';
    try {
      expect((await approved(t, other)).state).toBe('failed');
    } finally {
      t.config.transfer.perception = perception;
    }
    const office = (await t.http().get(`/api/appeals/${other.appealId}/relief`).set(auth(other.office))).body.items[0];
    expect(office.failReason).toBe('微信支付拒绝了转账请求:暂不支持展示当前传入的用户收款感知');
    expect(t.simulator.pay!.bills().filter((b) => b.openid === other.worker.openid)).toHaveLength(0);
  });

  it('keeps the 领取 while the money is on its way (TRANSFERING): the worker may open the confirmation again', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    await approved(t, c);
    const { package: pkg } = (await workerView(t, c)).claim!;
    await t.simulator.pay!.confirm(pkg, true);
    await t.app.get(ReliefService).reconcile();
    const [record] = await t.db.query('SELECT bill_state AS billState FROM relief_records WHERE appeal_id = ?', [c.appealId]);
    expect(record.billState).toBe('TRANSFERING');
    expect((await workerView(t, c)).claim?.package).toBe(pkg);
  });

  it("refuses an amount outside the merchant's per-transfer window before anyone approves it", async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    for (const amountFen of [9, 100_001]) {
      const response = await propose(t, c, amountFen);
      expect([response.status, response.body.code, response.body.message, response.body.details]).toEqual([
        422,
        'RELIEF_AMOUNT_OUT_OF_RANGE',
        '每笔救助金须在 ¥0.10 到 ¥1,000.00 之间(微信支付单笔转账限额)',
        { minFen: 10, maxFen: 100_000 },
      ]);
    }
    const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM relief_records WHERE appeal_id = ?', [c.appealId]);
    expect(Number(n)).toBe(0);
    // WeChat Pay's side of the same rules: the window, and the real name from ¥2,000.
    const gateway = t.app.get(WechatService).pay!;
    const request = (amount: number) => ({
      appid: gateway.keys.appid,
      out_bill_no: randomBytes(8).toString('hex'),
      transfer_scene_id: '1002',
      openid: c.worker.openid,
      transfer_amount: amount,
      transfer_remark: '困难职工救助金',
      notify_url: `${t.baseUrl.replace('http:', 'https:')}/api/wxpay/notify`,
      user_recv_perception: '行政补贴',
      transfer_scene_report_infos: [{ info_type: '补贴类型', info_content: '困难职工救助' }],
    });
    const refusal = (amount: number, change: Record<string, unknown> = {}) =>
      gateway.transfer({ ...request(amount), ...change }).then(
        () => null,
        (e: { status: number; code: string; message: string }) => [e.status, e.code, e.message],
      );
    expect(await refusal(100_001)).toEqual([400, 'INVALID_REQUEST', '转账金额超出商户单笔转账额度,请核实产品设置']);
    expect(await refusal(200_000)).toEqual([400, 'PARAM_ERROR', '转账金额>=2000元时,收款用户姓名必填']);
    expect(await refusal(5_000, { user_recv_perception: '困难补助' })).toEqual([400, 'INVALID_REQUEST', '暂不支持展示当前传入的用户收款感知']);
    expect(await refusal(5_000, { transfer_scene_report_infos: [] })).toEqual([400, 'PARAM_ERROR', '转账场景报备信息错误:须且只须填写 补贴类型']);
    expect(await refusal(5_000, { transfer_scene_id: '1000' })).toEqual([403, 'NO_AUTH', '商户未开通该转账场景']);
    for (const url of [`${t.baseUrl}/api/wxpay/notify`, `${t.baseUrl.replace('http:', 'https:')}/api/wxpay/notify?x=1`]) {
      expect(await refusal(5_000, { notify_url: url })).toEqual([400, 'PARAM_ERROR', 'notify_url 必须为 https 地址,不能携带参数']);
    }
  });

  it("validates the merchant's transfer settings at boot against WeChat Pay's documented values", () => {
    expect(loadConfig({}).transfer).toEqual({ sceneId: '1002', perception: '行政补贴', subsidyType: '困难职工救助', minFen: 10, maxFen: 20_000 });
    expect(loadConfig({ WXPAY_USER_RECV_PERCEPTION: '行政奖励' }).transfer.perception).toBe('行政奖励');
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal({ WXPAY_USER_RECV_PERCEPTION: '困难补助' })).toContain('WXPAY_USER_RECV_PERCEPTION: "困难补助" is not shown for scene 1002');
    expect(refusal({ WXPAY_TRANSFER_SCENE_ID: '1000' })).toContain('WXPAY_TRANSFER_SCENE_ID');
    expect(refusal({ WXPAY_TRANSFER_MAX_FEN: '200000' })).toContain('WXPAY_TRANSFER_MAX_FEN');
    expect(refusal({ WXPAY_SUBSIDY_TYPE: '补'.repeat(33) })).toContain('WXPAY_SUBSIDY_TYPE');
    expect(refusal({ WXPAY_TRANSFER_MIN_FEN: '500', WXPAY_TRANSFER_MAX_FEN: '400' })).toContain('WXPAY_TRANSFER_MIN_FEN');
    const production = {
      NODE_ENV: 'production',
      TOKEN_SECRET: randomBytes(32).toString('hex'),
      DATA_KEY: randomBytes(32).toString('base64'),
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: randomBytes(16).toString('hex'),
    };
    expect(refusal({ ...production, PUBLIC_BASE_URL: 'http://minqing.example.cn' })).toContain('PUBLIC_BASE_URL: "http://minqing.example.cn" must be an https:// address');
    expect(refusal({ ...production, PUBLIC_BASE_URL: 'https://minqing.example.cn' })).toBeNull();
  });

  it('refuses a budget overrun, a self-approval, one person approving twice, and a float amount', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t, 60_000);
    const first = await approved(t, c);
    expect(first.state).toBe('wait_user_confirm');
    // Another appeal of the same mine asks for more than the month has left.
    const second = await submitAppeal(t, c.worker.token, validAppeal(c.org.code, { category: 'hardship', content: '孩子上学学费困难,申请救助' }));
    await act(t, c.office, second.body.id, 'accept');
    const proposal = await t.http().post(`/api/appeals/${second.body.id}/relief`).set(auth(c.office)).send({ amountFen: 20_000, reason: '学费困难' });
    expect((await decide(t, c.office, proposal.body.id)).body.code).toBe('RELIEF_SELF_APPROVAL');
    await decide(t, c.leader, proposal.body.id);
    expect((await decide(t, c.leader, proposal.body.id)).body.code).toBe('RELIEF_STATE_CONFLICT');
    const over = await decide(t, c.approver, proposal.body.id);
    expect([over.status, over.body.code, over.body.details]).toEqual([409, 'RELIEF_BUDGET_EXCEEDED', { budgetFen: 60_000, committedFen: 50_000 }]);
    const [{ state }] = await t.db.query('SELECT state FROM relief_records WHERE id = ?', [proposal.body.id]);
    expect(state).toBe('proposed');

    // Amounts are checked before anything else: only a positive whole number of fen is money.
    for (const amount of [500.5, '50000', -1, 0, 1e20, null]) {
      const bad = await t.http().post(`/api/appeals/${second.body.id}/relief`).set(auth(c.office)).send({ amountFen: amount, reason: '理由' });
      expect([bad.status, bad.body.code]).toEqual([400, 'RELIEF_AMOUNT_INVALID']);
    }
    const living = await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(c.org.code));
    await act(t, c.office, living.body.id, 'accept');
    expect((await t.http().post(`/api/appeals/${living.body.id}/relief`).set(auth(c.office)).send({ amountFen: 100, reason: '理由' })).body.code).toBe('RELIEF_CATEGORY_INVALID');
  });

  it('keeps amounts whole fen: no float arithmetic anywhere in the relief module', () => {
    const dir = path.resolve('src/relief');
    const files = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const code = fs.readFileSync(path.join(dir, file), 'utf8');
      expect([file, code.match(/parseFloat|toFixed|Math\.round|\/\s*100\b|\*\s*100\b|\d\.\d+\s*\*|Number\(\s*\w*[Aa]mount/g)]).toEqual([file, null]);
    }
  });
});
