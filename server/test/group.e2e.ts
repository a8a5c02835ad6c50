// A mining group's administrator sees its mines' rates side by side, ranked (红黑榜) — and nothing
// inside a case: no appeal, no serial, no worker's words.
import { randomUUID } from 'node:crypto';
import type { GroupRankingsView } from '@minqing/shared';
import { seedGroup } from '../src/demo/org-seeder.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const sh = (local: string) => new Date(`${local}+08:00`);

describe.each(enginesUnderTest())('the group view on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('ranks the mines by 回复率, 按时办结率 and 满意率, and shows no case', async () => {
    const { t } = ctx;
    const [good, slow] = [await t.createOrg(), await t.createOrg()];
    const adminOpenid = uniqueName('group');
    await seedGroup(t.db, {
      code: uniqueName('g').slice(0, 10),
      name: '测试集团',
      slogan: '矿山是咱家',
      mines: [good.code, slow.code],
      admin: { openid: adminOpenid, name: '集团' },
    });
    const words = `集团看不到${randomUUID().slice(0, 6)}`;
    t.setNow(sh('2026-09-03T09:00'));
    const appeals = [];
    for (const mine of [good, slow]) {
      const worker = await t.login(uniqueName('w'));
      appeals.push((await submitAppeal(t, worker, validAppeal(mine.code, { content: `${words}:澡堂水不热` }))).body);
    }
    // The good mine answers at once; the slow one never triages.
    const office = await t.login(good.staff.coordinator);
    const logistics = await t.login(good.staff.logistics);
    for (const [token, action, body] of [
      [office, 'accept', {}],
      [office, 'dispatch', { department: 'logistics', instructions: '请处理' }],
      [logistics, 'acknowledge', {}],
      [logistics, 'respond', { outcome: 'resolved', text: '修好了' }],
      [office, 'reply', { text: '修好了' }],
    ] as const)
      expect((await act(t, token, appeals[0].id, action, body)).status).toBe(200);
    t.setNow(sh('2026-10-02T09:00'));

    const group = await t.login(adminOpenid);
    const response = await t.http().get('/api/group/rankings/2026-09').set(auth(group));
    expect(response.status).toBe(200);
    const view = response.body as GroupRankingsView;
    expect(view.mines.map((m) => [m.code, m.total, m.rates.replyRate.value])).toEqual(
      [
        [good.code, 1, 1],
        [slow.code, 1, 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(view.rankings.replyRate).toEqual([good.code, slow.code]);
    expect(view.rankings.onTimeRate[0]).toBe(good.code);
    const text = JSON.stringify(view);
    for (const secret of [words, appeals[0].serial, appeals[0].id, appeals[1].serial]) expect(text).not.toContain(secret);

    // Nothing inside a case, anywhere.
    expect((await t.http().get('/api/appeals').set(auth(group))).status).toBe(403);
    expect((await t.http().get(`/api/appeals/${appeals[0].id}`).set(auth(group))).status).toBe(404);
    expect((await t.http().get('/api/reports/2026-09').set(auth(group))).status).toBe(403);
    expect((await t.http().get('/api/group/rankings/2026-09').set(auth(office))).status).toBe(403);
    expect((await t.http().get('/api/group/rankings/2026-9').set(auth(group))).body.code).toBe('REPORT_MONTH_INVALID');
    t.setNow(null);
  });
});
