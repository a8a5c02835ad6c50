// Hardship relief in every state WeChat Pay documents for a transfer bill, and the office's withdrawal
// (撤销转账) of a relief the worker has not confirmed: the bill CANCELING then CANCELLED, the 领取 gone,
// the budget given back — or refused because the worker's confirmation reached WeChat Pay first.
import { ReliefService } from '../src/relief/relief.service.js';
import { WechatService } from '../src/wechat/wechat.service.js';
import { approved, confirmUnheard, eventually, hardshipCase, officeView, transfersOf, withdraw, workerView, type Case } from './support/relief-case.js';
import { enginesUnderTest } from './support/test-databases.js';
import { useTestApp, type TestApp } from './support/test-app.js';

const outBillNoOf = (id: string) => id.replace(/-/g, '');
const billOf = (t: TestApp, c: Case) => t.simulator.pay!.bills().find((b) => b.openid === c.worker.openid)!;
const cancelRequests = (t: TestApp, outBillNo: string) =>
  t.simulator.records.received().filter((r) => r.api === `pay/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${outBillNo}/cancel`);

describe.each(enginesUnderTest())('hardship relief: bill states and withdrawal on %s', (engine) => {
  const ctx = useTestApp(engine);

  it.each(['ACCEPTED', 'PROCESSING'] as const)('keeps a bill WeChat Pay holds in %s without a 领取, and gives the worker one once it waits for them', async (held) => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    t.simulator.pay!.holdNextTransfer(held);
    const relief = await approved(t, c);
    // Answered 200 in a state whose package cannot open the confirmation: no 领取 yet, nothing failed.
    expect([relief.state, (await workerView(t, c)).claim]).toEqual(['paying', null]);
    await t.app.get(ReliefService).reconcile();
    expect([(await workerView(t, c)).state, billOf(t, c).state]).toEqual(['paying', held]);
    t.simulator.pay!.advance(outBillNoOf(relief.id));
    // The query says WAIT_USER_CONFIRM without a package; the identical transfer, sent again, brings it.
    await t.app.get(ReliefService).reconcile();
    const mine = await workerView(t, c);
    expect([mine.state, mine.claim?.package]).toEqual(['wait_user_confirm', billOf(t, c).package_info]);
    expect(t.simulator.pay!.bills().filter((b) => b.openid === c.worker.openid)).toHaveLength(1);
    // Every attempt was the identical request (the same out_bill_no with other parameters is refused).
    const sent = transfersOf(t, c);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.every((request) => JSON.stringify(request) === JSON.stringify(sent[0]))).toBe(true);
  });

  it('settles every state a query or a notice may carry: waiting ones keep the 领取, final ones end it, none strands the relief', async () => {
    const { t } = ctx;
    const relief = t.app.get(ReliefService);
    const expected: Array<[string, string, boolean]> = [
      ['ACCEPTED', 'paying', false],
      ['PROCESSING', 'paying', false],
      ['WAIT_USER_CONFIRM', 'wait_user_confirm', true],
      ['TRANSFERING', 'wait_user_confirm', true],
      ['CANCELING', 'cancelling', false],
      ['SUCCESS', 'paid', false],
      ['FAIL', 'failed', false],
      ['CANCELLED', 'cancelled', false],
    ];
    const seen: Array<[string, string, boolean]> = [];
    for (const [state] of expected) {
      const c = await hardshipCase(t);
      const { id } = await approved(t, c);
      await relief.settle(outBillNoOf(id), { out_bill_no: outBillNoOf(id), state });
      const mine = await workerView(t, c);
      seen.push([state, mine.state, mine.claim !== null]);
    }
    expect(seen).toEqual(expected);
  });

  it('withdraws a relief the worker has not claimed: WeChat Pay cancels the bill, the 领取 goes, the worker reads why, the budget comes back', async () => {
    const { t } = ctx;
    // The month's budget holds exactly one ¥500 relief.
    const c = await hardshipCase(t, 50_000);
    const relief = await approved(t, c);
    const { package: pkg } = (await workerView(t, c)).claim!;
    t.simulator.pay!.holdNextCancel();
    const answer = await withdraw(t, c.office, relief.id);
    expect([answer.status, answer.body.state]).toEqual([200, 'cancelling']);
    // WeChat Pay took the cancel (CANCELING): the worker's 领取 is gone at once, and their package opens nothing.
    expect(await t.app.get(WechatService).pay!.query(outBillNoOf(relief.id))).toMatchObject({ state: 'CANCELING' });
    expect((await workerView(t, c)).claim).toBeNull();
    expect((await t.http().post('/__sim/pay/confirm').send({ package: pkg })).body.state).toBe('CANCELING');
    await t.app.get(ReliefService).reconcile();
    expect((await workerView(t, c)).state).toBe('cancelling');
    // CANCELLED, and its notice.
    await t.simulator.pay!.finishCancel(outBillNoOf(relief.id));
    const mine = await eventually(
      () => workerView(t, c),
      (r) => r.state === 'cancelled',
    );
    expect([mine.state, mine.claim, mine.failReason]).toEqual(['cancelled', null, '这笔救助金已撤回,钱没有转出。如有疑问请联系党群工作部']);
    expect(cancelRequests(t, outBillNoOf(relief.id))).toHaveLength(1);
    // Who withdrew it and why, in the audit log; the staff timeline tells the story.
    const [entry] = await t.db.query("SELECT actor_id AS actor, `after` AS after FROM audit_log WHERE entity_key = ? AND action = 'relief.withdraw'", [relief.id]);
    const [office] = await t.db.query('SELECT id FROM users WHERE openid = ?', [c.org.staff.coordinator]);
    expect([entry.actor, JSON.parse(entry.after)]).toEqual([office.id, { state: 'cancelling', reason: '金额填错了,重新申请' }]);
    const events = await t.db.query("SELECT text FROM appeal_events WHERE appeal_id = ? AND type = 'relief' ORDER BY created_at, id", [c.appealId]);
    expect(events.map((e: { text: string }) => e.text).slice(-2)).toEqual(['撤回救助金 ¥500.00:金额填错了,重新申请', '救助金 ¥500.00 已撤回,微信支付已撤销这笔转账']);
    // The budget it held is free again: a new ¥500 relief for the same appeal is approved and paid out.
    expect((await approved(t, c)).state).toBe('wait_user_confirm');
  });

  it('sends a cancel that never reached WeChat Pay again from the job, and ends cancelled', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    const relief = await approved(t, c);
    t.simulator.pay!.loseNextCancel();
    expect((await withdraw(t, c.office, relief.id)).body.state).toBe('cancelling');
    // WeChat Pay never saw it: the bill still waits for the worker, but the office's withdrawal stands.
    expect(billOf(t, c).state).toBe('WAIT_USER_CONFIRM');
    expect((await workerView(t, c)).claim).toBeNull();
    await t.app.get(ReliefService).reconcile();
    const mine = await eventually(
      () => workerView(t, c),
      (r) => r.state === 'cancelled',
    );
    expect([mine.state, billOf(t, c).state, cancelRequests(t, outBillNoOf(relief.id)).length]).toEqual(['cancelled', 'CANCELLED', 2]);
  });

  it('refuses a withdrawal from anyone but the office, without a reason, or once WeChat Pay holds the worker’s confirmation', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    const relief = await approved(t, c);
    expect((await withdraw(t, c.leader, relief.id)).status).toBe(403);
    expect((await withdraw(t, c.worker.token, relief.id)).status).toBe(404);
    for (const reason of ['  ', '撤'.repeat(201), null]) {
      const bad = await withdraw(t, c.office, relief.id, reason);
      expect([bad.status, bad.body.code]).toEqual([400, 'RELIEF_WITHDRAW_REASON_REQUIRED']);
    }
    expect((await workerView(t, c)).state).toBe('wait_user_confirm');

    // The worker confirmed in WeChat and the product has not heard yet: WeChat Pay refuses the cancel, the
    // bill's state settles the record, and the office is told it is too late.
    t.simulator.pay!.suppressNextNotice();
    await confirmUnheard(t, c);
    const late = await withdraw(t, c.office, relief.id);
    expect([late.status, late.body.code, late.body.message]).toEqual([409, 'RELIEF_WITHDRAW_TOO_LATE', '职工已经确认收款,这笔救助金不能撤回了']);
    expect(
      await t.app
        .get(WechatService)
        .pay!.cancel(outBillNoOf(relief.id))
        .catch((e: { status: number; code: string }) => [e.status, e.code]),
    ).toEqual([400, 'INVALID_REQUEST']);
    expect([(await officeView(t, c)).state, billOf(t, c).state]).toEqual(['paid', 'SUCCESS']);
    const paid = await withdraw(t, c.office, relief.id);
    expect([paid.status, paid.body.code]).toEqual([409, 'RELIEF_NOT_WITHDRAWABLE']);
    const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM audit_log WHERE entity_key = ? AND action = 'relief.withdraw_lost'", [relief.id]);
    expect(Number(n)).toBe(1);
    // 撤销转账 of a bill WeChat Pay never made.
    expect(
      await t.app
        .get(WechatService)
        .pay!.cancel('nosuchbill00001')
        .catch((e: { status: number; code: string }) => [e.status, e.code]),
    ).toEqual([404, 'NOT_FOUND']);
  });

  it('keeps the worker’s 领取 when a confirmation on its way (TRANSFERING) wins over the withdrawal', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    const relief = await approved(t, c);
    const { package: pkg } = (await workerView(t, c)).claim!;
    await t.simulator.pay!.confirm(pkg, true);
    expect((await withdraw(t, c.office, relief.id)).body.code).toBe('RELIEF_WITHDRAW_TOO_LATE');
    const mine = await workerView(t, c);
    expect([mine.state, mine.claim?.package]).toEqual(['wait_user_confirm', pkg]);
    expect((await officeView(t, c)).state).toBe('wait_user_confirm');
    await t.http().post('/__sim/pay/confirm').send({ package: pkg });
    expect(
      (
        await eventually(
          () => workerView(t, c),
          (r) => r.state === 'paid',
        )
      ).state,
    ).toBe('paid');
  });
});
