// The demo as `npm start` runs it (the simulator, the demo mines seeded at boot): each demo mine has a
// simulated 公众号, so its administrator's 设置公众号菜单 works in the demo. SQLite, npm start's database.
import { startTestApp, type TestApp } from './support/test-app.js';
import { SETUP_MS } from './support/time-budget.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('sqlite', { DEMO_SEED: 'true' });
}, SETUP_MS);
afterAll(() => t?.close());

describe('the demo', () => {
  it.each([
    ['cy', 'cy_admin', 'wxsimulatoroacy001'],
    ['xq', 'xq_admin', 'wxsimulatoroaxq001'],
  ])("sets %s's 公众号 menu with that mine's own simulated 公众号, opening the mini-program", async (org, admin, account) => {
    const response = await t
      .http()
      .post('/api/admin/official-account-menu')
      .set({ Authorization: `Bearer ${await t.login(admin)}` });
    expect(response.status).toBe(200);
    const menu = t.simulator.records.menu(account);
    expect(menu?.button.map((b) => [b.name, b.appid, b.pagepath])).toEqual([
      ['反映诉求', t.config.wechat.appid, `pages/submit/index?org=${org}`],
      ['诉求公示', t.config.wechat.appid, `pages/public/index?org=${org}`],
    ]);
  });
});
